/**
 * Planned duration of a process (计划时限): the critical path in working days, the same process with its
 * parallel blocks run in sequence, and planned due dates per step from an acceptance instant through the
 * legal clock. Pure: the calendar and the instant are parameters.
 */
import { CalendarNotConfiguredError, type WorkingCalendar } from '../calendar.ts';
import { computeClock } from '../clock.ts';
import { DEFAULT_TIME_ZONE, type Instant, localDateOf, toEpochMs } from '../dates.ts';
import { type CaseData, chooseEdge } from './conditions.ts';
import type { ProcessDefinition, ProcessEdge, ProcessNode, StepLimit } from './definition.ts';
import {
  analyseBlocks,
  branchInto,
  edgesIn,
  edgesOut,
  type GraphIndex,
  indexDefinition,
  reachable,
  topologicalOrder,
} from './graph.ts';

export const DEFAULT_HOURS_PER_DAY = 9; // 08:30–17:30, the clock's default office hours

/** A step limit in working days; hours count as a fraction of a working day. */
export function limitInWorkingDays(
  limit: StepLimit | undefined,
  hoursPerDay = DEFAULT_HOURS_PER_DAY,
): number {
  if (!limit) return 0;
  return limit.unit === 'working_days' ? limit.value : limit.value / hoursPerDay;
}

export interface DurationOptions {
  /** Choose exclusive branches as execution would on this data; without it, take the longest branch. */
  caseData?: CaseData;
  hoursPerDay?: number | undefined;
}

export interface CriticalPath {
  /** Sum of the step limits along the longest path (rounded to 1e-6). */
  workingDays: number;
  /** The steps on that path, in order. */
  path: string[];
}

function orderOf(g: GraphIndex): string[] {
  const order = topologicalOrder(g);
  if (!order || !g.start || !g.end)
    throw new RangeError('the process definition must be valid (see validate())');
  return order;
}

/** The incoming edges a token may travel, given the case data (all of them without data). */
function followed(g: GraphIndex, id: string, caseData: CaseData | undefined): ProcessEdge[] {
  return edgesIn(g, id).filter((e) => {
    if (caseData === undefined || g.nodes.get(e.from)?.type !== 'exclusive') return true;
    return chooseEdge(edgesOut(g, e.from), caseData) === e;
  });
}

/** Longest path: serial sum along sequences, max over parallel branches and (without data) exclusive ones. */
export function criticalPath(def: ProcessDefinition, options: DurationOptions = {}): CriticalPath {
  const g = indexDefinition(def);
  const finish = new Map<string, number>();
  const via = new Map<string, string>();
  for (const id of orderOf(g)) {
    const node = g.nodes.get(id)!;
    let ready = id === g.start ? 0 : Number.NEGATIVE_INFINITY;
    for (const e of followed(g, id, options.caseData)) {
      const f = finish.get(e.from) ?? Number.NEGATIVE_INFINITY;
      if (f > ready) {
        ready = f;
        via.set(id, e.from);
      }
    }
    const own = node.type === 'step' ? limitInWorkingDays(node.limit, options.hoursPerDay) : 0;
    finish.set(id, ready + own);
  }
  const path: string[] = [];
  for (let id: string | undefined = g.end; id !== undefined; id = via.get(id)) {
    if (g.nodes.get(id)?.type === 'step') path.unshift(id);
  }
  return { workingDays: Math.round(finish.get(g.end!)! * 1e6) / 1e6, path };
}

/**
 * The same process with the branches of parallel blocks run one after another, in the order the split
 * lists them (all blocks, or only the named splits). Gateway nodes of serialised blocks disappear.
 */
export function serialise(def: ProcessDefinition, splits?: readonly string[]): ProcessDefinition {
  let current = def;
  for (;;) {
    const g = indexDefinition(current);
    const order = orderOf(g);
    const blocks = analyseBlocks(g, order, reachable(g, g.start, 'out'));
    const split = order.find((id) => blocks.joinOf.has(id) && (!splits || splits.includes(id)));
    if (split === undefined) return current;
    current = serialiseBlock(current, g, split, blocks.joinOf.get(split)!, (e) => branchInto(g, blocks, e));
  }
}

