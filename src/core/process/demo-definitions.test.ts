import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCESS } from '../../modules/catalogue/process.ts';
import { builtinCalendar } from '../builtin-calendar.ts';
import { zonedInstant } from '../dates.ts';
import { APPLICANT, stepsOf } from './definition.ts';
import {
  DEFAULT_DEFINITION,
  MLR_MINING_PROMISED_WORKING_DAYS,
  MLR_MINING_RIGHT,
  YANGZHOU_PROMISED_WORKING_DAYS,
  YANGZHOU_LAND_SUPPLY as YZ,
} from './demo-definitions.ts';
import { criticalPath, plannedSchedule, serialise } from './duration.ts';
import type { ProcessEvent } from './events.ts';
import { advance, replay, start } from './execute.ts';
import { back, pass } from './test-fixtures.ts';
import { validate } from './validate.ts';

const calendar = builtinCalendar();
const bj = (date: string, time = '17:30') => zonedInstant(date, time, 'Asia/Shanghai');
const COSIGNERS = [
  'cosign_ly',
  'cosign_dj',
  'cosign_ch',
  'cosign_jg',
  'cosign_fg',
  'cosign_gd',
  'cosign_jc',
  'cosign_bgs',
];
const LEADERS = ['leader_1', 'leader_2', 'leader_3', 'leader_4', 'leader_5'];

describe('Yangzhou land supply (seed 003): the arithmetic of running fieldwork in parallel', () => {
  it('fits the promised 20 working days', () => {
    expect(validate(YZ, { promisedWorkingDays: YANGZHOU_PROMISED_WORKING_DAYS })).toEqual([]);
    expect(stepsOf(YZ)).toHaveLength(26);
  });

  it('takes 20 working days on the longest path: 0+2+1 + max(5,5,5) + 1 + 18h + 1 + 3 + 1+1+1+1+1', () => {
    const cp = criticalPath(YZ);
    expect(cp.workingDays).toBe(20);
    expect(cp.path).toContain('government_approval');
    // a small parcel skips the government (3 days); the flag sends even a small one there
    expect(criticalPath(YZ, { caseData: { areaHectares: 1.5 } }).workingDays).toBe(17);
    expect(
      criticalPath(YZ, { caseData: { areaHectares: 1.5, needsGovernmentApproval: true } }).workingDays,
    ).toBe(20);
  });

  it('would take 10 working days longer with 权属核定, 面积量算, 地价评估 in sequence (5+5+5 − max 5)', () => {
    const serialFieldwork = serialise(YZ, ['fieldwork']);
    expect(validate(serialFieldwork)).toEqual([]);
    expect(criticalPath(serialFieldwork).workingDays).toBe(30);
    // and 7 more if the eight co-signers signed one after another as well (8×1 − 1)
    expect(criticalPath(serialise(YZ)).workingDays).toBe(37);
  });

  it('plans the due dates from acceptance on Mon 2025-09-15, across National Day', () => {
    const plan = plannedSchedule(YZ, { acceptedAt: bj('2025-09-15', '10:00'), calendar });
    const due = new Map(plan.steps.map((p) => [p.stepId, p.dueAt]));
    const expected: [string, number][] = [
      ['intake', bj('2025-09-15')], // 0 days: the same day
      ['consult_planning', bj('2025-09-17')],
      ['material_review', bj('2025-09-18')],
      ['ownership', bj('2025-09-25')], // 5 days: 19, 22, 23, 24, 25
      ['area', bj('2025-09-25')],
      ['price', bj('2025-09-25')],
      ...COSIGNERS.map((id): [string, number] => [id, bj('2025-09-26')]),
      ['leader_1', bj('2025-09-28', '12:30')], // Sun 28 is a make-up working day
      ['leader_2', bj('2025-09-28', '16:30')],
      ['leader_3', bj('2025-09-29', '11:30')],
      ['leader_4', bj('2025-09-29', '14:30')],
      ['leader_5', bj('2025-09-29')],
      ['minutes', bj('2025-09-30')],
      ['government_approval', bj('2025-10-11')], // Oct 1–8 off; 9, 10, Sat 11 (make-up)
      ['certificate', bj('2025-10-13')],
      ['fee', bj('2025-10-14')],
      ['director_sign', bj('2025-10-15')],
      ['delivery', bj('2025-10-16')],
      ['archive', bj('2025-10-17')],
    ];
    expect([...due.entries()]).toEqual(expected);
    expect(plan.dueDate).toBe('2025-10-17');
    expect(calendar.addWorkingDays('2025-09-15', 20)).toBe('2025-10-17');

    const serial = plannedSchedule(serialise(YZ, ['fieldwork']), {
      acceptedAt: bj('2025-09-15', '10:00'),
      calendar,
    });
    expect(serial.dueDate).toBe('2025-10-31');
    expect(calendar.countWorkingDays(plan.dueDate, serial.dueDate)).toBe(10);
  });
});

