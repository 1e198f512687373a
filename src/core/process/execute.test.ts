import { describe, expect, it } from 'vitest';
import { APPLICANT, type ProcessDefinition } from './definition.ts';
import { ProcessDefinitionError, ProcessEventError } from './errors.ts';
import type { ProcessEvent, ProcessState } from './events.ts';
import { type Advance, advance, availableActions, replay, start } from './execute.ts';
import { back, define, END, EXCLUSIVE, PARALLEL, pass, SEQUENCE, START, s } from './test-fixtures.ts';

/** Apply events one by one from the start; returns the last transition. */
function run(def: ProcessDefinition, events: ProcessEvent[], caseData = {}): Advance {
  let r = start(def, caseData);
  for (const e of events) r = advance(def, r.state, e, caseData);
  return r;
}

function refused(fn: () => unknown): ProcessEventError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProcessEventError) return e;
    throw e;
  }
  throw new Error('expected a ProcessEventError');
}

const deny = (stepId: string, reasons = ['不符合供地政策']): ProcessEvent => ({
  type: 'step_completed',
  stepId,
  action: 'deny',
  reasons,
});

describe('execute: sequence', () => {
  it('activates the first step on start and each next step on pass, and finishes at the end', () => {
    const r0 = start(SEQUENCE);
    expect(r0.state).toMatchObject({ status: 'running', active: ['a'], completed: [] });
    expect(r0.activated).toEqual(['a']);
    const r1 = advance(SEQUENCE, r0.state, pass('a'));
    expect(r1.activated).toEqual(['b']);
    const r3 = run(SEQUENCE, [pass('a'), pass('b'), pass('c')]);
    expect(r3.state).toMatchObject({
      status: 'finished',
      active: [],
      completed: ['a', 'b', 'c'],
      eventCount: 4,
    });
    expect(r3.activated).toEqual([]);
  });
});

describe('execute: parallel join', () => {
  it('opens every branch at the split and waits at the join until all branches arrive', () => {
    const r = run(PARALLEL, [pass('a')]);
    expect(r.activated).toEqual(['p1', 'q', 'r']);
    const afterQ = advance(PARALLEL, r.state, pass('q'));
    expect(afterQ.activated).toEqual([]);
    expect(afterQ.state.joins).toEqual({ join: [1] });
    const afterR = advance(PARALLEL, afterQ.state, pass('r'));
    expect(afterR.state).toMatchObject({ active: ['p1'], joins: { join: [1, 2] } });
    const afterP1 = advance(PARALLEL, afterR.state, pass('p1'));
    expect(afterP1.activated).toEqual(['p2']);
    const afterP2 = advance(PARALLEL, afterP1.state, pass('p2'));
    expect(afterP2.activated).toEqual(['z']);
    expect(afterP2.state).toMatchObject({ active: ['z'], joins: {} });
  });
});

describe('execute: exclusive choice', () => {
  it('takes the first edge whose condition holds on the case data', () => {
    const r = run(EXCLUSIVE, [pass('a')], { area: 12 });
    expect(r.activated).toEqual(['gov']);
    expect(r.choices).toEqual([{ gateway: 'choice', to: 'gov' }]);
  });

  it('takes the default edge without data, with a missing field or with a value of the wrong type', () => {
    for (const data of [{}, { area: 5 }, { area: '12' }, { other: 12 }]) {
      expect(run(EXCLUSIVE, [pass('a')], data).activated).toEqual(['b']);
    }
  });

  it('reads data recorded by earlier events, which wins over the case data given', () => {
    expect(run(EXCLUSIVE, [pass('a', { area: 20 })]).activated).toEqual(['gov']);
    expect(run(EXCLUSIVE, [pass('a', { area: 5 })], { area: 20 }).activated).toEqual(['b']);
  });
});

