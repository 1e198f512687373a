/**
 * Properties of random block-structured definitions (sequences, nested parallel blocks and exclusive
 * choices): they validate, any completion order reaches the end, returns never strand a token, and replay
 * equals incremental advance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICANT, type ProcessDefinition } from './definition.ts';
import type { ProcessEvent, ProcessState } from './events.ts';
import { advance, replay } from './execute.ts';
import { arbitraryChoices, arbitraryShape, definitionOf } from './test-fixtures.ts';
import { validate } from './validate.ts';

const picks = fc.array(fc.nat(), { minLength: 50, maxLength: 50 });

/** Deterministic "random" numbers from a generated list. */
function dice(list: number[]) {
  let i = 0;
  return (n: number) => (list[i++ % list.length]! + i) % n;
}

interface Walk {
  events: ProcessEvent[];
  states: ProcessState[];
  passes: string[];
}

/** Drives a case to its end: any active step next; up to `maxReturns` returns (to a step or the applicant). */
function walk(
  def: ProcessDefinition,
  data: Record<string, number>,
  roll: (n: number) => number,
  maxReturns: number,
): Walk {
  const w: Walk = { events: [{ type: 'started' }], states: [], passes: [] };
  let state = advance(def, replay(def, []), w.events[0]!, data).state;
  w.states.push(state);
  let returns = 0;
  for (let guard = 0; state.status !== 'finished'; guard++) {
    if (guard > 2000) throw new Error('the case did not finish');
    let event: ProcessEvent;
    if (state.status === 'with_applicant') event = { type: 'resubmitted' };
    else {
      const stepId = state.active[roll(state.active.length)]!;
      const node = def.nodes.find((n) => n.id === stepId)!;
      const targets = node.type === 'step' ? [...node.actions.returnTo, APPLICANT] : [];
      if (returns < maxReturns && roll(4) === 0) {
        returns++;
        event = {
          type: 'step_completed',
          stepId,
          action: 'return',
          returnTo: targets[roll(targets.length)]!,
        };
      } else {
        event = { type: 'step_completed', stepId, action: 'pass' };
        w.passes.push(stepId);
      }
    }
    state = advance(def, state, event, data).state;
    w.events.push(event);
    w.states.push(state);
    expect(new Set(state.active).size).toBe(state.active.length);
    expect(state.active.filter((id) => state.completed.includes(id))).toEqual([]);
  }
  return w;
}

describe('execution properties (random series-parallel definitions)', () => {
  it('validate() finds no problem in a generated definition', () => {
    fc.assert(
      fc.property(arbitraryShape, (shape) => {
        expect(validate(definitionOf(shape))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('any order of passing the active steps reaches the end, passing each step once', () => {
    fc.assert(
      fc.property(arbitraryShape, arbitraryChoices, picks, (shape, data, list) => {
        const def = definitionOf(shape);
        const w = walk(def, data, dice(list), 0);
        expect(new Set(w.passes).size).toBe(w.passes.length);
        expect(w.states.at(-1)).toMatchObject({ status: 'finished', active: [], joins: {} });
        expect([...w.states.at(-1)!.completed].sort()).toEqual([...w.passes].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('returns (to earlier steps, into and out of parallel blocks, to the applicant) never strand a token', () => {
    fc.assert(
      fc.property(
        arbitraryShape,
        arbitraryChoices,
        picks,
        fc.integer({ min: 1, max: 6 }),
        (shape, data, list, k) => {
          const w = walk(definitionOf(shape), data, dice(list), k);
          expect(w.states.at(-1)).toMatchObject({ status: 'finished', active: [], joins: {} });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('replay(events) equals the state reached by advancing event by event', () => {
    fc.assert(
      fc.property(arbitraryShape, arbitraryChoices, picks, (shape, data, list) => {
        const def = definitionOf(shape);
        const w = walk(def, data, dice(list), 4);
        for (let i = 0; i < w.events.length; i += 3) {
          expect(replay(def, w.events.slice(0, i + 1), data)).toEqual(w.states[i]);
        }
        expect(replay(def, w.events, data)).toEqual(w.states.at(-1));
      }),
      { numRuns: 200 },
    );
  });
});
