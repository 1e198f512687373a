// Lays out a process model for FlowChart in the browser (the catalogue's read-only view now, the process
// editor's live drawing later). The drawing shows the steps only: start, end and the gateways (parallel
// split and join, exclusive choice) become the shape of the arrows, and an arrow that passes a parallel
// gateway is drawn as parallel. A step's column is its longest distance from the first step; steps
// sharing a column are stacked. The guide API sends the same kind of layout ready-made.
import type { Schema } from '../api/types.ts';
import type { Flow } from './FlowChart.tsx';

type Model = Schema<'ProcessModel'>;
type StepNode = Schema<'ProcessStepNode'>;

const isStep = (n: Model['nodes'][number]): n is StepNode => n.type === 'step';

/** Who does a step, in words: the model's own label, else its assignee rule. */
export function assigneeText(step: StepNode): string {
  if (step.assigneeLabel) return step.assigneeLabel;
  const a = step.assignee;
  switch (a.type) {
    case 'office':
      return a.departmentCode ? `${a.departmentCode}/${a.officeCode}` : a.officeCode;
    case 'role':
      return a.departmentCode ? `${a.departmentCode}/${a.role}` : a.role;
    case 'agency':
      return a.agencyCode;
    default:
      return '—';
  }
}

/** Step-to-step arrows: each step's next steps, following the arrows through gateways. */
function stepEdges(model: Model): { from: string; to: string; parallel: boolean }[] {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of model.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const edges = new Map<string, { from: string; to: string; parallel: boolean }>();
  for (const step of model.nodes.filter(isStep)) {
    const queue = (out.get(step.id) ?? []).map((id) => ({ id, parallel: false }));
    const seen = new Set<string>();
    while (queue.length) {
      const { id, parallel } = queue.shift()!;
      const node = byId.get(id);
      if (!node || seen.has(id)) continue;
      seen.add(id);
      if (isStep(node)) {
        const key = `${step.id}>${id}`;
        edges.set(key, { from: step.id, to: id, parallel: parallel || (edges.get(key)?.parallel ?? false) });
        continue;
      }
      const through = parallel || node.type === 'parallel_split' || node.type === 'parallel_join';
      for (const next of out.get(id) ?? []) queue.push({ id: next, parallel: through });
    }
  }
  return [...edges.values()];
}

export function layoutFlow(model: Model): Flow {
  const steps = model.nodes.filter(isStep);
  const edges = stepEdges(model);
  const outs = (id: string) => edges.filter((e) => e.from === id).length;
  const ins = (id: string) => edges.filter((e) => e.to === id).length;

  // Kahn's order; a cycle (a return arrow, or an invalid draft) leaves steps out: appended as given.
  const left = new Map(steps.map((s) => [s.id, ins(s.id)]));
  const ready = steps.filter((s) => left.get(s.id) === 0).map((s) => s.id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of edges.filter((x) => x.from === id)) {
      const n = (left.get(e.to) ?? 1) - 1;
      left.set(e.to, n);
      if (n === 0) ready.push(e.to);
    }
  }
  for (const s of steps) if (!order.includes(s.id)) order.push(s.id);

  const column = new Map<string, number>();
  for (const id of order) {
    const preds = edges.filter((e) => e.to === id && column.has(e.from)).map((e) => column.get(e.from)!);
    column.set(id, preds.length ? Math.max(...preds) + 1 : 0);
  }
  const rows = new Map<number, number>();
  const nodes = order.map((id) => {
    const step = steps.find((s) => s.id === id)!;
    const col = column.get(id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return {
      id,
      name: step.name,
      assignee: assigneeText(step),
      limit: step.limit,
      column: col,
      row,
      fork: outs(id) > 1,
      join: ins(id) > 1,
    };
  });
  return { nodes, edges, columns: Math.max(0, ...column.values()) + 1 };
}