describe('Yangzhou land supply: running the case', () => {
  const upToMeeting: ProcessEvent[] = [
    pass('intake'),
    pass('consult_planning'),
    pass('material_review'),
    pass('ownership'),
    pass('area', { areaHectares: 3.5 }),
    pass('price'),
  ];

  it('opens the three fieldwork steps together and the eight co-signers after all three', () => {
    let r = start(YZ);
    for (const e of upToMeeting.slice(0, 3)) r = advance(YZ, r.state, e);
    expect(r.activated).toEqual(['ownership', 'area', 'price']);
    for (const e of upToMeeting.slice(3)) r = advance(YZ, r.state, e);
    expect(r.activated).toEqual(COSIGNERS);
  });

  it('sends a parcel measured above 2 hectares to the city government and finishes', () => {
    const events = [
      { type: 'started' } as const,
      ...upToMeeting,
      ...COSIGNERS.map((id) => pass(id)),
      ...LEADERS.map((id) => pass(id)),
    ];
    const r = advance(YZ, replay(YZ, events), pass('minutes'));
    expect(r.choices).toEqual([{ gateway: 'government_check', to: 'government_approval' }]);
    const rest = ['government_approval', 'certificate', 'fee', 'director_sign', 'delivery', 'archive'];
    const done = replay(YZ, [...events, pass('minutes'), ...rest.map((id) => pass(id))]);
    expect(done.status).toBe('finished');
    expect(done.completed).toHaveLength(26);
  });

  it('lets 地价所 send the valuation back from the meeting: the meeting starts over, the other fieldwork stands', () => {
    const meeting = replay(YZ, [{ type: 'started' }, ...upToMeeting, pass('cosign_ly'), pass('cosign_dj')]);
    const r = advance(YZ, meeting, back('cosign_jg', 'price'));
    expect(r.activated).toEqual(['price']);
    expect(r.cancelled).toEqual(
      COSIGNERS.filter((id) => !['cosign_ly', 'cosign_dj', 'cosign_jg'].includes(id)),
    );
    expect(r.state.joins).toEqual({ fieldwork_done: [0, 1] });
    expect(advance(YZ, r.state, pass('price')).activated).toEqual(COSIGNERS);
  });
});

describe('Ministry mining right', () => {
  it('runs intake → 承办 → 审核 → 批准 → 制证 → 发证 → 归档 in 20 working days', () => {
    expect(validate(MLR_MINING_RIGHT, { promisedWorkingDays: MLR_MINING_PROMISED_WORKING_DAYS })).toEqual([]);
    expect(criticalPath(MLR_MINING_RIGHT).path).toEqual([
      'intake',
      'handle',
      'review',
      'approve',
      'certificate',
      'delivery',
      'archive',
    ]);
    const events: ProcessEvent[] = [
      { type: 'started' },
      pass('intake'),
      back('handle', APPLICANT),
      { type: 'resubmitted' },
      pass('handle'),
      pass('review'),
      back('approve', 'handle'),
      pass('handle'),
      pass('review'),
      ...['approve', 'certificate', 'delivery', 'archive'].map((id) => pass(id)),
    ];
    expect(replay(MLR_MINING_RIGHT, events)).toMatchObject({ status: 'finished', eventCount: events.length });
  });

  it('lets the department leader refuse the licence', () => {
    const state = replay(MLR_MINING_RIGHT, [
      { type: 'started' },
      pass('intake'),
      pass('handle'),
      pass('review'),
    ]);
    const r = advance(MLR_MINING_RIGHT, state, {
      type: 'step_completed',
      stepId: 'approve',
      action: 'deny',
      reasons: ['矿区范围与已设矿业权重叠'],
    });
    expect(r.state).toMatchObject({ status: 'denied', denial: { stepId: 'approve' } });
  });
});

describe('default definition', () => {
  it('has the step ids of the catalogue’s provisional DEFAULT_PROCESS', () => {
    expect(stepsOf(DEFAULT_DEFINITION).map((s) => s.id)).toEqual(DEFAULT_PROCESS.steps.map((s) => s.id));
    expect(validate(DEFAULT_DEFINITION)).toEqual([]);
    expect(criticalPath(DEFAULT_DEFINITION).workingDays).toBe(5);
  });
});
