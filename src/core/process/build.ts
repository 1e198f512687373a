/**
 * Small helpers to author process definitions in code (demo data, tests). The result is plain data to be
 * checked with ProcessDefinition.parse and validate().
 */
import type { z } from '@hono/zod-openapi';
import type { AssigneeRule, ProcessDefinitionInput, ProcessEdge, StepKind, StepLimit } from './definition.ts';

type NodeInput = ProcessDefinitionInput['nodes'][number];
type StepInput = Extract<NodeInput, { type: 'step' }>;
type ActionsInput = NonNullable<StepInput['actions']>;
type EdgeInput = z.input<typeof ProcessEdge>;

export const days = (value: number): StepLimit => ({ value, unit: 'working_days' });
export const hours = (value: number): StepLimit => ({ value, unit: 'working_hours' });

export const office = (officeCode: string, departmentCode?: string): AssigneeRule =>
  departmentCode === undefined
    ? { type: 'office', officeCode }
    : { type: 'office', officeCode, departmentCode };
export const role = (roleName: string, departmentCode?: string): AssigneeRule =>
  departmentCode === undefined
    ? { type: 'role', role: roleName }
    : { type: 'role', role: roleName, departmentCode };
export const agency = (agencyCode: string): AssigneeRule => ({ type: 'agency', agencyCode });
export const picked = (): AssigneeRule => ({ type: 'picked' });

export interface StepSpec {
  name: string;
  kind: StepKind;
  assignee: AssigneeRule;
  limit?: StepLimit;
  label?: string;
  actions?: ActionsInput;
}

export function step(id: string, spec: StepSpec): StepInput {
  const s: StepInput = { type: 'step', id, name: spec.name, kind: spec.kind, assignee: spec.assignee };
  if (spec.limit) s.limit = spec.limit;
  if (spec.label) s.assigneeLabel = spec.label;
  if (spec.actions) s.actions = spec.actions;
  return s;
}

export const gateway = (
  type: 'start' | 'end' | 'parallel_split' | 'parallel_join' | 'exclusive',
  id: string,
  name?: string,
): NodeInput => (name === undefined ? { type, id } : { type, id, name });

/** Edges a → b → c … */
export function chain(...ids: string[]): EdgeInput[] {
  return ids.slice(1).map((to, i) => ({ from: ids[i]!, to }));
}

/**
 * A parallel block: `split` opens one branch per list, each branch a chain of the listed ids, all closed
 * by `join`. Returns the two gateway nodes and the edges; the branch steps are defined by the caller.
 */
export function parallel(
  split: { id: string; name?: string },
  join: { id: string; name?: string },
  branches: string[][],
): { nodes: NodeInput[]; edges: EdgeInput[] } {
  const edges = branches.flatMap((b) =>
    b.length ? chain(split.id, ...b, join.id) : chain(split.id, join.id),
  );
  return {
    nodes: [gateway('parallel_split', split.id, split.name), gateway('parallel_join', join.id, join.name)],
    edges,
  };
}

export interface Signer {
  id: string;
  name: string;
  assignee: AssigneeRule;
  label?: string;
  actions?: ActionsInput;
}

/**
 * 会签 / 会办: every signer signs in parallel, each with its own task and limit; the block ends when all
 * have signed. Returns the gateways, the signers' steps and the edges.
 */
export function coSign(
  split: { id: string; name: string },
  join: { id: string; name?: string },
  signers: Signer[],
  limit: StepLimit,
): { nodes: NodeInput[]; edges: EdgeInput[] } {
  const block = parallel(
    split,
    join,
    signers.map((s) => [s.id]),
  );
  const steps = signers.map((s) => {
    const spec: StepSpec = { name: s.name, kind: 'joint_review', assignee: s.assignee, limit };
    if (s.label) spec.label = s.label;
    if (s.actions) spec.actions = s.actions;
    return step(s.id, spec);
  });
  return { nodes: [...block.nodes, ...steps], edges: block.edges };
}
