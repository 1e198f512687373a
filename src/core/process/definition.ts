/**
 * A process definition (办理流程) as data: steps, gateways and the edges between them, validated by zod at
 * the edge and stored as JSON with the item version it belongs to. Pure. Model and semantics:
 * docs/adr/003-process-engine.md.
 *
 * OpenAPI component names avoid the provisional catalogue schema's ('ProcessStep', 'ProcessDefinition')
 * so that both can appear in the API document until the catalogue switches to this one.
 */
import { z } from '@hono/zod-openapi';

/** The reserved return target meaning "back to the applicant" (退回申请人补正). Never a node id. */
export const APPLICANT = 'applicant';

export const NodeId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case id / 小写字母开头的标识')
  .refine((id) => id !== APPLICANT, `"${APPLICANT}" is reserved / "${APPLICANT}" 为保留标识`);

/** What a step does; the UI shows the Chinese term. */
export const STEP_KINDS = {
  intake: '受理',
  handle: '承办',
  review: '审核',
  approve: '批准',
  joint_review: '会审',
  external: '外部机构办理',
  fee: '收费',
  certificate: '制证',
  delivery: '送达',
  archive: '归档',
} as const;
export type StepKind = keyof typeof STEP_KINDS;
export const StepKind = z.enum(Object.keys(STEP_KINDS) as [StepKind, ...StepKind[]]);

const code = z.string().trim().min(1).max(32);

/**
 * Who gets the task. A department code left out means the item's implementing department; 'picked' is a
 * person chosen by whoever completed the previous step; 'agency' is an outside body (中介机构, 市政府).
 */
export const AssigneeRule = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('office'), officeCode: code, departmentCode: code.optional() }),
    z.strictObject({ type: z.literal('role'), role: code, departmentCode: code.optional() }),
    z.strictObject({ type: z.literal('picked') }),
    z.strictObject({ type: z.literal('agency'), agencyCode: code }),
  ])
  .openapi('AssigneeRule');
export type AssigneeRule = z.infer<typeof AssigneeRule>;

/** A step's own limit; working_days are whole days, working_hours may be fractional. */
export const StepLimit = z
  .strictObject({ value: z.number().min(0).max(3650), unit: z.enum(['working_days', 'working_hours']) })
  .refine((l) => l.unit !== 'working_days' || Number.isInteger(l.value), 'working days must be whole')
  .openapi('StepLimit');
export type StepLimit = z.infer<typeof StepLimit>;

/** What the assignee may do besides 通过 (pass, always allowed). */
export const StepActions = z
  .strictObject({
    /** 退回: earlier steps this step may send the case back to. */
    returnTo: z.array(NodeId).max(20).default([]),
    /** 退回申请人: ask the applicant for corrections (the office's clock stops meanwhile). */
    returnToApplicant: z.boolean().default(false),
    /** 不予许可: refuse the licence, with reasons. */
    deny: z.boolean().default(false),
  })
  .openapi('StepActions');
export type StepActions = z.infer<typeof StepActions>;

export const NO_ACTIONS: StepActions = Object.freeze({ returnTo: [], returnToApplicant: false, deny: false });

export const ProcessStepNode = z
  .strictObject({
    type: z.literal('step'),
    id: NodeId,
    name: z.string().trim().min(1).max(100),
    kind: StepKind,
    assignee: AssigneeRule,
    /** Who does it as shown to the public (e.g. 窗口, 利用处, 局领导); the UI resolves codes otherwise. */
    assigneeLabel: z.string().trim().min(1).max(100).optional(),
    limit: StepLimit.optional(),
    actions: StepActions.default(NO_ACTIONS),
  })
  .openapi('ProcessStepNode');
export type ProcessStepNode = z.infer<typeof ProcessStepNode>;

const marker = <T extends 'start' | 'end' | 'parallel_split' | 'parallel_join' | 'exclusive'>(type: T) =>
  z.strictObject({ type: z.literal(type), id: NodeId, name: z.string().trim().min(1).max(100).optional() });

/**
 * start / end: the single entry and exit. parallel_split: every outgoing edge starts a branch (并联);
 * parallel_join: waits for every branch of its split. exclusive: takes the first outgoing edge whose
 * condition holds, else the default edge (条件分支). A non-join node with several incoming edges is a
 * plain merge of exclusive branches.
 */
export const ProcessNode = z
  .discriminatedUnion('type', [
    ProcessStepNode,
    marker('start'),
    marker('end'),
    marker('parallel_split'),
    marker('parallel_join'),
    marker('exclusive'),
  ])
  .openapi('ProcessNode');
export type ProcessNode = z.infer<typeof ProcessNode>;
export type NodeType = ProcessNode['type'];

/** A dotted path into the case data, own properties only (e.g. 'land.areaHectares'). */
const FieldPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,7}$/);
const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

/** A comparison on case data. A missing field never matches (the default edge is taken). */
export const Comparison = z
  .union([
    z.strictObject({ field: FieldPath, op: z.enum(['>', '>=', '<', '<=']), value: z.number() }),
    z.strictObject({ field: FieldPath, op: z.enum(['==', '!=']), value: Scalar }),
    z.strictObject({ field: FieldPath, op: z.literal('in'), value: z.array(Scalar).min(1).max(100) }),
  ])
  .openapi('Comparison');
export type Comparison = z.infer<typeof Comparison>;

/** One comparison, or a list that must all hold. */
export const Condition = z.union([Comparison, z.array(Comparison).min(1).max(10)]).openapi('Condition');
export type Condition = z.infer<typeof Condition>;

export const ProcessEdge = z
  .strictObject({
    from: NodeId,
    to: NodeId,
    /** Only on edges leaving an exclusive gateway; tried in the order the edges are listed. */
    condition: Condition.optional(),
    /** The exclusive gateway's edge when no condition holds (exactly one per gateway). */
    default: z.literal(true).optional(),
  })
  .refine((e) => !(e.condition && e.default), 'an edge is either conditional or the default')
  .openapi('ProcessEdge');
export type ProcessEdge = z.infer<typeof ProcessEdge>;

export const ProcessDefinition = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .optional(),
    name: z.string().trim().min(1).max(200).optional(),
    nodes: z.array(ProcessNode).min(2).max(300),
    edges: z.array(ProcessEdge).max(600),
  })
  .openapi('ProcessModel');
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;
/** What an author writes: defaults (e.g. a step's actions) may be left out. */
export type ProcessDefinitionInput = z.input<typeof ProcessDefinition>;

export function isStep(node: ProcessNode | undefined): node is ProcessStepNode {
  return node?.type === 'step';
}

/** The steps of a definition, in the order they are listed. */
export function stepsOf(def: ProcessDefinition): ProcessStepNode[] {
  return def.nodes.filter(isStep);
}