describe('execute: return to an earlier step', () => {
  it('re-activates the target and forgets the passes after it', () => {
    const r = run(PARALLEL, [pass('a'), pass('q'), pass('r'), pass('p1'), pass('p2'), back('z', 'a')]);
    expect(r.activated).toEqual(['a']);
    expect(r.cancelled).toEqual([]);
    expect(r.state).toMatchObject({ active: ['a'], completed: [], joins: {} });
    expect(advance(PARALLEL, r.state, pass('a')).activated).toEqual(['p1', 'q', 'r']);
  });
});

describe('execute: return inside a parallel block', () => {
  it('keeps the sibling branches when the target is in the same branch', () => {
    const r = run(PARALLEL, [pass('a'), pass('q'), pass('p1'), back('p2', 'p1')]);
    expect(r).toMatchObject({ activated: ['p1'], cancelled: [] });
    expect(r.state).toMatchObject({ active: ['r', 'p1'], completed: ['a', 'q'], joins: { join: [1] } });
  });

  it('cancels the siblings and restarts the block when the target is before the split', () => {
    const r = run(PARALLEL, [pass('a'), pass('q'), pass('p1'), back('p2', 'a')]);
    expect(r).toMatchObject({ activated: ['a'], cancelled: ['r'] });
    expect(r.state).toMatchObject({ active: ['a'], completed: [], joins: {} });
    expect(advance(PARALLEL, r.state, pass('a')).activated).toEqual(['p1', 'q', 'r']);
  });

  it('re-enters one branch from after the join: the other branches’ results stand', () => {
    const done = [pass('a'), pass('p1'), pass('q'), pass('r'), pass('p2')];
    const r = run(PARALLEL, [...done, back('z', 'q')]);
    expect(r.state).toMatchObject({
      active: ['q'],
      completed: ['a', 'p1', 'r', 'p2'],
      joins: { join: [0, 2] },
    });
    expect(advance(PARALLEL, r.state, pass('q')).activated).toEqual(['z']);
    const deep = run(PARALLEL, [...done, back('z', 'p1'), pass('p1')]);
    expect(deep.activated).toEqual(['p2']);
    expect(advance(PARALLEL, deep.state, pass('p2')).activated).toEqual(['z']);
  });
});

describe('execute: return to the applicant', () => {
  it('hands the case to the applicant and resumes the same step on resubmission', () => {
    const r = run(PARALLEL, [back('a', APPLICANT)]);
    expect(r.state).toMatchObject({ status: 'with_applicant', active: [], awaitingApplicant: 'a' });
    const resumed = advance(PARALLEL, r.state, { type: 'resubmitted', data: { corrected: true } });
    expect(resumed.activated).toEqual(['a']);
    expect(resumed.state).toMatchObject({ status: 'running', active: ['a'], awaitingApplicant: null });
    expect(resumed.state.data).toEqual({ corrected: true });
  });

  it('freezes the sibling branches while the case is with the applicant', () => {
    const r = run(PARALLEL, [pass('a'), pass('p1'), back('p2', APPLICANT)]);
    expect(r.state).toMatchObject({ status: 'with_applicant', active: ['q', 'r'], awaitingApplicant: 'p2' });
    expect(refused(() => advance(PARALLEL, r.state, pass('q'))).code).toBe('with_applicant');
    const resumed = advance(PARALLEL, r.state, { type: 'resubmitted' });
    expect(resumed.state.active).toEqual(['q', 'r', 'p2']);
  });
});

describe('execute: deny', () => {
  it('closes the case with the reasons and withdraws every other open task', () => {
    const r = run(PARALLEL, [pass('a'), deny('r')]);
    expect(r.state).toMatchObject({
      status: 'denied',
      active: [],
      denial: { stepId: 'r', reasons: ['不符合供地政策'] },
    });
    expect(r.cancelled).toEqual(['p1', 'q']);
    expect(refused(() => advance(PARALLEL, r.state, pass('p1'))).code).toBe('closed');
  });

  it('needs the deny action and at least one reason', () => {
    const r = run(PARALLEL, [pass('a')]);
    expect(refused(() => advance(PARALLEL, r.state, deny('q'))).code).toBe('action_not_allowed');
    expect(refused(() => advance(PARALLEL, r.state, deny('r', []))).code).toBe('missing_reasons');
    expect(refused(() => advance(PARALLEL, r.state, deny('r', ['  ']))).code).toBe('missing_reasons');
  });
});

