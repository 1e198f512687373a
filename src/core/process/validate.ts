/**
 * Validation of a process definition before it is published (发布前校验). Returns every problem found,
 * never throws. Pure. The kinds of problems and why they matter: docs/adr/003-process-engine.md.
 */
import type { ProcessDefinition, ProcessNode } from './definition.ts';
import { criticalPath } from './duration.ts';
import {
  analyseBlocks,
  edgesIn,
  edgesOut,
  type GraphIndex,
  indexDefinition,
  reachable,
  topologicalOrder,
} from './graph.ts';

export const PROBLEM_SEVERITY = {
  duplicate_id: 'error',
  unknown_node: 'error',
  start_end: 'error',
  bad_degree: 'error',
  duplicate_edge: 'error',
  cycle: 'error',
  unreachable: 'error',
  dead_end: 'error',
  join_mismatch: 'error',
  split_unclosed: 'error',
  no_default: 'error',
  multiple_defaults: 'error',
  missing_condition: 'error',
  misplaced_condition: 'error',
  bad_return_target: 'error',
  over_promised_limit: 'warning',
  no_limit: 'warning',
} as const;
export type ProblemCode = keyof typeof PROBLEM_SEVERITY;

export interface ProcessProblem {
  code: ProblemCode;
  /** The node (step or gateway) the problem is about, when there is one. */
  stepId?: string;
  zh: string;
  en: string;
  severity: 'error' | 'warning';
}

export interface ValidateOptions {
  /** The item's promised limit (承诺办结时限) in working days: warn when the longest path needs more. */
  promisedWorkingDays?: number;
  /** Office hours per working day, to count working_hours limits as days (default 9: 08:30–17:30). */
  hoursPerDay?: number;
}

type Messages = (id: string, a: string, b: string) => [zh: string, en: string];

/** The message of each problem: `id` is the node concerned, `a` and `b` details. */
const MESSAGES: Record<ProblemCode, Messages> = {
  duplicate_id: (id) => [`节点标识重复：${id}`, `duplicate node id ${id}`],
  unknown_node: (id, ref) => [
    `${id || '连线'} 引用了不存在的节点 ${ref}。`,
    `${id || 'an edge'} refers to unknown node ${ref}`,
  ],
  start_end: () => [
    '流程必须有且只有一个开始节点和一个结束节点。',
    'the process needs exactly one start and one end node',
  ],
  bad_degree: (id, a, b) => [
    `节点 ${id} 的连线数目不对（入 ${a}，出 ${b}）。`,
    `node ${id} has the wrong number of edges (${a} in, ${b} out)`,
  ],
  duplicate_edge: (id, to) => [`连线重复：${id}→${to}`, `duplicate edge ${id} → ${to}`],
  cycle: () => [
    '流程连线存在循环（回到前面的步骤只能通过退回操作）。',
    'the edges form a cycle (going back is only by a return action)',
  ],
  unreachable: (id) => [`节点 ${id} 从开始无法到达。`, `node ${id} cannot be reached from the start`],
  dead_end: (id) => [
    `节点 ${id} 无法到达结束（死分支）。`,
    `node ${id} has no path to the end (dead branch)`,
  ],
  join_mismatch: (id) => [
    `并行汇合 ${id} 没有恰好汇合同一个并行拆分的全部分支。`,
    `parallel join ${id} does not close exactly the branches of one split`,
  ],
  split_unclosed: (id) => [
    `并行拆分 ${id} 的分支没有由一个并行汇合节点汇合。`,
    `the branches of parallel split ${id} are not closed by one join`,
  ],
  no_default: (id) => [`条件分支 ${id} 没有默认分支。`, `exclusive gateway ${id} has no default branch`],
  multiple_defaults: (id) => [
    `条件分支 ${id} 有多个默认分支。`,
    `exclusive gateway ${id} has more than one default branch`,
  ],
  missing_condition: (id, to) => [
    `条件分支 ${id} 到 ${to} 的连线既无条件也非默认。`,
    `edge ${id} → ${to} has neither a condition nor the default mark`,
  ],
  misplaced_condition: (id) => [
    `只有条件分支的连线可以带条件或设为默认（${id}）。`,
    `only edges leaving an exclusive gateway may have a condition or be the default (${id})`,
  ],
  bad_return_target: (id, to) => [
    `步骤 ${id} 只能退回到它之前的步骤，${to} 不是。`,
    `step ${id} may only return to an earlier step, which ${to} is not`,
  ],
  over_promised_limit: (_, a, b) => [
    `最长路径各步骤时限合计 ${a} 个工作日，超过承诺时限 ${b} 个工作日。`,
    `the step limits along the longest path add up to ${a} working days, more than the promised ${b}`,
  ],
  no_limit: (id) => [`步骤 ${id} 没有办理时限。`, `step ${id} has no time limit`],
};

