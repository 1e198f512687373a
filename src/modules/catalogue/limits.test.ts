import { describe, expect, it } from 'vitest';
import { maxNaturalSpan, promisedWithinStatutory } from './limits.ts';
import { checkProcess, DEFAULT_PROCESS, toFlow } from './process.ts';

const wd = (value: number) => ({ value, unit: 'working_days' as const });
const nd = (value: number) => ({ value, unit: 'natural_days' as const });
const wh = (value: number) => ({ value, unit: 'working_hours' as const });
const sameDay = { value: 0, unit: 'same_day' as const };

describe('promised ≤ statutory', () => {
  it.each([
    ['15 ≤ 20 working days', wd(15), wd(20), true],
    ['21 > 20 working days', wd(21), wd(20), false],
    ['natural days never outlast as many working days', nd(20), wd(20), true],
    ['working days may outlast as many natural days', wd(20), nd(20), false],
    ['15 working days fit in 60 natural days', wd(15), nd(60), true],
    ['same day fits any day limit', sameDay, wd(1), true],
    ['a day limit never fits the same day', wd(1), sameDay, false],
    ['8 office hours fit in 1 working day', wh(8), wd(1), true],
    ['9 office hours may not fit in 1 working day', wh(9), wd(1), false],
    ['1 working day needs 2 office days of hours', wd(1), wh(16), true],
    ['1 working day does not fit in 8 hours', wd(1), wh(8), false],
  ])('%s', (_name, promised, statutory, ok) => {
    expect(promisedWithinStatutory(promised, statutory, 8)).toBe(ok);
  });

  it('bounds the natural span of working days by weekends and one long holiday per 200 days', () => {
    expect(maxNaturalSpan(1)).toBe(20);
    expect(maxNaturalSpan(5)).toBe(20);
    expect(maxNaturalSpan(20)).toBe(41);
  });
});

describe('process definitions', () => {
  it('accepts the default chain and lays it out in four columns', () => {
    expect(checkProcess(DEFAULT_PROCESS)).toEqual([]);
    expect(toFlow(DEFAULT_PROCESS).columns).toBe(4);
  });

  it('refuses a cycle and a graph with two ends', () => {
    const steps = DEFAULT_PROCESS.steps;
    expect(
      checkProcess({ steps, edges: [...DEFAULT_PROCESS.edges, { from: 'deliver', to: 'accept' }] }),
    ).not.toEqual([]);
    expect(checkProcess({ steps, edges: DEFAULT_PROCESS.edges.slice(0, 2) })).not.toEqual([]);
  });

  it('stacks parallel branches in one column between a fork and a join', () => {
    const s = (id: string) => ({ id, name: id, assignee: id });
    const flow = toFlow({
      steps: ['a', 'b', 'c', 'd'].map(s),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'd' },
        { from: 'c', to: 'd' },
      ],
    });
    const byId = Object.fromEntries(flow.nodes.map((n) => [n.id, n]));
    expect([byId.b!.column, byId.c!.column]).toEqual([1, 1]);
    expect([byId.b!.row, byId.c!.row]).toEqual([0, 1]);
    expect(byId.a!.fork && byId.d!.join).toBe(true);
    expect(flow.edges.every((e) => e.parallel)).toBe(true);
  });
});
