/**
 * The events a case's process state is derived from, and that state. The database layer stores the events
 * (with who, when and the opinion, which the reducer ignores) and caches the state. Semantics:
 * docs/adr/003-process-engine.md.
 */
import { z } from '@hono/zod-openapi';
import { NodeId } from './definition.ts';

/** Case data recorded by an event (e.g. the area measured by 测绘处), read by exclusive gateways. */
const EventData = z.record(z.string(), z.unknown());

export const ProcessEvent = z
  .union([
    /** 受理: the case is accepted and enters its first step. */
    z.object({ type: z.literal('started'), data: EventData.optional() }),
    /** 通过 */
    z.object({
      type: z.literal('step_completed'),
      stepId: NodeId,
      action: z.literal('pass'),
      data: EventData.optional(),
    }),
    /** 退回: to an earlier step, or to the applicant ('applicant') for corrections. */
    z.object({
      type: z.literal('step_completed'),
      stepId: NodeId,
      action: z.literal('return'),
      returnTo: z.string().min(1),
      data: EventData.optional(),
    }),
    /** 不予许可 */
    z.object({
      type: z.literal('step_completed'),
      stepId: NodeId,
      action: z.literal('deny'),
      reasons: z.array(z.string().trim().min(1).max(2000)).min(1).max(20),
    }),
    /** The applicant hands in the corrections: the step that asked for them is active again. */
    z.object({ type: z.literal('resubmitted'), data: EventData.optional() }),
  ])
  .openapi('ProcessEvent');
export type ProcessEvent = z.infer<typeof ProcessEvent>;
export type StepCompleted = Extract<ProcessEvent, { type: 'step_completed' }>;

export const PROCESS_STATUSES = {
  created: '未开始',
  running: '办理中',
  with_applicant: '退回申请人补正',
  finished: '已办结',
  denied: '不予许可',
} as const;
export type ProcessStatus = keyof typeof PROCESS_STATUSES;

export interface ProcessState {
  status: ProcessStatus;
  /** Steps with an open task, in the order they were activated. */
  active: string[];
  /** Steps passed whose result still stands (a return discards those after its target), in order. */
  completed: string[];
  /** Per parallel join still waiting: the branches (indexes of the split's edges) that have arrived. */
  joins: Record<string, number[]>;
  /** Case data recorded by the events so far, later events winning. */
  data: Record<string, unknown>;
  /** While with the applicant: the step that asked for corrections and resumes on resubmission. */
  awaitingApplicant: string | null;
  denial: { stepId: string; reasons: string[] } | null;
  /** Number of events applied. */
  eventCount: number;
}

export function initialState(): ProcessState {
  return {
    status: 'created',
    active: [],
    completed: [],
    joins: {},
    data: {},
    awaitingApplicant: null,
    denial: null,
    eventCount: 0,
  };
}