describe('execute: impossible events are refused with a typed error', () => {
  const running = () => run(PARALLEL, [pass('a')]).state;

  it('refuses to complete a step that is not active, naming the step', () => {
    const e = refused(() => advance(PARALLEL, running(), pass('z')));
    expect(e).toMatchObject({ code: 'not_active', stepId: 'z' });
    expect(e.messageZh).toContain('不在办理中');
    expect(refused(() => advance(PARALLEL, running(), pass('nonexistent'))).code).toBe('not_active');
  });

  it('refuses events out of order', () => {
    const fresh = start(SEQUENCE).state;
    expect(refused(() => advance(SEQUENCE, fresh, { type: 'started' })).code).toBe('already_started');
    expect(refused(() => advance(SEQUENCE, fresh, { type: 'resubmitted' })).code).toBe('not_with_applicant');
    expect(refused(() => replay(SEQUENCE, [pass('a')])).code).toBe('not_started');
    const done = run(SEQUENCE, [pass('a'), pass('b'), pass('c')]).state;
    expect(refused(() => advance(SEQUENCE, done, pass('c'))).code).toBe('closed');
  });

  it('refuses returns the step does not allow', () => {
    expect(refused(() => advance(PARALLEL, running(), back('q', 'a'))).code).toBe('bad_return_target');
    expect(refused(() => advance(PARALLEL, running(), back('q', APPLICANT))).code).toBe('action_not_allowed');
    const atP2 = run(PARALLEL, [pass('a'), pass('p1')]).state;
    expect(refused(() => advance(PARALLEL, atP2, back('p2', 'q'))).code).toBe('bad_return_target');
  });

  it('never changes the state it was given', () => {
    const state = running();
    const copy = structuredClone(state);
    advance(PARALLEL, state, pass('q'));
    advance(PARALLEL, state, deny('r'));
    try {
      advance(PARALLEL, state, pass('z'));
    } catch {}
    expect(state).toEqual(copy);
  });

  it('refuses to run an invalid definition', () => {
    const broken = define([START, s('a'), END], [{ from: 'start', to: 'a' }]);
    expect(() => start(broken)).toThrow(ProcessDefinitionError);
  });
});

describe('execute: replay', () => {
  const events: ProcessEvent[] = [
    { type: 'started', data: { area: 3 } },
    pass('a'),
    pass('q'),
    pass('p1'),
    back('p2', APPLICANT),
  ];

  it('rebuilds from the events the state reached by advancing one event at a time', () => {
    const history: ProcessEvent[] = [
      ...events,
      { type: 'resubmitted' },
      back('p2', 'p1'),
      pass('p1'),
      pass('p2'),
      pass('r'),
      back('z', 'q'),
      pass('q'),
      pass('z'),
    ];
    let state: ProcessState | undefined;
    let incremental = replay(PARALLEL, []);
    for (const [i, e] of history.entries()) {
      incremental = advance(PARALLEL, incremental, e).state;
      state = replay(PARALLEL, history.slice(0, i + 1));
      expect(state).toEqual(incremental);
    }
    expect(state).toMatchObject({ status: 'finished', eventCount: history.length });
  });

  it('gives a state that survives a JSON round trip (the database caches it as jsonb)', () => {
    const state = replay(PARALLEL, events);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('execute: available actions', () => {
  it('lists what the assignee of an active step may do', () => {
    const state = run(PARALLEL, [pass('a'), pass('p1')]).state;
    expect(availableActions(PARALLEL, state, 'p2')).toEqual({
      pass: true,
      returnTo: ['p1', 'a'],
      returnToApplicant: true,
      deny: false,
    });
    expect(availableActions(PARALLEL, state, 'z').pass).toBe(false);
  });
});
