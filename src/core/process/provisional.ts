/**
 * Conversion from the catalogue's provisional process graph (src/modules/catalogue/process.ts: steps and
 * plain edges, a fork meaning parallel branches) to a ProcessDefinition, so stored versions can switch.
 * The result should still go through validate(): a provisional graph need not be block-structured.
 */
import type { z } from '@hono/zod-openapi';
import { days, gateway, step } from './build.ts';
import { type AssigneeRule, ProcessDefinition, type StepKind, type StepLimit } from './definition.ts';

/** The provisional shape, structurally (the core does not import from modules). */
export interface ProvisionalProcess {
  steps: {
    id: string;
    name: string;
    assignee: string;
    role?: string | undefined;
    officeCode?: string | undefined;
    limit?: { value: number; unit: string } | undefined;
  }[];
  edges: { from: string; to: string }[];
}

type ProvisionalStep = ProvisionalProcess['steps'][number];

function kindOf(s: ProvisionalStep, first: boolean, last: boolean): StepKind {
  if (s.role === 'window_clerk') return first ? 'intake' : last ? 'delivery' : 'handle';
  if (s.role === 'leader') return 'approve';
  if (s.role === 'external') return 'external';
  return s.role === 'reviewer' ? 'review' : 'handle';
}

function assigneeOf(s: ProvisionalStep): AssigneeRule {
  if (s.officeCode) return { type: 'office', officeCode: s.officeCode };
  return { type: 'role', role: s.role && s.role !== 'external' ? s.role : 'reviewer' };
}

/** working days and hours carry over; same_day becomes 0 working days; natural days are left out. */
function limitOf(s: ProvisionalStep): StepLimit | undefined {
  const l = s.limit;
  if (!l) return undefined;
  if (l.unit === 'working_days' || l.unit === 'working_hours') return { value: l.value, unit: l.unit };
  return l.unit === 'same_day' ? days(0) : undefined;
}

export function fromProvisional(old: ProvisionalProcess, id?: string): ProcessDefinition {
  const taken = new Set(old.steps.map((s) => s.id));
  const fresh = (base: string) => {
    let n = 1;
    while (taken.has(`${base}-${n}`)) n++;
    taken.add(`${base}-${n}`);
    return `${base}-${n}`;
  };
  const start = fresh('start');
  const end = fresh('end');
  const outs = (sid: string) => old.edges.filter((e) => e.from === sid).map((e) => e.to);
  const ins = (sid: string) => old.edges.filter((e) => e.to === sid).map((e) => e.from);
  const nodes: z.input<typeof ProcessDefinition>['nodes'] = [gateway('start', start), gateway('end', end)];
  const edges: { from: string; to: string }[] = [];
  // A step's entry (a join in front when several edges lead into it) and exit (a split behind on a fork).
  const entry = new Map<string, string>();
  for (const s of old.steps) {
    let into = s.id;
    if (ins(s.id).length > 1) {
      into = fresh('join');
      nodes.push(gateway('parallel_join', into));
      edges.push({ from: into, to: s.id });
    }
    entry.set(s.id, into);
  }
  for (const [i, s] of old.steps.entries()) {
    const first = ins(s.id).length === 0;
    const last = outs(s.id).length === 0;
    const spec = {
      name: s.name,
      kind: kindOf(s, first, last && i > 0),
      assignee: assigneeOf(s),
      label: s.assignee,
    };
    const limit = limitOf(s);
    nodes.push(step(s.id, limit ? { ...spec, limit } : spec));
    if (first) edges.push({ from: start, to: entry.get(s.id)! });
    let from = s.id;
    if (outs(s.id).length > 1) {
      from = fresh('fork');
      nodes.push(gateway('parallel_split', from));
      edges.push({ from: s.id, to: from });
    }
    for (const to of last ? [end] : outs(s.id).map((t) => entry.get(t) ?? t)) edges.push({ from, to });
  }
  return ProcessDefinition.parse(id === undefined ? { nodes, edges } : { id, nodes, edges });
}
