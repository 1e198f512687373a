import { describe, expect, it } from 'vitest';
import { gateway, parallel } from './build.ts';
import type { ProcessDefinition } from './definition.ts';
import { DEMO_DEFINITIONS } from './demo-definitions.ts';
import { define, END, EXCLUSIVE, PARALLEL, SEQUENCE, START, s } from './test-fixtures.ts';
import { PROBLEM_SEVERITY, type ProblemCode, validate } from './validate.ts';

const excl = (id: string) => gateway('exclusive', id);
const split = (id: string) => gateway('parallel_split', id);
const join = (id: string) => gateway('parallel_join', id);
const e = (from: string, to: string) => ({ from, to });
const big = { field: 'area', op: '>', value: 10 } as const;

/** One small broken definition per problem kind, and the [code, node] pairs validate() must report. */
const BROKEN: Record<ProblemCode, [ProcessDefinition, [ProblemCode, string | undefined][]]> = {
  duplicate_id: [
    define([START, s('a'), s('a'), END], [e('start', 'a'), e('a', 'end')]),
    [['duplicate_id', 'a']],
  ],
  unknown_node: [
    define(
      [START, s('a', { actions: { returnTo: ['ghost'] } }), END],
      [e('start', 'a'), e('a', 'end'), e('a', 'nowhere')],
    ),
    [
      ['unknown_node', 'a'],
      ['unknown_node', 'a'],
    ],
  ],
  start_end: [
    define([START, s('a'), END, gateway('end', 'end2')], [e('start', 'a'), e('a', 'end')]),
    [
      ['start_end', undefined],
      ['unreachable', 'end2'],
    ],
  ],
  bad_degree: [
    define(
      [START, s('a'), s('b'), s('c'), END],
      [e('start', 'a'), e('a', 'b'), e('a', 'c'), e('b', 'end'), e('c', 'end')],
    ),
    [['bad_degree', 'a']],
  ],
  duplicate_edge: [
    define([START, s('a'), s('b'), END], [e('start', 'a'), e('a', 'b'), e('a', 'b'), e('b', 'end')]),
    [
      ['duplicate_edge', 'a'],
      ['bad_degree', 'a'],
    ],
  ],
  cycle: [
    define(
      [START, s('a'), excl('x'), END],
      [
        e('start', 'a'),
        e('a', 'x'),
        { from: 'x', to: 'a', condition: big },
        { from: 'x', to: 'end', default: true },
      ],
    ),
    [['cycle', undefined]],
  ],
  unreachable: [
    define([START, s('a'), s('b'), END], [e('start', 'a'), e('a', 'end'), e('b', 'end')]),
    [['unreachable', 'b']],
  ],
  dead_end: [
    define(
      [START, excl('x'), s('a'), s('b'), END],
      [
        e('start', 'x'),
        { from: 'x', to: 'a', condition: big },
        { from: 'x', to: 'b', default: true },
        e('a', 'end'),
      ],
    ),
    [['dead_end', 'b']],
  ],
  join_mismatch: [
    // s2's branches and one of s1's are closed together by j: j matches neither split.
    define(
      [START, split('s1'), split('s2'), s('a'), s('b'), s('c'), join('j'), END],
      [
        e('start', 's1'),
        e('s1', 'a'),
        e('s1', 's2'),
        e('s2', 'b'),
        e('s2', 'c'),
        e('a', 'j'),
        e('b', 'j'),
        e('c', 'j'),
        e('j', 'end'),
      ],
    ),
    [['join_mismatch', 'j']],
  ],
  split_unclosed: [
    define(
      [START, split('s1'), s('a'), s('b'), END],
      [e('start', 's1'), e('s1', 'a'), e('s1', 'b'), e('a', 'end'), e('b', 'end')],
    ),
    [['split_unclosed', 's1']],
  ],
  no_default: [
    define(
      [START, excl('x'), s('a'), s('b'), END],
      [
        e('start', 'x'),
        { from: 'x', to: 'a', condition: big },
        { from: 'x', to: 'b', condition: { ...big, op: '<=' } },
        e('a', 'end'),
        e('b', 'end'),
      ],
    ),
    [['no_default', 'x']],
  ],
  multiple_defaults: [
    define(
      [START, excl('x'), s('a'), s('b'), END],
      [
        e('start', 'x'),
        { from: 'x', to: 'a', default: true },
        { from: 'x', to: 'b', default: true },
        e('a', 'end'),
        e('b', 'end'),
      ],
    ),
    [['multiple_defaults', 'x']],
  ],
  missing_condition: [
    define(
      [START, excl('x'), s('a'), s('b'), END],
      [e('start', 'x'), e('x', 'a'), { from: 'x', to: 'b', default: true }, e('a', 'end'), e('b', 'end')],
    ),
    [['missing_condition', 'x']],
  ],
  misplaced_condition: [
    define([START, s('a'), END], [e('start', 'a'), { from: 'a', to: 'end', condition: big }]),
    [['misplaced_condition', 'a']],
  ],
  bad_return_target: [
    define(
      [START, s('a', { actions: { returnTo: ['b'] } }), s('b'), END],
      [e('start', 'a'), e('a', 'b'), e('b', 'end')],
    ),
    [['bad_return_target', 'a']],
  ],
  over_promised_limit: [SEQUENCE, [['over_promised_limit', undefined]]],
  no_limit: [
    define([START, s('a', { limit: undefined }), END], [e('start', 'a'), e('a', 'end')]),
    [['no_limit', 'a']],
  ],
};

