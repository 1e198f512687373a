import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCalendar } from '../builtin-calendar.ts';
import { CalendarNotConfiguredError } from '../calendar.ts';
import { dayNumberToIso, isoToDayNumber, zonedInstant } from '../dates.ts';
import { chain, gateway, hours } from './build.ts';
import { criticalPath, limitInWorkingDays, plannedSchedule, serialise } from './duration.ts';
import {
  arbitraryChoices,
  arbitraryShape,
  define,
  definitionOf,
  END,
  EXCLUSIVE,
  PARALLEL,
  START,
  s,
} from './test-fixtures.ts';
import { validate } from './validate.ts';

const calendar = builtinCalendar();
const bj = (date: string, time = '10:00') => zonedInstant(date, time, 'Asia/Shanghai');

describe('criticalPath', () => {
  it('sums along a sequence and takes the longest parallel branch', () => {
    // a 1, then max(p1 2 + p2 3, q 4, r 1) = 5, then z 1
    expect(criticalPath(PARALLEL)).toEqual({ workingDays: 7, path: ['a', 'p1', 'p2', 'z'] });
  });

  it('takes the branch the case data chooses, or the longest one without data', () => {
    expect(criticalPath(EXCLUSIVE).workingDays).toBe(7); // a 1 + gov 5 + b 1
    expect(criticalPath(EXCLUSIVE, { caseData: { area: 12 } }).workingDays).toBe(7);
    expect(criticalPath(EXCLUSIVE, { caseData: { area: 3 } })).toEqual({ workingDays: 2, path: ['a', 'b'] });
  });

  it('counts working hours as a fraction of the office day', () => {
    expect(limitInWorkingDays(hours(4.5))).toBe(0.5);
    expect(limitInWorkingDays(hours(4), 8)).toBe(0.5);
    const def = define(
      [START, s('a', { limit: hours(6) }), s('b', { limit: hours(12) }), END],
      chain('start', 'a', 'b', 'end'),
    );
    expect(criticalPath(def).workingDays).toBe(2);
  });
});

describe('serialise', () => {
  it('runs the branches of a parallel block one after another, in the order the split lists them', () => {
    const serial = serialise(PARALLEL);
    expect(serial.nodes.map((n) => n.id)).toEqual(['start', 'a', 'p1', 'p2', 'q', 'r', 'z', 'end']);
    expect(serial.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(
      ['start>a', 'a>p1', 'p1>p2', 'p2>q', 'q>r', 'r>z', 'z>end'].sort(),
    );
    expect(validate(serial)).toEqual([]);
    expect(criticalPath(serial).workingDays).toBe(12); // 1 + 2 + 3 + 4 + 1 + 1
  });

  it('keeps exclusive edges in their order, with their conditions, when they leave a branch', () => {
    const def = define(
      [
        START,
        gateway('parallel_split', 'sp'),
        gateway('exclusive', 'x'),
        s('a'),
        s('b'),
        gateway('parallel_join', 'jn'),
        END,
      ],
      [
        ...chain('start', 'sp', 'x'),
        { from: 'sp', to: 'b' },
        { from: 'x', to: 'jn', condition: { field: 'k', op: '==', value: 1 } },
        { from: 'x', to: 'a', default: true },
        ...chain('a', 'jn'),
        ...chain('b', 'jn', 'end'),
      ],
    );
    const serial = serialise(def);
    expect(serial.edges.filter((e) => e.from === 'x')).toEqual([
      { from: 'x', to: 'b', condition: { field: 'k', op: '==', value: 1 } },
      { from: 'x', to: 'a', default: true },
    ]);
    expect(validate(serial)).toEqual([]);
  });
});

describe('plannedSchedule', () => {
  it('chains due dates on the legal clock, across the National Day holiday', () => {
    // accepted Tue 2025-09-30: a 1 → Oct 9; p1 2 → Oct 11 (a make-up Saturday); p2 3 → Oct 15;
    // q 4 → Oct 14; r 1 → Oct 10; the join waits for p2; z 1 → Oct 16.
    const plan = plannedSchedule(PARALLEL, { acceptedAt: bj('2025-09-30'), calendar });
    const due = Object.fromEntries(plan.steps.map((p) => [p.stepId, p.dueDate]));
    expect(due).toEqual({
      a: '2025-10-09',
      p1: '2025-10-11',
      p2: '2025-10-15',
      q: '2025-10-14',
      r: '2025-10-10',
      z: '2025-10-16',
    });
    expect(plan.dueDate).toBe('2025-10-16');
    expect(plan.dueAt).toBe(bj('2025-10-16', '17:30'));
    expect(plan.steps.find((p) => p.stepId === 'z')?.startsAt).toBe(bj('2025-10-15', '17:30'));
  });

  it('leaves out the steps of branches the case data rules out', () => {
    const plan = plannedSchedule(EXCLUSIVE, {
      acceptedAt: bj('2025-09-30'),
      calendar,
      caseData: { area: 1 },
    });
    expect(plan.steps.map((p) => p.stepId)).toEqual(['a', 'b']);
    expect(plan.dueDate).toBe('2025-10-10');
  });

  it('runs working-hour limits in office hours', () => {
    const def = define(
      [START, s('a', { limit: hours(6) }), s('b', { limit: hours(6) }), END],
      chain('start', 'a', 'b', 'end'),
    );
    const plan = plannedSchedule(def, { acceptedAt: bj('2025-10-09', '14:30'), calendar });
    expect(plan.steps.map((p) => p.dueAt)).toEqual([bj('2025-10-10', '11:30'), bj('2025-10-10', '17:30')]);
  });

  it('throws when the plan runs past the configured calendar', () => {
    expect(() => plannedSchedule(PARALLEL, { acceptedAt: bj('2026-12-28'), calendar })).toThrow(
      CalendarNotConfiguredError,
    );
  });
});

describe('duration properties (random series-parallel definitions)', () => {
  it('serialising never shortens the path, and leaves a valid definition without parallel blocks', () => {
    fc.assert(
      fc.property(arbitraryShape, (shape) => {
        const def = definitionOf(shape);
        const serial = serialise(def);
        expect(validate(serial)).toEqual([]);
        expect(serial.nodes.some((n) => n.type === 'parallel_split' || n.type === 'parallel_join')).toBe(
          false,
        );
        expect(criticalPath(serial).workingDays).toBeGreaterThanOrEqual(criticalPath(def).workingDays);
      }),
      { numRuns: 200 },
    );
  });

  it('the planned due date is the critical path in working days after an acceptance on a working day', () => {
    const first = isoToDayNumber('2020-01-01');
    const last = isoToDayNumber('2025-12-01');
    fc.assert(
      fc.property(
        arbitraryShape,
        arbitraryChoices,
        fc.integer({ min: first, max: last }),
        (shape, data, dn) => {
          const def = definitionOf(shape);
          const day = calendar.nextWorkingDayOnOrAfter(dayNumberToIso(dn));
          const plan = plannedSchedule(def, { acceptedAt: bj(day), calendar, caseData: data });
          const { workingDays } = criticalPath(def, { caseData: data });
          expect(plan.dueDate).toBe(calendar.addWorkingDays(day, workingDays));
        },
      ),
      { numRuns: 200 },
    );
  });
});
