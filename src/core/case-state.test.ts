import { describe, expect, it } from 'vitest';
import {
  allowedDecisions,
  type CaseState,
  type CheckedMaterial,
  checkDecision,
  conditionFailure,
  correctionList,
  intakeConditions,
  isCorrectionLate,
  maskName,
  undeferrable,
} from './case-state.ts';

const state = (s: Partial<CaseState> = {}): CaseState => ({
  status: 'received',
  corrections: 0,
  deemedAccepted: false,
  ...s,
});
const m = (
  name: string,
  status: CheckedMaterial['status'],
  extra: Partial<CheckedMaterial> = {},
): CheckedMaterial => ({
  name,
  required: true,
  deferrable: false,
  status,
  note: '',
  ...extra,
});

describe('intake decisions by state', () => {
  it.each([
    [state(), ['accept', 'refuse', 'request_correction', 'defer']],
    [state({ corrections: 1 }), ['accept', 'refuse', 'defer']],
    [state({ corrections: 1, deemedAccepted: true }), ['accept', 'defer']],
    [state({ status: 'correction_requested', corrections: 1 }), ['resubmit']],
    [state({ status: 'accepted' }), []],
    [state({ status: 'refused' }), []],
    [state({ status: 'completed' }), []],
    [state({ status: 'terminated' }), []],
  ] as const)('%o allows %o', (s, allowed) => {
    expect(allowedDecisions(s)).toEqual(allowed);
  });

  it('names why a decision is refused', () => {
    expect(checkDecision(state({ corrections: 1 }), 'request_correction')?.code).toBe(
      'correction_already_requested',
    );
    expect(checkDecision(state({ deemedAccepted: true }), 'refuse')?.code).toBe('deemed_accepted');
    expect(checkDecision(state({ status: 'accepted' }), 'accept')?.code).toBe('already_decided');
    expect(checkDecision(state(), 'resubmit')?.code).toBe('not_awaiting_correction');
  });
});

describe('the three conditions', () => {
  it('holds when every required material is ok (optional ones may be missing)', () => {
    const r = intakeConditions([m('申请书', 'ok'), m('委托书', 'missing', { required: false })]);
    expect(conditionFailure(r)).toBeNull();
  });

  it('reports missing and unchecked required materials first, then defective, then mismatched', () => {
    const r = intakeConditions([
      m('申请书', 'pending'),
      m('方案', 'defective', { note: '无签字' }),
      m('批复', 'mismatch'),
      m('执照', 'missing'),
    ]);
    expect(r).toEqual({
      incomplete: ['申请书', '执照'],
      defective: [{ name: '方案', note: '无签字' }],
      mismatch: ['批复'],
    });
    expect(conditionFailure(r)?.zh).toBe('申请材料不齐全：申请书、执照。');
    expect(conditionFailure({ ...r, incomplete: [] })?.zh).toBe('申请材料不符合法定形式：方案（无签字）。');
    expect(conditionFailure({ incomplete: [], defective: [], mismatch: ['批复'] })?.code).toBe(
      'materials_paper_electronic_mismatch',
    );
  });

  it('lets 容缺 owe only the named materials, and only eligible missing ones', () => {
    const list = [m('申请书', 'ok'), m('执照', 'missing', { deferrable: true }), m('批复', 'missing')];
    expect(intakeConditions(list, new Set(['执照'])).incomplete).toEqual(['批复']);
    expect(undeferrable(list, new Set(['执照', '批复', '申请书']))).toEqual(['申请书', '批复']);
  });

  it('lists every material to correct, and nothing that is fine', () => {
    const list = [
      m('申请书', 'ok'),
      m('执照', 'missing'),
      m('方案', 'defective'),
      m('委托书', 'missing', { required: false }),
    ];
    expect(correctionList(list).map((x) => x.name)).toEqual(['执照', '方案']);
  });
});

describe('Art. 32 and masking', () => {
  const addWorkingDays = (day: number, n: number) => day + n; // every day a working day
  it('is late only after the 5th working day after receipt', () => {
    expect(isCorrectionLate(100, 105, addWorkingDays)).toBe(false);
    expect(isCorrectionLate(100, 106, addWorkingDays)).toBe(true);
    expect(isCorrectionLate(100, 100, addWorkingDays, 0)).toBe(false);
  });

  it.each([
    ['张三明', 'natural_person', '张*明'],
    ['欧阳小明', 'natural_person', '欧**明'],
    ['张三', 'natural_person', '张*'],
    ['北京金石矿业有限公司', 'legal_person', '北京**公司'],
    ['某某所', 'legal_person', '某**'],
  ] as const)('masks %s as %s', (name, kind, masked) => {
    expect(maskName(name, kind)).toBe(masked);
  });
});
