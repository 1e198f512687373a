/**
 * Execution of a process definition as a pure reducer: state = f(definition, events, case data). Gateways
 * are passed instantly; only steps hold tokens (active tasks). Return rules and their reasons:
 * docs/adr/003-process-engine.md.
 */
import { type CaseData, chooseEdge } from './conditions.ts';
import { APPLICANT, type ProcessDefinition, type ProcessEdge, type ProcessStepNode } from './definition.ts';
import { ProcessDefinitionError, ProcessEventError } from './errors.ts';
import { initialState, type ProcessEvent, type ProcessState, type StepCompleted } from './events.ts';
import {
  analyseBlocks,
  type BlockStructure,
  branchInto,
  edgesOut,
  type GraphIndex,
  indexDefinition,
  reachable,
  topologicalOrder,
} from './graph.ts';
import { hasErrors, validate } from './validate.ts';

export interface Advance {
  state: ProcessState;
  /** Steps that got an open task by this event. */
  activated: string[];
  /** Steps whose open task was withdrawn without being completed (by a return or a denial). */
  cancelled: string[];
  /** Exclusive gateways passed by this event and the node each chose. */
  choices: { gateway: string; to: string }[];
}

interface Compiled {
  g: GraphIndex;
  blocks: BlockStructure;
  after: Map<string, Set<string>>;
}

const compiledCache = new WeakMap<ProcessDefinition, Compiled>();

/** Validates once per definition object; throws ProcessDefinitionError when it has errors. */
function compile(def: ProcessDefinition): Compiled {
  const hit = compiledCache.get(def);
  if (hit) return hit;
  const problems = validate(def);
  if (hasErrors(problems)) throw new ProcessDefinitionError(problems);
  const g = indexDefinition(def);
  const blocks = analyseBlocks(g, topologicalOrder(g)!, reachable(g, g.start, 'out'));
  const compiled: Compiled = { g, blocks, after: new Map() };
  compiledCache.set(def, compiled);
  return compiled;
}

/** The node itself and everything reachable from it. */
function after(c: Compiled, id: string): Set<string> {
  let set = c.after.get(id);
  if (!set) {
    set = reachable(c.g, id, 'out');
    c.after.set(id, set);
  }
  return set;
}

/** The working copy an event is applied to. */
interface Draft extends Advance {
  joins: Map<string, Set<number>>;
  caseData: CaseData;
}

function draftOf(state: ProcessState, caseData: CaseData): Draft {
  const joins = new Map(Object.entries(state.joins).map(([k, v]) => [k, new Set(v)]));
  return {
    state: { ...state, eventCount: state.eventCount + 1 },
    activated: [],
    cancelled: [],
    choices: [],
    joins,
    caseData,
  };
}

function result(d: Draft): Advance {
  const joins: Record<string, number[]> = {};
  for (const k of [...d.joins.keys()].sort()) joins[k] = [...d.joins.get(k)!].sort((a, b) => a - b);
  return { state: { ...d.state, joins }, activated: d.activated, cancelled: d.cancelled, choices: d.choices };
}

function activate(d: Draft, id: string): void {
  d.state.active = [...d.state.active, id];
  d.activated.push(id);
}

function mergeData(d: Draft, data: Record<string, unknown> | undefined): void {
  if (data) d.state.data = { ...d.state.data, ...data };
}

/** Moves a token along `edge` and on through gateways until it rests on steps (or the end). */
function enter(c: Compiled, d: Draft, edge: ProcessEdge): void {
  const stack = [edge];
  while (stack.length) {
    const e = stack.pop()!;
    const node = c.g.nodes.get(e.to)!;
    switch (node.type) {
      case 'step':
        activate(d, node.id);
        break;
      case 'end':
        d.state.status = 'finished';
        break;
      case 'parallel_split':
        stack.push(...edgesOut(c.g, node.id).toReversed());
        break;
      case 'exclusive': {
        const chosen = chooseEdge(edgesOut(c.g, node.id), { ...d.caseData, ...d.state.data })!;
        d.choices.push({ gateway: node.id, to: chosen.to });
        stack.push(chosen);
        break;
      }
      case 'parallel_join': {
        const arrived = d.joins.get(node.id) ?? new Set<number>();
        arrived.add(branchInto(c.g, c.blocks, e));
        d.joins.set(node.id, arrived);
        if (arrived.size === edgesOut(c.g, c.blocks.splitOf.get(node.id)!).length) {
          d.joins.delete(node.id);
          stack.push(edgesOut(c.g, node.id)[0]!);
        }
        break;
      }
      case 'start':
        break;
    }
  }
}