function serialiseBlock(
  def: ProcessDefinition,
  g: GraphIndex,
  split: string,
  join: string,
  branchOf: (e: ProcessEdge) => number,
): ProcessDefinition {
  const entries = edgesOut(g, split).map((e) => e.to);
  const chained = entries.filter((to) => to !== join); // empty branches vanish
  const after = edgesOut(g, join)[0]!.to;
  const next = (k: number) => chained[k] ?? after;
  // Whatever led into the split now leads into the first branch, each branch's exits into the next one,
  // the last branch's exits to what followed the join. Edges keep their place: order decides conditions.
  const retarget = new Map<ProcessEdge, string>();
  for (const e of edgesIn(g, split)) retarget.set(e, next(0));
  let k = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry === join) continue;
    k++;
    for (const e of edgesIn(g, join)) if (branchOf(e) === i) retarget.set(e, next(k));
  }
  const drop = new Set([...edgesOut(g, split), ...edgesOut(g, join)]);
  const edges = def.edges
    .filter((e) => !drop.has(e))
    .map((e) => {
      const to = retarget.get(e);
      return to === undefined ? e : { ...e, to };
    });
  const nodes = def.nodes.filter((n: ProcessNode) => n.id !== split && n.id !== join);
  return { ...def, nodes, edges };
}

export interface PlanOptions {
  acceptedAt: Instant;
  calendar: WorkingCalendar;
  caseData?: CaseData;
  timeZone?: string;
  officeOpen?: string;
  officeClose?: string;
}

export interface PlannedStep {
  stepId: string;
  /** Epoch ms: when the step can start (its predecessors' planned due instants, or the acceptance). */
  startsAt: number;
  /** Epoch ms: the step's planned due instant (due date at office close, or the exact working-hour). */
  dueAt: number;
  dueDate: string;
}

export interface Plan {
  steps: PlannedStep[];
  dueAt: number;
  dueDate: string;
}

/**
 * Planned due dates: each step starts when all its (followed) predecessors are due and runs its own limit
 * on the legal clock. Throws CalendarNotConfiguredError when a date falls in an uncovered year.
 */
export function plannedSchedule(def: ProcessDefinition, options: PlanOptions): Plan {
  const g = indexDefinition(def);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const finish = new Map<string, number>();
  const steps: PlannedStep[] = [];
  for (const id of orderOf(g)) {
    const froms = followed(g, id, options.caseData).map((e) => finish.get(e.from));
    const known = froms.filter((f): f is number => f !== undefined);
    if (id !== g.start && known.length === 0) continue; // on a branch the case data rules out
    const ready = id === g.start ? toEpochMs(options.acceptedAt) : Math.max(...known);
    const node = g.nodes.get(id)!;
    if (node.type !== 'step' || !node.limit) {
      finish.set(id, ready);
      if (node.type === 'step')
        steps.push({ stepId: id, startsAt: ready, dueAt: ready, dueDate: localDateOf(ready, timeZone) });
      continue;
    }
    const clock = computeClock(
      { ...clockSettings(options), startedAt: ready, limit: node.limit, timeZone },
      ready,
    );
    if (clock.beyondCalendar !== undefined) throw new CalendarNotConfiguredError(clock.beyondCalendar);
    finish.set(id, clock.dueAt);
    steps.push({ stepId: id, startsAt: ready, dueAt: clock.dueAt, dueDate: clock.dueDate });
  }
  const dueAt = finish.get(g.end!)!;
  return { steps, dueAt, dueDate: localDateOf(dueAt, timeZone) };
}

function clockSettings(o: PlanOptions): {
  calendar: WorkingCalendar;
  officeOpen?: string;
  officeClose?: string;
} {
  const s: { calendar: WorkingCalendar; officeOpen?: string; officeClose?: string } = {
    calendar: o.calendar,
  };
  if (o.officeOpen !== undefined) s.officeOpen = o.officeOpen;
  if (o.officeClose !== undefined) s.officeClose = o.officeClose;
  return s;
}
