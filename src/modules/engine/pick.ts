// Who may be picked for the next steps: a step whose assignee rule is 'picked' gets the person chosen by
// whoever completes the step before it (CompleteTask.assignees); the work screen offers the active staff
// of the case's department.
import type { Kysely } from 'kysely';
import { isStep, type ProcessDefinition } from '../../core/process/definition.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { definitionOf } from './definitions.ts';
import { requireCaseReader } from './engine.policy.ts';
import { findTask } from './tasks.ts';

/** The 'picked' steps reached from `stepId`, looking through gateways (not through other steps). */
export function pickedAfter(def: ProcessDefinition, stepId: string): { id: string; name: string }[] {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (from: string) => {
    for (const e of def.edges.filter((x) => x.from === from)) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      const node = def.nodes.find((n) => n.id === e.to);
      if (isStep(node)) {
        if (node.assignee.type === 'picked') out.set(node.id, node.name);
      } else if (node) walk(node.id);
    }
  };
  walk(stepId);
  return [...out].map(([id, name]) => ({ id, name }));
}

export async function pickCandidates(db: Kysely<DB>, p: Principal, taskId: string) {
  const task = await findTask(db, taskId);
  if (!task) throw notFound('Task', '任务');
  const c = await requireCaseReader(db, p, task.case_id);
  const steps = pickedAfter(await definitionOf(db, c.item_version_id), task.step_id);
  if (!steps.length) return [];
  const people = await db
    .selectFrom('staff')
    .select(['id', 'display_name', 'roles'])
    .where('department_id', '=', c.department_id)
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
  const staff = people.map((s) => ({ id: s.id, name: s.display_name, roles: s.roles }));
  return steps.map((s) => ({ stepId: s.id, stepName: s.name, people: staff }));
}