/** Apply one event. Throws ProcessEventError when the event cannot happen in this state. */
export function advance(
  def: ProcessDefinition,
  state: ProcessState,
  event: ProcessEvent,
  caseData: CaseData = {},
): Advance {
  const c = compile(def);
  const d = draftOf(state, caseData);
  switch (event.type) {
    case 'started':
      if (state.status !== 'created') throw new ProcessEventError('already_started');
      d.state.status = 'running';
      mergeData(d, event.data);
      enter(c, d, edgesOut(c.g, c.g.start!)[0]!);
      break;
    case 'resubmitted':
      if (state.status !== 'with_applicant') throw new ProcessEventError('not_with_applicant');
      d.state.status = 'running';
      mergeData(d, event.data);
      activate(d, state.awaitingApplicant!);
      d.state.awaitingApplicant = null;
      break;
    case 'step_completed':
      complete(c, d, event);
      break;
  }
  return result(d);
}

function complete(c: Compiled, d: Draft, event: StepCompleted): void {
  const { status, active } = d.state;
  if (status === 'created') throw new ProcessEventError('not_started');
  if (status === 'finished' || status === 'denied') throw new ProcessEventError('closed', event.stepId);
  if (status === 'with_applicant') throw new ProcessEventError('with_applicant', event.stepId);
  if (!active.includes(event.stepId)) throw new ProcessEventError('not_active', event.stepId);
  const step = c.g.nodes.get(event.stepId) as ProcessStepNode;
  d.state.active = active.filter((id) => id !== event.stepId);
  switch (event.action) {
    case 'pass':
      mergeData(d, event.data);
      d.state.completed = [...d.state.completed, step.id];
      enter(c, d, edgesOut(c.g, step.id)[0]!);
      break;
    case 'deny':
      if (!step.actions.deny) throw new ProcessEventError('action_not_allowed', step.id);
      if (event.reasons.length === 0 || event.reasons.some((r) => !r.trim()))
        throw new ProcessEventError('missing_reasons', step.id);
      d.cancelled.push(...d.state.active);
      d.state = {
        ...d.state,
        status: 'denied',
        active: [],
        denial: { stepId: step.id, reasons: [...event.reasons] },
      };
      d.joins.clear();
      break;
    case 'return':
      mergeData(d, event.data);
      if (event.returnTo === APPLICANT) {
        if (!step.actions.returnToApplicant) throw new ProcessEventError('action_not_allowed', step.id);
        d.state.status = 'with_applicant';
        d.state.awaitingApplicant = step.id;
      } else {
        if (!step.actions.returnTo.includes(event.returnTo))
          throw new ProcessEventError('bad_return_target', step.id);
        returnTo(c, d, step.id, event.returnTo);
      }
      break;
  }
  if (d.state.status === 'finished' && d.state.active.length)
    throw new Error('unreachable: tokens left at the end');
}

/**
 * 退回 from `from` to the earlier step `target`: everything after the target loses its progress (open
 * tasks cancelled, passes forgotten, blocks wholly after it restart); blocks holding both steps keep their
 * other branches; a block the target is in but `from` has already left keeps its other branches' results.
 */
function returnTo(c: Compiled, d: Draft, from: string, target: string): void {
  const later = after(c, target);
  const withdrawn = d.state.active.filter((id) => later.has(id));
  d.cancelled.push(...withdrawn);
  d.state.active = d.state.active.filter((id) => !later.has(id));
  d.state.completed = d.state.completed.filter((id) => !later.has(id));
  for (const join of [...d.joins.keys()]) {
    if (later.has(c.blocks.splitOf.get(join)!)) d.joins.delete(join);
  }
  const targetBlocks = c.blocks.context.get(target)!;
  const fromBlocks = c.blocks.context.get(from)!;
  let common = 0;
  while (common < targetBlocks.length && targetBlocks[common]!.split === fromBlocks[common]?.split) common++;
  for (const frame of targetBlocks.slice(common)) {
    const width = edgesOut(c.g, frame.split).length;
    const others = Array.from({ length: width }, (_, i) => i).filter((i) => i !== frame.branch);
    d.joins.set(c.blocks.joinOf.get(frame.split)!, new Set(others));
  }
  activate(d, target);
}

/** 受理: start the process. */
export function start(
  def: ProcessDefinition,
  caseData: CaseData = {},
  data?: Record<string, unknown>,
): Advance {
  return advance(def, initialState(), data ? { type: 'started', data } : { type: 'started' }, caseData);
}

/** The state after all `events`, from scratch; equal to applying them one by one with advance(). */
export function replay(
  def: ProcessDefinition,
  events: readonly ProcessEvent[],
  caseData: CaseData = {},
): ProcessState {
  let state = initialState();
  for (const event of events) state = advance(def, state, event, caseData).state;
  return state;
}

export interface AvailableActions {
  pass: boolean;
  returnTo: string[];
  returnToApplicant: boolean;
  deny: boolean;
}

/** What the assignee of `stepId` may do now (nothing unless the step is active and the case running). */
export function availableActions(
  def: ProcessDefinition,
  state: ProcessState,
  stepId: string,
): AvailableActions {
  const step = compile(def).g.nodes.get(stepId);
  if (state.status !== 'running' || !state.active.includes(stepId) || step?.type !== 'step') {
    return { pass: false, returnTo: [], returnToApplicant: false, deny: false };
  }
  return { pass: true, ...step.actions, returnTo: [...step.actions.returnTo] };
}
