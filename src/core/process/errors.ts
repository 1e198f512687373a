import type { ProcessProblem } from './validate.ts';

/** The definition cannot be executed or measured: it has validation errors. */
export class ProcessDefinitionError extends Error {
  readonly code = 'PROCESS_DEFINITION_INVALID';
  readonly problems: readonly ProcessProblem[];
  readonly messageZh: string;

  constructor(problems: readonly ProcessProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`invalid process definition: ${errors.map((p) => p.en).join('; ')}`);
    this.name = 'ProcessDefinitionError';
    this.problems = problems;
    this.messageZh = `流程定义有误：${errors.map((p) => p.zh).join('；')}`;
  }
}

export const EVENT_ERRORS = {
  not_started: { zh: '办件流程尚未开始。', en: 'the process has not started' },
  already_started: { zh: '办件流程已经开始。', en: 'the process has already started' },
  closed: { zh: '办件已办结或已不予许可，不能再办理。', en: 'the case is closed (finished or denied)' },
  with_applicant: {
    zh: '办件已退回申请人补正，等待申请人重新提交。',
    en: 'the case is with the applicant for corrections',
  },
  not_with_applicant: { zh: '办件没有退回申请人。', en: 'the case is not with the applicant' },
  not_active: { zh: '该步骤当前不在办理中。', en: 'the step is not active' },
  action_not_allowed: { zh: '该步骤不允许此操作。', en: 'the step does not allow this action' },
  bad_return_target: {
    zh: '退回目标不是该步骤允许退回的前序步骤。',
    en: 'the return target is not an allowed earlier step',
  },
  missing_reasons: { zh: '不予许可必须说明理由。', en: 'a denial needs reasons' },
} as const;
export type EventErrorCode = keyof typeof EVENT_ERRORS;

/** An event that cannot happen in the current state (e.g. completing a step that is not active). */
export class ProcessEventError extends Error {
  readonly code: EventErrorCode;
  readonly stepId: string | undefined;
  readonly messageZh: string;

  constructor(code: EventErrorCode, stepId?: string) {
    const { zh, en } = EVENT_ERRORS[code];
    super(stepId === undefined ? en : `${en}: ${stepId}`);
    this.name = 'ProcessEventError';
    this.code = code;
    this.stepId = stepId;
    this.messageZh = stepId === undefined ? zh : `${zh}（${stepId}）`;
  }
}