const pairs = (def: ProcessDefinition, promised?: number) =>
  validate(def, promised === undefined ? {} : { promisedWorkingDays: promised }).map((p) => [
    p.code,
    p.stepId,
  ]);

describe('validate: one broken definition per problem kind', () => {
  for (const [code, [def, expected]] of Object.entries(BROKEN)) {
    it(`reports ${code}`, () => {
      expect(pairs(def, 2)).toEqual(expected);
    });
  }

  it('has a test above for every problem kind', () => {
    expect(Object.keys(BROKEN).sort()).toEqual(Object.keys(PROBLEM_SEVERITY).sort());
  });

  it('names the unknown node in the message and the node that refers to it as stepId', () => {
    const [edge, ret] = validate(BROKEN.unknown_node[0]);
    expect(edge?.en).toBe('a refers to unknown node nowhere');
    expect(ret?.zh).toBe('a 引用了不存在的节点 ghost。');
  });

  it('gives every problem a Chinese and an English message and the severity of its kind', () => {
    for (const [def] of Object.values(BROKEN)) {
      for (const p of validate(def, { promisedWorkingDays: 2 })) {
        expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(p.en.length).toBeGreaterThan(10);
        expect(p.severity).toBe(PROBLEM_SEVERITY[p.code]);
      }
    }
  });
});

describe('validate: valid definitions', () => {
  it('finds nothing wrong with the fixtures and the demo definitions', () => {
    for (const def of [SEQUENCE, PARALLEL, EXCLUSIVE, ...DEMO_DEFINITIONS]) expect(validate(def)).toEqual([]);
  });

  it('warns only when the longest path exceeds the promised limit', () => {
    expect(pairs(PARALLEL, 8)).toEqual([]); // a 1 + max(2+3, 4, 1) + z 1 = 7
    expect(pairs(PARALLEL, 6)).toEqual([['over_promised_limit', undefined]]);
    expect(validate(PARALLEL, { promisedWorkingDays: 6 })[0]?.en).toContain('7 working days');
  });

  it('accepts nested parallel blocks and an empty branch', () => {
    const nested = define(
      [START, split('out'), s('a'), split('in'), s('b'), s('c'), join('in_done'), join('out_done'), END],
      [
        ...[e('start', 'out'), e('out', 'a'), e('out', 'in'), e('out', 'out_done')],
        ...[e('in', 'b'), e('in', 'c'), e('b', 'in_done'), e('c', 'in_done')],
        ...[e('a', 'out_done'), e('in_done', 'out_done'), e('out_done', 'end')],
      ],
    );
    expect(validate(nested)).toEqual([]);
  });

  it('refuses a return into a sibling branch or to a gateway, and allows one to before the split', () => {
    const def = (targets: string[]) => {
      const p = parallel({ id: 'sp' }, { id: 'jn' }, [['a'], ['b']]);
      return define(
        [START, s('first'), ...p.nodes, s('a'), s('b', { actions: { returnTo: targets } }), END],
        [e('start', 'first'), e('first', 'sp'), ...p.edges, e('jn', 'end')],
      );
    };
    expect(pairs(def(['first']))).toEqual([]);
    expect(pairs(def(['a']))).toEqual([['bad_return_target', 'b']]);
    expect(pairs(def(['sp']))).toEqual([['bad_return_target', 'b']]);
    expect(pairs(def(['b']))).toEqual([['bad_return_target', 'b']]);
  });

  it('treats a parallel join used to merge exclusive branches as a mismatch (it would wait forever)', () => {
    const def = define(
      [START, excl('x'), s('a'), s('b'), join('j'), END],
      [
        e('start', 'x'),
        { from: 'x', to: 'a', condition: big },
        { from: 'x', to: 'b', default: true },
        e('a', 'j'),
        e('b', 'j'),
        e('j', 'end'),
      ],
    );
    expect(pairs(def)).toEqual([['join_mismatch', 'j']]);
  });
});