function problem(
  code: ProblemCode,
  stepId?: string,
  a: string | number = '',
  b: string | number = '',
): ProcessProblem {
  const [zh, en] = MESSAGES[code](stepId ?? '', String(a), String(b));
  const p: ProcessProblem = { code, zh, en, severity: PROBLEM_SEVERITY[code] };
  if (stepId !== undefined) p.stepId = stepId;
  return p;
}

export const hasErrors = (problems: readonly ProcessProblem[]) =>
  problems.some((p) => p.severity === 'error');

/** Every problem of the definition; an empty list means it may be published. */
export function validate(def: ProcessDefinition, options: ValidateOptions = {}): ProcessProblem[] {
  const g = indexDefinition(def);
  const problems = [...checkReferences(def, g), ...checkDegrees(g), ...checkGateways(g), ...checkReturns(g)];
  const order = topologicalOrder(g);
  if (!order) problems.push(problem('cycle'));
  const live = reachable(g, g.start, 'out');
  const finishing = reachable(g, g.end, 'in');
  for (const id of g.nodes.keys()) {
    if (!live.has(id)) problems.push(problem('unreachable', id));
    else if (!finishing.has(id)) problems.push(problem('dead_end', id));
  }
  if (order && g.start) {
    for (const issue of analyseBlocks(g, order, live).issues)
      problems.push(problem(issue.code, issue.nodeId));
  }
  for (const n of def.nodes) if (n.type === 'step' && !n.limit) problems.push(problem('no_limit', n.id));
  const promised = options.promisedWorkingDays;
  if (!hasErrors(problems) && promised !== undefined) {
    const { workingDays } = criticalPath(def, { hoursPerDay: options.hoursPerDay });
    if (workingDays > promised)
      problems.push(problem('over_promised_limit', undefined, workingDays, promised));
  }
  return problems;
}

function checkReferences(def: ProcessDefinition, g: GraphIndex): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const seen = new Set<string>();
  for (const n of def.nodes) {
    if (seen.has(n.id)) problems.push(problem('duplicate_id', n.id));
    seen.add(n.id);
  }
  const edges = new Set<string>();
  for (const e of def.edges) {
    const known = [e.from, e.to].find((id) => g.nodes.has(id));
    for (const end of [e.from, e.to])
      if (!g.nodes.has(end)) problems.push(problem('unknown_node', known, end));
    // Two edges from an exclusive gateway to one node are two alternative conditions (an "or").
    const k = `${e.from}>${e.to}`;
    if (edges.has(k) && g.nodes.get(e.from)?.type !== 'exclusive')
      problems.push(problem('duplicate_edge', e.from, e.to));
    edges.add(k);
  }
  const count = (type: ProcessNode['type']) => def.nodes.filter((n) => n.type === type).length;
  if (count('start') !== 1 || count('end') !== 1) problems.push(problem('start_end'));
  return problems;
}

/** [min in, max in, min out, max out] per node type; missing edges show as unreachable or dead ends. */
const DEGREES: Record<ProcessNode['type'], [number, number, number, number]> = {
  start: [0, 0, 0, 1],
  end: [0, Infinity, 0, 0],
  step: [0, Infinity, 0, 1],
  parallel_split: [0, Infinity, 2, Infinity],
  parallel_join: [2, Infinity, 0, 1],
  exclusive: [0, Infinity, 2, Infinity],
};

function checkDegrees(g: GraphIndex): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  for (const [id, node] of g.nodes) {
    const [minIn, maxIn, minOut, maxOut] = DEGREES[node.type];
    const ins = edgesIn(g, id).length;
    const outs = edgesOut(g, id).length;
    if ((ins > 0 && ins < minIn) || ins > maxIn || (outs > 0 && outs < minOut) || outs > maxOut) {
      problems.push(problem('bad_degree', id, ins, outs));
    }
  }
  return problems;
}

function checkGateways(g: GraphIndex): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  for (const [id, node] of g.nodes) {
    const outs = edgesOut(g, id);
    if (node.type !== 'exclusive') {
      if (outs.some((e) => e.condition || e.default)) problems.push(problem('misplaced_condition', id));
      continue;
    }
    const defaults = outs.filter((e) => e.default).length;
    if (defaults === 0) problems.push(problem('no_default', id));
    if (defaults > 1) problems.push(problem('multiple_defaults', id));
    for (const e of outs)
      if (!e.condition && !e.default) problems.push(problem('missing_condition', id, e.to));
  }
  return problems;
}

/** A step may return only to a step from which it can be reached (an earlier step). */
function checkReturns(g: GraphIndex): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  for (const [id, node] of g.nodes) {
    if (node.type !== 'step' || node.actions.returnTo.length === 0) continue;
    const earlier = reachable(g, id, 'in');
    for (const target of node.actions.returnTo) {
      const t = g.nodes.get(target);
      if (!t) problems.push(problem('unknown_node', id, target));
      else if (target === id || t.type !== 'step' || !earlier.has(target))
        problems.push(problem('bad_return_target', id, target));
    }
  }
  return problems;
}
