/**
 * The process an item runs through (办理流程). Item versions store the engine's ProcessDefinition
 * (src/core/process, ADR 003); the older provisional graph (steps and plain edges, a fork meaning parallel
 * branches) is still accepted on input and in rows written before the switch, and converted with
 * fromProvisional(). toFlow() lays either out for the public guide. Pure.
 */
import { z } from '@hono/zod-openapi';
import { ProcessDefinition as CoreProcess, isStep } from '../../core/process/definition.ts';
import { fromProvisional } from '../../core/process/provisional.ts';
import { hasErrors, validate } from '../../core/process/validate.ts';
import { LIMIT_UNIT_IDS } from './catalogue.labels.ts';

export const ProcessStep = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case id / 小写字母开头的标识'),
    name: z.string().trim().min(1).max(100),
    /** Who does it, as shown to the public (e.g. 窗口, 利用处, 局领导). */
    assignee: z.string().trim().min(1).max(100),
    role: z.enum(['window_clerk', 'reviewer', 'leader', 'external']).optional(),
    officeCode: z.string().max(32).optional(),
    limit: z.strictObject({ value: z.number().min(0).max(3650), unit: z.enum(LIMIT_UNIT_IDS) }).optional(),
  })
  .openapi('ProcessStep');
export type ProcessStep = z.infer<typeof ProcessStep>;

/** The provisional graph: steps and plain edges (a fork = parallel branches, a merge = their join). */
export const ProvisionalProcess = z
  .strictObject({
    steps: z.array(ProcessStep).min(1).max(100),
    edges: z.array(z.strictObject({ from: z.string(), to: z.string() })).max(400),
  })
  .openapi('ProcessDefinition');
export type ProvisionalProcess = z.infer<typeof ProvisionalProcess>;
/** Kept for the seeds and tests that still write provisional graphs. */
export type ProcessDefinition = ProvisionalProcess;

/** Converts a stored or submitted process to the engine's definition (a provisional graph via fromProvisional). */
export function toCoreProcess(p: CoreProcess | ProvisionalProcess): CoreProcess {
  return 'nodes' in p ? p : fromProvisional(p);
}

/** What an item version carries: the engine's definition; a provisional graph is accepted and converted. */
export const ItemProcess = z.union([CoreProcess, ProvisionalProcess]).transform((p, ctx) => {
  try {
    return toCoreProcess(p);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: `流程无法转换 / cannot convert the process: ${(e as Error).message}`,
    });
    return z.NEVER;
  }
});

/** accept → review → approve → deliver: what an item runs through until it has its own definition. */
export const DEFAULT_PROCESS: ProcessDefinition = {
  steps: [
    { id: 'accept', name: '受理', assignee: '窗口', role: 'window_clerk' },
    { id: 'review', name: '审核', assignee: '承办处室', role: 'reviewer' },
    { id: 'approve', name: '批准', assignee: '部门领导', role: 'leader' },
    { id: 'deliver', name: '办结送达', assignee: '窗口', role: 'window_clerk' },
  ],
  edges: [
    { from: 'accept', to: 'review' },
    { from: 'review', to: 'approve' },
    { from: 'approve', to: 'deliver' },
  ],
};

/** Builds a chain of steps (the common case in seed data and tests). */
export function chain(steps: ProcessStep[]): ProcessDefinition {
  return { steps, edges: steps.slice(1).map((s, i) => ({ from: steps[i]!.id, to: s.id })) };
}

export interface ProcessProblem {
  zh: string;
  en: string;
}

/** The errors of a definition (warnings such as a missing limit do not block publication). */
export function checkProcess(def: CoreProcess | ProvisionalProcess): ProcessProblem[] {
  if ('steps' in def) {
    const basic = checkProvisional(def);
    if (basic.length) return basic;
  }
  let core: CoreProcess;
  try {
    core = toCoreProcess(def);
  } catch (e) {
    return [{ zh: '流程定义无效。', en: `invalid process definition: ${(e as Error).message}` }];
  }
  const problems = validate(core);
  if (!hasErrors(problems)) return [];
  return problems.filter((p) => p.severity === 'error').map((p) => ({ zh: p.zh, en: p.en }));
}

