/**
 * Graph analysis shared by validation, execution and duration arithmetic: an index of the nodes and edges,
 * topological order, reachability, and the block structure of parallel splits and joins. Pure.
 */
import type { ProcessDefinition, ProcessEdge, ProcessNode } from './definition.ts';

export interface GraphIndex {
  nodes: Map<string, ProcessNode>;
  /** Edges whose both ends are known nodes, per source, in definition order. */
  out: Map<string, ProcessEdge[]>;
  in: Map<string, ProcessEdge[]>;
  start?: string;
  end?: string;
}

/** First node wins on duplicate ids; edges to unknown nodes are left out (validation reports both). */
export function indexDefinition(def: ProcessDefinition): GraphIndex {
  const nodes = new Map<string, ProcessNode>();
  for (const n of def.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const out = new Map<string, ProcessEdge[]>();
  const inc = new Map<string, ProcessEdge[]>();
  for (const id of nodes.keys()) {
    out.set(id, []);
    inc.set(id, []);
  }
  for (const e of def.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    out.get(e.from)!.push(e);
    inc.get(e.to)!.push(e);
  }
  const index: GraphIndex = { nodes, out, in: inc };
  const start = def.nodes.find((n) => n.type === 'start');
  const end = def.nodes.find((n) => n.type === 'end');
  if (start) index.start = start.id;
  if (end) index.end = end.id;
  return index;
}

export const edgesOut = (g: GraphIndex, id: string): ProcessEdge[] => g.out.get(id) ?? [];
export const edgesIn = (g: GraphIndex, id: string): ProcessEdge[] => g.in.get(id) ?? [];

/** All nodes in an order where every edge goes forward; null when the edges contain a cycle. */
export function topologicalOrder(g: GraphIndex): string[] | null {
  const indegree = new Map<string, number>();
  for (const id of g.nodes.keys()) indegree.set(id, edgesIn(g, id).length);
  const ready = [...g.nodes.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    order.push(id);
    for (const e of edgesOut(g, id)) {
      const left = indegree.get(e.to)! - 1;
      indegree.set(e.to, left);
      if (left === 0) ready.push(e.to);
    }
  }
  return order.length === g.nodes.size ? order : null;
}

/** Nodes reachable from `from` (itself included) following edges forward, or backward for 'in'. */
export function reachable(g: GraphIndex, from: string | undefined, direction: 'out' | 'in'): Set<string> {
  const seen = new Set<string>();
  if (from === undefined || !g.nodes.has(from)) return seen;
  const stack = [from];
  seen.add(from);
  while (stack.length) {
    const id = stack.pop()!;
    const next = direction === 'out' ? edgesOut(g, id).map((e) => e.to) : edgesIn(g, id).map((e) => e.from);
    for (const n of next) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return seen;
}

/** Inside branch `branch` (the index of the split's outgoing edge) of the block opened by `split`. */
export interface Frame {
  split: string;
  branch: number;
}

export interface BlockIssue {
  code: 'join_mismatch' | 'split_unclosed';
  nodeId: string;
}

export interface BlockStructure {
  /** The stack of parallel blocks each reachable node lies in, outermost first. */
  context: Map<string, Frame[]>;
  joinOf: Map<string, string>;
  splitOf: Map<string, string>;
  issues: BlockIssue[];
}

const key = (ctx: readonly Frame[]) => ctx.map((f) => `${f.split}#${f.branch}`).join('/');

/** The blocks a token travelling along `edge` is in. */
export function contextAfter(g: GraphIndex, s: BlockStructure, edge: ProcessEdge): Frame[] {
  const ctx = s.context.get(edge.from) ?? [];
  if (g.nodes.get(edge.from)?.type !== 'parallel_split') return ctx;
  return [...ctx, { split: edge.from, branch: edgesOut(g, edge.from).indexOf(edge) }];
}

/** The branch of its join's split an edge into a join belongs to. */
export function branchInto(g: GraphIndex, s: BlockStructure, edge: ProcessEdge): number {
  return contextAfter(g, s, edge).at(-1)?.branch ?? -1;
}

/**
 * Walks the (acyclic) graph from the start in topological order, giving each node the stack of parallel
 * blocks it lies in. A join must receive exactly the branches of one split, all at the same depth
 * (join_mismatch). Any other node must receive the same stack on every incoming edge, and the end an empty
 * one: otherwise the splits whose branches meet there are not closed by a join (split_unclosed), as is a
 * split no join refers to.
 */
export function analyseBlocks(
  g: GraphIndex,
  order: readonly string[],
  live: ReadonlySet<string>,
): BlockStructure {
  const s: BlockStructure = { context: new Map(), joinOf: new Map(), splitOf: new Map(), issues: [] };
  const flag = (code: BlockIssue['code'], nodeId: string) => {
    if (!s.issues.some((i) => i.code === code && i.nodeId === nodeId)) s.issues.push({ code, nodeId });
  };
  const claimed = new Set<string>(); // splits some join refers to, matching or not
  for (const id of order) {
    if (!live.has(id)) continue;
    const node = g.nodes.get(id)!;
    const incoming = edgesIn(g, id).filter((e) => live.has(e.from));
    if (node.type === 'start' || incoming.length === 0) {
      s.context.set(id, []);
      continue;
    }
    const ctxs = incoming.map((e) => contextAfter(g, s, e));
    if (node.type === 'parallel_join') {
      for (const c of ctxs) if (c.length) claimed.add(c.at(-1)!.split);
      s.context.set(id, joinContext(g, s, id, ctxs) ?? ctxs[0]!.slice(0, -1));
      if (!s.splitOf.has(id)) flag('join_mismatch', id);
      continue;
    }
    const common = commonPrefix(ctxs);
    for (const c of ctxs) for (const f of c.slice(common)) flag('split_unclosed', f.split);
    s.context.set(id, ctxs[0]!.slice(0, common));
    if (node.type === 'end') for (const f of s.context.get(id)!) flag('split_unclosed', f.split);
  }
  for (const id of order) {
    const isSplit = g.nodes.get(id)!.type === 'parallel_split';
    if (live.has(id) && isSplit && !s.joinOf.has(id) && !claimed.has(id)) flag('split_unclosed', id);
  }
  return s;
}

function commonPrefix(ctxs: readonly Frame[][]): number {
  const first = ctxs[0]!;
  let n = 0;
  while (
    n < first.length &&
    ctxs.every((c) => c[n]?.split === first[n]!.split && c[n]!.branch === first[n]!.branch)
  )
    n++;
  return n;
}

/** Records the join of a split when the join receives exactly that split's branches; else undefined. */
function joinContext(g: GraphIndex, s: BlockStructure, joinId: string, ctxs: Frame[][]): Frame[] | undefined {
  const first = ctxs[0]!;
  const split = first.at(-1)?.split;
  if (split === undefined || s.joinOf.has(split)) return undefined;
  const outer = key(first.slice(0, -1));
  const sameBlock = ctxs.every((c) => c.at(-1)?.split === split && key(c.slice(0, -1)) === outer);
  const branches = new Set(ctxs.map((c) => c.at(-1)?.branch));
  if (!sameBlock || branches.size !== edgesOut(g, split).length) return undefined;
  s.joinOf.set(split, joinId);
  s.splitOf.set(joinId, split);
  return first.slice(0, -1);
}
