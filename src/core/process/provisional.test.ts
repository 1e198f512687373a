import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCESS } from '../../modules/catalogue/process.ts';
import { criticalPath } from './duration.ts';
import { replay } from './execute.ts';
import { fromProvisional } from './provisional.ts';
import { pass } from './test-fixtures.ts';
import { validate } from './validate.ts';

describe('fromProvisional', () => {
  it('converts the catalogue’s default process into a runnable definition', () => {
    const def = fromProvisional(DEFAULT_PROCESS, 'default');
    expect(def.nodes.map((n) => [n.id, n.type === 'step' ? n.kind : n.type])).toEqual([
      ['start-1', 'start'],
      ['end-1', 'end'],
      ['accept', 'intake'],
      ['review', 'review'],
      ['approve', 'approve'],
      ['deliver', 'delivery'],
    ]);
    expect(validate(def).map((p) => p.code)).toEqual(['no_limit', 'no_limit', 'no_limit', 'no_limit']);
    const events = [
      { type: 'started' } as const,
      ...['accept', 'review', 'approve', 'deliver'].map((id) => pass(id)),
    ];
    expect(replay(def, events).status).toBe('finished');
  });

  it('turns a fork into a parallel split and a merge into a join, keeping limits and offices', () => {
    const wd = (value: number) => ({ value, unit: 'working_days' });
    const def = fromProvisional({
      steps: [
        {
          id: 'accept',
          name: '受理',
          assignee: '窗口',
          role: 'window_clerk',
          limit: { value: 0, unit: 'same_day' },
        },
        { id: 'ly', name: '利用处审核', assignee: '利用处', officeCode: 'LY', limit: wd(2) },
        { id: 'dj', name: '地籍处审核', assignee: '地籍处', officeCode: 'DJ', limit: wd(5) },
        { id: 'sign', name: '局领导签发', assignee: '局领导', role: 'leader', limit: wd(1) },
      ],
      edges: [
        { from: 'accept', to: 'ly' },
        { from: 'accept', to: 'dj' },
        { from: 'ly', to: 'sign' },
        { from: 'dj', to: 'sign' },
      ],
    });
    expect(validate(def)).toEqual([]);
    expect(def.nodes.filter((n) => n.type.startsWith('parallel')).map((n) => n.type)).toEqual([
      'parallel_join',
      'parallel_split',
    ]);
    expect(criticalPath(def)).toEqual({ workingDays: 6, path: ['accept', 'dj', 'sign'] });
    expect(def.nodes.find((n) => n.id === 'ly')).toMatchObject({
      assignee: { type: 'office', officeCode: 'LY' },
      assigneeLabel: '利用处',
    });
  });
});
