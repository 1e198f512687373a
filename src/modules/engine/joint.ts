/**
 * 联合审批 (一件事一次办): a bundle item names its member items (one per co-department, joint_members).
 * The bundle case is accepted once at the lead's window; acceptance splits it into child cases that run
 * in parallel in each department with their own clocks and processes. The bundle's step of kind
 * joint_review is the join: it passes by itself when every child case is completed, and the bundle then
 * goes on to its single delivery. The lead department reads the children through the bundle.
 */
import { randomBytes } from 'node:crypto';
import type { ProcessEvent } from '../../core/process/events.ts';
import { advance } from '../../core/process/execute.ts';
import { conflict } from '../../shared/errors.ts';
import { recordEvent, SYSTEM_CASE_ACTOR } from '../cases/case-events.ts';
import { type CaseTaskRow, findCase, lockCase, updateCase } from '../cases/cases.queries.ts';
import { startClock } from '../clock/clock.service.ts';
import { definitionOf } from './definitions.ts';
import { type EngineContext, stateOf } from './engine.context.ts';
import { openTasksOf } from './tasks.ts';

const limitOf = (value: number, unit: string) => ({ value, unit: unit as 'working_days' });

/** After the bundle's acceptance: one child case per member item, each started on its own process. */
export async function splitJoint(ctx: EngineContext, start: (child: EngineContext) => Promise<unknown>) {
  const members = await ctx.trx
    .selectFrom('joint_members as m')
    .innerJoin('catalogue_items as i', 'i.id', 'm.item_id')
    .innerJoin('catalogue_item_versions as v', 'v.id', 'i.current_version_id')
    .select([
      'i.id as item_id',
      'v.id as version_id',
      'v.department_id',
      'v.promised_limit_value',
      'v.promised_limit_unit',
      'v.statutory_limit_value',
      'v.statutory_limit_unit',
    ])
    .where('m.bundle_item_id', '=', ctx.c.item_id)
    .orderBy('m.position')
    .execute();
  if (!members.length) return [];
  const children: string[] = [];
  for (const [i, m] of members.entries()) {
    const child = await ctx.trx
      .insertInto('cases')
      .values({
        centre_id: ctx.c.centre_id,
        item_id: m.item_id,
        item_version_id: m.version_id,
        department_id: m.department_id,
        channel: ctx.c.channel,
        applicant_id: ctx.c.applicant_id,
        agent_id: ctx.c.agent_id,
        status: 'accepted',
        case_number: `${ctx.c.case_number ?? 'J'}-${i + 1}`,
        query_code: randomBytes(6).toString('hex').toUpperCase().slice(0, 8),
        received_at: ctx.c.received_at,
        received_by: ctx.c.received_by,
        accepted_at: ctx.now,
        decided_at: ctx.now,
        decided_by: ctx.principal?.staffId ?? null,
        parent_case_id: ctx.c.id,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const clock = (purpose: string, l: { value: number; unit: 'working_days' }) =>
      startClock(ctx.trx, {
        centreId: child.centre_id,
        caseId: child.id,
        subjectType: 'case',
        subjectId: child.id,
        purpose,
        startedAt: ctx.now,
        limit: l,
        maxExtensionDays: 15,
      });
    const promised = await clock('promised', limitOf(m.promised_limit_value, m.promised_limit_unit));
    const statutory = await clock('statutory', limitOf(m.statutory_limit_value, m.statutory_limit_unit));
    const c = await updateCase(ctx.trx, child.id, ctx.now, {
      promised_clock_id: promised.clock.id,
      statutory_clock_id: statutory.clock.id,
      promised_due_date: promised.result.dueDate ?? null,
    });
    await recordEvent(ctx.trx, c.id, ctx.actor, ctx.now, 'accepted', {
      caseNumber: c.case_number,
      parentCaseId: ctx.c.id,
    });
    const childCtx: EngineContext = { ...ctx, c, def: await definitionOf(ctx.trx, m.version_id) };
    await start(childCtx);
    children.push(c.id);
  }
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'joint_split', { children });
  return children;
}

export const childrenOf = (ctx: Pick<EngineContext, 'trx'>, parentId: string) =>
  ctx.trx
    .selectFrom('cases')
    .selectAll()
    .where('parent_case_id', '=', parentId)
    .orderBy('case_number')
    .execute();

/** A joint_review step of a bundle with children passes by itself; no one completes it by hand. */
export async function refuseManualJoin(ctx: EngineContext, kind: string | null) {
  if (kind !== 'joint_review') return;
  if ((await childrenOf(ctx, ctx.c.id)).length)
    throw conflict(
      'joint_children_running',
      '联办部门尚未全部办结。',
      'The co-departments have not all completed yet.',
    );
}

/**
 * When a child case completes: if all its siblings have too, the bundle's join step passes (in the same
 * transaction; the bundle row is locked after the child's, always in that order).
 */
export async function onChildCompleted(
  ctx: EngineContext,
  apply: (parent: EngineContext, event: ProcessEvent, task: CaseTaskRow) => Promise<unknown>,
) {
  if (!ctx.c.parent_case_id) return;
  await lockCase(ctx.trx, ctx.c.parent_case_id);
  const parent = await findCase(ctx.trx, ctx.c.parent_case_id);
  if (!parent) return;
  await recordEvent(ctx.trx, parent.id, SYSTEM_CASE_ACTOR, ctx.now, 'joint_child_finished', {
    childId: ctx.c.id,
    outcome: ctx.c.outcome,
  });
  const siblings = await childrenOf(ctx, parent.id);
  if (siblings.some((s) => s.status !== 'completed')) return;
  const def = await definitionOf(ctx.trx, parent.item_version_id);
  const join = (await openTasksOf(ctx.trx, parent.id)).find((t) => t.kind === 'joint_review');
  if (!join) return;
  const pctx: EngineContext = { ...ctx, c: parent, def, actor: SYSTEM_CASE_ACTOR, principal: null };
  const event: ProcessEvent = { type: 'step_completed', stepId: join.step_id, action: 'pass' };
  advance(def, stateOf(parent), event); // throws early if impossible
  await apply(pctx, event, join);
}
