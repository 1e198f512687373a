/** Small definitions and helpers for the engine's tests. */
import type { z } from '@hono/zod-openapi';
import fc from 'fast-check';
import { chain, days, gateway, parallel, role, type StepSpec, step } from './build.ts';
import { ProcessDefinition, type ProcessEdge } from './definition.ts';
import type { ProcessEvent } from './events.ts';
import { indexDefinition, reachable } from './graph.ts';

type NodeInput = z.input<typeof ProcessDefinition>['nodes'][number];
type EdgeInput = z.input<typeof ProcessEdge>;

export function define(nodes: NodeInput[], edges: EdgeInput[]): ProcessDefinition {
  return ProcessDefinition.parse({ nodes, edges });
}

/** A handling step of 1 working day unless told otherwise. */
export const s = (id: string, spec: Partial<StepSpec> = {}) =>
  step(id, { name: id, kind: 'handle', assignee: role('reviewer'), limit: days(1), ...spec });

export const START = gateway('start', 'start');
export const END = gateway('end', 'end');

export const pass = (stepId: string, data?: Record<string, unknown>): ProcessEvent =>
  data
    ? { type: 'step_completed', stepId, action: 'pass', data }
    : { type: 'step_completed', stepId, action: 'pass' };
export const back = (stepId: string, returnTo: string): ProcessEvent => ({
  type: 'step_completed',
  stepId,
  action: 'return',
  returnTo,
});

/** start → a → b → c → end */
export const SEQUENCE = define([START, s('a'), s('b'), s('c'), END], chain('start', 'a', 'b', 'c', 'end'));

const block = parallel({ id: 'split' }, { id: 'join' }, [['p1', 'p2'], ['q'], ['r']]);
/** start → a → split → (p1 → p2 | q | r) → join → z → end; p2 may return to p1 or a (or to the applicant), r may deny, z may return to p1, q or a, or deny. */
export const PARALLEL = define(
  [
    START,
    s('a', { actions: { returnToApplicant: true } }),
    ...block.nodes,
    s('p1', { limit: days(2) }),
    s('p2', { limit: days(3), actions: { returnTo: ['p1', 'a'], returnToApplicant: true } }),
    s('q', { limit: days(4) }),
    s('r', { actions: { deny: true } }),
    s('z', { actions: { returnTo: ['p1', 'q', 'a'], deny: true } }),
    END,
  ],
  [...chain('start', 'a', 'split'), ...block.edges, ...chain('join', 'z', 'end')],
);

/** start → a → choice → (big: area > 10 → gov) | (default) → b → end */
export const EXCLUSIVE = define(
  [START, s('a'), gateway('exclusive', 'choice'), s('gov', { limit: days(5) }), s('b'), END],
  [
    ...chain('start', 'a', 'choice'),
    { from: 'choice', to: 'gov', condition: { field: 'area', op: '>', value: 10 } },
    { from: 'choice', to: 'b', default: true },
    ...chain('gov', 'b', 'end'),
  ],
);

/** A block-structured process: a step, a sequence, a parallel block or an exclusive choice. */
export type Shape = { kind: 'step'; days: number } | { kind: 'seq' | 'par' | 'xor'; items: Shape[] };

const shapes = fc.letrec<{ shape: Shape; step: Shape; seq: Shape; par: Shape; xor: Shape }>((tie) => ({
  shape: fc.oneof({ maxDepth: 4, depthIdentifier: 'shape' }, tie('step'), tie('seq'), tie('par'), tie('xor')),
  step: fc.record({ kind: fc.constant('step' as const), days: fc.integer({ min: 0, max: 5 }) }),
  seq: fc.record({
    kind: fc.constant('seq' as const),
    items: fc.array(tie('shape'), { minLength: 1, maxLength: 3 }),
  }),
  par: fc.record({
    kind: fc.constant('par' as const),
    items: fc.array(tie('shape'), { minLength: 2, maxLength: 3 }),
  }),
  xor: fc.record({
    kind: fc.constant('xor' as const),
    items: fc.array(tie('shape'), { minLength: 2, maxLength: 3 }),
  }),
}));

interface Pending {
  from: string;
  condition?: { field: string; op: '=='; value: number };
  default?: true;
}

/**
 * The definition of a shape: xor gateway `xN` takes branch i > 0 when case data field `xN` equals i, else
 * branch 0 (the default). Every step may return to every earlier step and to the applicant.
 */
export function definitionOf(shape: Shape): ProcessDefinition {
  const nodes: NodeInput[] = [START, END];
  const edges: EdgeInput[] = [];
  let n = 0;
  const connect = (incoming: Pending[], to: string) => {
    for (const p of incoming) edges.push({ ...p, to });
  };
  const emit = (sh: Shape, incoming: Pending[]): Pending[] => {
    const id = `${sh.kind === 'step' ? 't' : sh.kind}${++n}`;
    if (sh.kind === 'step') {
      nodes.push(s(id, { limit: days(sh.days) }));
      connect(incoming, id);
      return [{ from: id }];
    }
    if (sh.kind === 'seq') return sh.items.reduce((acc, item) => emit(item, acc), incoming);
    connect(incoming, id);
    if (sh.kind === 'par') {
      nodes.push(gateway('parallel_split', id), gateway('parallel_join', `${id}j`));
      connect(
        sh.items.flatMap((item) => emit(item, [{ from: id }])),
        `${id}j`,
      );
      return [{ from: `${id}j` }];
    }
    nodes.push(gateway('exclusive', id));
    return sh.items.flatMap((item, i) =>
      emit(item, [
        i === 0 ? { from: id, default: true } : { from: id, condition: { field: id, op: '==', value: i } },
      ]),
    );
  };
  connect(emit(shape, [{ from: 'start' }]), 'end');
  const plain = define(nodes, edges);
  const g = indexDefinition(plain);
  for (const node of plain.nodes) {
    if (node.type !== 'step') continue;
    const earlier = [...reachable(g, node.id, 'in')].filter(
      (id) => id !== node.id && g.nodes.get(id)?.type === 'step',
    );
    node.actions = { returnTo: earlier, returnToApplicant: true, deny: false };
  }
  return plain;
}

export const arbitraryShape = shapes.shape;
/** Case data choosing a branch (0–2) at every exclusive gateway a shape can have (ids up to 60). */
export const arbitraryChoices = fc.dictionary(
  fc.integer({ min: 1, max: 60 }).map((i) => `xor${i}`),
  fc.integer({ min: 0, max: 2 }),
);
