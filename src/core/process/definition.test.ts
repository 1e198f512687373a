import { describe, expect, it } from 'vitest';
import { chooseEdge, conditionHolds, readField } from './conditions.ts';
import { type Condition, ProcessDefinition, ProcessEdge, ProcessNode } from './definition.ts';
import { YANGZHOU_LAND_SUPPLY } from './demo-definitions.ts';
import { ProcessEvent } from './events.ts';

const step = {
  type: 'step',
  id: 'a',
  name: '审核',
  kind: 'review',
  assignee: { type: 'role', role: 'reviewer' },
};

describe('ProcessDefinition schema', () => {
  it('fills in the default actions (pass only) and survives a JSON round trip', () => {
    expect(ProcessNode.parse(step)).toMatchObject({
      actions: { returnTo: [], returnToApplicant: false, deny: false },
    });
    const json = JSON.parse(JSON.stringify(YANGZHOU_LAND_SUPPLY));
    expect(ProcessDefinition.parse(json)).toEqual(YANGZHOU_LAND_SUPPLY);
  });

  it('reserves the id "applicant" for returns to the applicant', () => {
    expect(ProcessNode.safeParse({ ...step, id: 'applicant' }).success).toBe(false);
  });

  it('refuses unknown fields, fractional working days, bad ids and unknown kinds or assignees', () => {
    const bad = [
      { ...step, extra: 1 },
      { ...step, limit: { value: 1.5, unit: 'working_days' } },
      { ...step, id: 'Bad Id' },
      { ...step, kind: 'meeting' },
      { ...step, assignee: { type: 'person', id: 7 } },
    ];
    for (const node of bad) expect(ProcessNode.safeParse(node).success).toBe(false);
    expect(ProcessNode.safeParse({ ...step, limit: { value: 1.5, unit: 'working_hours' } }).success).toBe(
      true,
    );
  });

  it('refuses an edge that is both conditional and the default, and ill-typed comparisons', () => {
    const condition = { field: 'area', op: '>', value: 2 };
    expect(ProcessEdge.safeParse({ from: 'x', to: 'a', condition, default: true }).success).toBe(false);
    expect(
      ProcessEdge.safeParse({ from: 'x', to: 'a', condition: { ...condition, value: '2' } }).success,
    ).toBe(false);
    expect(ProcessEdge.safeParse({ from: 'x', to: 'a', condition: { ...condition, op: 'in' } }).success).toBe(
      false,
    );
    expect(
      ProcessEdge.safeParse({ from: 'x', to: 'a', condition: { ...condition, field: 'a..b' } }).success,
    ).toBe(false);
  });

  it('parses the five event forms and refuses a denial without reasons', () => {
    expect(ProcessEvent.parse({ type: 'started', data: { area: 3 } })).toEqual({
      type: 'started',
      data: { area: 3 },
    });
    expect(
      ProcessEvent.safeParse({ type: 'step_completed', stepId: 'a', action: 'deny', reasons: [] }).success,
    ).toBe(false);
    expect(ProcessEvent.safeParse({ type: 'step_completed', stepId: 'a', action: 'return' }).success).toBe(
      false,
    );
    expect(ProcessEvent.safeParse({ type: 'resubmitted' }).success).toBe(true);
  });
});

describe('conditions', () => {
  const data = { area: 3.5, use: 'industrial', flagged: true, land: { parcel: { hectares: 12 } } };
  const holds = (c: Condition) => conditionHolds(c, data);

  it('compares numbers, scalars and lists', () => {
    expect(holds({ field: 'area', op: '>', value: 2 })).toBe(true);
    expect(holds({ field: 'area', op: '<=', value: 3.5 })).toBe(true);
    expect(holds({ field: 'area', op: '<', value: 3.5 })).toBe(false);
    expect(holds({ field: 'use', op: '==', value: 'industrial' })).toBe(true);
    expect(holds({ field: 'flagged', op: '!=', value: false })).toBe(true);
    expect(holds({ field: 'use', op: 'in', value: ['commercial', 'industrial'] })).toBe(true);
    expect(holds({ field: 'land.parcel.hectares', op: '>=', value: 12 })).toBe(true);
  });

  it('requires every comparison of a list', () => {
    expect(
      holds([
        { field: 'area', op: '>', value: 2 },
        { field: 'use', op: '==', value: 'industrial' },
      ]),
    ).toBe(true);
    expect(
      holds([
        { field: 'area', op: '>', value: 2 },
        { field: 'use', op: '==', value: 'housing' },
      ]),
    ).toBe(false);
  });

  it('never matches a missing field, not even with !=', () => {
    expect(holds({ field: 'missing', op: '!=', value: 1 })).toBe(false);
    expect(holds({ field: 'area.x', op: '>', value: 0 })).toBe(false);
  });

  it('reads own properties only', () => {
    expect(readField({}, 'constructor')).toBeUndefined();
    expect(readField({ a: [1] }, 'a.length')).toBeUndefined();
    expect(readField(JSON.parse('{"__proto__": {"x": 1}}'), '__proto__.x')).toBe(1);
    expect(readField({}, '__proto__')).toBeUndefined();
  });

  it('chooses the first matching edge in the listed order, else the default', () => {
    const edges = [
      { from: 'x', to: 'a', condition: { field: 'area', op: '>', value: 3 } },
      { from: 'x', to: 'd', default: true },
      { from: 'x', to: 'b', condition: { field: 'area', op: '>', value: 1 } },
    ] as ProcessEdge[];
    expect(chooseEdge(edges, { area: 5 })?.to).toBe('a');
    expect(chooseEdge(edges, { area: 2 })?.to).toBe('b');
    expect(chooseEdge(edges, {})?.to).toBe('d');
  });
});