/** Checks a provisional graph: unique ids, known ends of edges, no cycle, one start and one end. */
function checkProvisional(def: ProvisionalProcess): ProcessProblem[] {
  const ids = new Set<string>();
  for (const s of def.steps) {
    if (ids.has(s.id)) return [{ zh: `步骤标识重复：${s.id}`, en: `duplicate step id ${s.id}` }];
    ids.add(s.id);
  }
  const bad = def.edges.find((e) => !ids.has(e.from) || !ids.has(e.to) || e.from === e.to);
  if (bad) return [{ zh: `流程连线无效：${bad.from}→${bad.to}`, en: `invalid edge ${bad.from} → ${bad.to}` }];
  const order = topologicalOrder(def);
  if (!order) return [{ zh: '流程存在循环。', en: 'the process has a cycle' }];
  const starts = def.steps.filter((s) => !def.edges.some((e) => e.to === s.id));
  const ends = def.steps.filter((s) => !def.edges.some((e) => e.from === s.id));
  if (starts.length !== 1 || ends.length !== 1)
    return [
      {
        zh: '流程必须有且只有一个开始步骤和一个结束步骤。',
        en: 'the process needs exactly one first and one last step',
      },
    ];
  return [];
}

function topologicalOrder(def: ProcessDefinition): string[] | null {
  const indegree = new Map(def.steps.map((s) => [s.id, 0]));
  for (const e of def.edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const ready = def.steps.filter((s) => indegree.get(s.id) === 0).map((s) => s.id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of def.edges.filter((x) => x.from === id)) {
      const left = indegree.get(e.to)! - 1;
      indegree.set(e.to, left);
      if (left === 0) ready.push(e.to);
    }
  }
  return order.length === def.steps.length ? order : null;
}

export interface FlowNode extends ProcessStep {
  /** Column from the left: the longest path from the first step. Parallel branches share columns. */
  column: number;
  /** Row inside the column, from the top. */
  row: number;
  /** Several successors: the branches after it run in parallel. */
  fork: boolean;
  /** Several predecessors: waits for all of its branches. */
  join: boolean;
}

export interface Flow {
  nodes: FlowNode[];
  edges: { from: string; to: string; parallel: boolean }[];
  columns: number;
}

/** The steps of an engine definition as a plain graph: gateways collapsed into step-to-step edges. */
export function stepGraph(def: CoreProcess): ProvisionalProcess {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const next = (id: string, seen = new Set<string>()): string[] =>
    def.edges
      .filter((e) => e.from === id)
      .flatMap((e) => {
        if (seen.has(e.to)) return [];
        seen.add(e.to);
        return isStep(byId.get(e.to)) ? [e.to] : next(e.to, seen);
      });
  const steps = def.nodes.filter(isStep).map((s) => ({
    id: s.id,
    name: s.name,
    assignee: s.assigneeLabel ?? s.name,
    ...(s.assignee.type === 'role' && ['window_clerk', 'reviewer', 'leader'].includes(s.assignee.role)
      ? { role: s.assignee.role as 'window_clerk' | 'reviewer' | 'leader' }
      : s.assignee.type === 'agency'
        ? { role: 'external' as const }
        : {}),
    ...(s.assignee.type === 'office' ? { officeCode: s.assignee.officeCode } : {}),
    ...(s.limit ? { limit: s.limit } : {}),
  }));
  const edges = steps.flatMap((s) => next(s.id).map((to) => ({ from: s.id, to })));
  return { steps, edges };
}

/** Lays a (valid) process out for a page to draw: columns by longest path, parallel steps stacked. */
export function toFlow(process: CoreProcess | ProvisionalProcess): Flow {
  const def = 'nodes' in process ? stepGraph(process) : process;
  const order = topologicalOrder(def) ?? def.steps.map((s) => s.id);
  const column = new Map<string, number>();
  for (const id of order) {
    const preds = def.edges.filter((e) => e.to === id).map((e) => column.get(e.from) ?? 0);
    column.set(id, preds.length ? Math.max(...preds) + 1 : 0);
  }
  const rows = new Map<number, number>();
  const outs = (id: string) => def.edges.filter((e) => e.from === id).length;
  const ins = (id: string) => def.edges.filter((e) => e.to === id).length;
  const nodes = order.map((id) => {
    const step = def.steps.find((s) => s.id === id)!;
    const col = column.get(id)!;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { ...step, column: col, row, fork: outs(id) > 1, join: ins(id) > 1 };
  });
  const edges = def.edges.map((e) => ({ ...e, parallel: outs(e.from) > 1 || ins(e.to) > 1 }));
  return { nodes, edges, columns: Math.max(0, ...column.values()) + 1 };
}
