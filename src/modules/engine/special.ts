/**
 * 特别程序 (听证 招标 拍卖 检验 检测 检疫 鉴定 专家评审, Art. 45) and extensions (Art. 42). A special
 * procedure suspends the case clocks and the open step clocks until it ends (the due dates move by the
 * working days it took) and the applicant gets a 特别程序告知书. An extension needs a leader, a reason and
 * stays within the item's bound (10 working days, 15 for joint items); the applicant is told.
 */
import { SUSPENSION_KINDS, type SuspensionKind } from '../../core/clock.ts';
import { conflict } from '../../shared/errors.ts';
import { recordEvent } from '../cases/case-events.ts';
import { updateCase } from '../cases/cases.queries.ts';
import { extendClock } from '../clock/clock.service.ts';
import type { EngineContext } from './engine.context.ts';
import { issueNotice } from './engine.notices.ts';
import type { StartSpecial } from './engine.schemas.ts';
import { openTasksOf, pauseCaseClocks, pauseTaskClocks, promisedDueDate } from './tasks.ts';

const openProcedure = (ctx: EngineContext) =>
  ctx.trx
    .selectFrom('special_procedures')
    .selectAll()
    .where('case_id', '=', ctx.c.id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();

function requireRunning(ctx: EngineContext) {
  if (ctx.c.status !== 'accepted')
    throw conflict('case_not_running', '办件不在审批中。', 'The case is not being processed.');
}

export async function startSpecial(ctx: EngineContext, input: StartSpecial) {
  requireRunning(ctx);
  if (await openProcedure(ctx))
    throw conflict(
      'special_procedure_open',
      '已有进行中的特别程序。',
      'A special procedure is already running.',
    );
  const label = SUSPENSION_KINDS[input.kind as SuspensionKind];
  const pause = { kind: input.kind, reason: `${label}：${input.reason}` };
  await pauseCaseClocks(ctx, pause);
  await pauseTaskClocks(ctx, await openTasksOf(ctx.trx, ctx.c.id), pause);
  const notice = await issueNotice(ctx, 'special_procedure', {
    paragraphs: [
      `你（单位）申请的事项需要进行${label}，理由：${input.reason}。`,
      `根据《中华人民共和国行政许可法》第四十五条的规定，${label}所需时间不计算在审批期限内${input.expectedDays ? `，预计需要${input.expectedDays}个工作日` : ''}。特别程序结束后，审批期限继续计算，本机关将另行告知。`,
    ],
  });
  const row = await ctx.trx
    .insertInto('special_procedures')
    .values({
      case_id: ctx.c.id,
      kind: input.kind,
      reason: input.reason,
      started_at: ctx.now,
      started_by: ctx.principal?.staffId ?? null,
      notice_id: notice.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'special_procedure_started', {
    id: row.id,
    kind: input.kind,
    reason: input.reason,
    noticeId: notice.id,
  });
  return row;
}

export async function endSpecial(ctx: EngineContext, outcome: string) {
  const open = await openProcedure(ctx);
  if (!open)
    throw conflict('no_special_procedure', '没有进行中的特别程序。', 'No special procedure is running.');
  await pauseCaseClocks(ctx, null);
  await pauseTaskClocks(ctx, await openTasksOf(ctx.trx, ctx.c.id), null);
  const row = await ctx.trx
    .updateTable('special_procedures')
    .set({ ended_at: ctx.now, ended_by: ctx.principal?.staffId ?? null, outcome })
    .where('id', '=', open.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const due = await promisedDueDate(ctx);
  ctx.c = await updateCase(ctx.trx, ctx.c.id, ctx.now, { promised_due_date: due });
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'special_procedure_ended', {
    id: row.id,
    outcome,
    promisedDueDate: due,
  });
  return { ...row, promisedDueDate: due };
}

/** Extends the statutory and promised clocks by `days` working days (within the item's bound). */
export async function extendCase(ctx: EngineContext, days: number, reason: string) {
  requireRunning(ctx);
  const approvedBy = ctx.principal?.staffId ?? null;
  let statutoryDue: string | null = null;
  for (const id of [ctx.c.statutory_clock_id, ctx.c.promised_clock_id]) {
    if (!id) continue;
    const r = await extendClock(ctx.trx, id, { days, reason, approvedBy, at: ctx.now });
    if (id === ctx.c.statutory_clock_id) statutoryDue = r.result.dueDate ?? null;
  }
  const due = await promisedDueDate(ctx);
  const notice = await issueNotice(ctx, 'extension', {
    paragraphs: [
      `你（单位）申请的事项因${reason}，不能在规定期限内作出决定。`,
      `经本机关负责人批准，根据《中华人民共和国行政许可法》第四十二条的规定，审批期限延长${days}个工作日。`,
    ],
    deadlineLabel: '延长后的办结期限',
    deadline: due,
  });
  ctx.c = await updateCase(ctx.trx, ctx.c.id, ctx.now, { promised_due_date: due });
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'extension_granted', {
    days,
    reason,
    approvedBy,
    promisedDueDate: due,
    statutoryDueDate: statutoryDue,
    noticeId: notice.id,
  });
  return { promisedDueDate: due, statutoryDueDate: statutoryDue, noticeId: notice.id };
}
