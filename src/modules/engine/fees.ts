/**
 * Fees (收费): the fee step computes each fee from the item's fee standards (fixed, or a price per unit
 * with the quantity from the case data or the clerk), issues ONE payment notice for all of them (一次性收费),
 * and records the payment (cash at the window, or a payment system's confirmation) or a waiver with reasons.
 */
import { conflict, unprocessable } from '../../shared/errors.ts';
import { recordEvent } from '../cases/case-events.ts';
import type { EngineContext } from './engine.context.ts';
import { stateOf } from './engine.context.ts';
import { issueNotice, yuan } from './engine.notices.ts';

export interface FeeLine {
  standardId: string;
  name: string;
  quantity: number;
  amountCents: number;
}

/** Pure: the amount of each standard for the given quantities (per-unit fees round to the cent). */
export function computeFees(
  standards: {
    id: string;
    name: string;
    kind: 'fixed' | 'per_unit';
    amount_cents: number;
    quantity_field: string | null;
    code: string;
  }[],
  data: Record<string, unknown>,
  quantities: Record<string, number>,
): FeeLine[] {
  return standards.map((s) => {
    if (s.kind === 'fixed')
      return { standardId: s.id, name: s.name, quantity: 1, amountCents: s.amount_cents };
    const fromData = s.quantity_field ? data[s.quantity_field] : undefined;
    const q = quantities[s.code] ?? (typeof fromData === 'number' ? fromData : undefined);
    if (q === undefined)
      throw unprocessable(
        'fee_quantity_missing',
        `收费项目“${s.name}”缺少计费数量。`,
        `The fee "${s.code}" needs a quantity.`,
      );
    return { standardId: s.id, name: s.name, quantity: q, amountCents: Math.round(q * s.amount_cents) };
  });
}

export async function assessFees(ctx: EngineContext, quantities: Record<string, number>) {
  if (
    await ctx.trx
      .selectFrom('case_payments')
      .select('case_id')
      .where('case_id', '=', ctx.c.id)
      .executeTakeFirst()
  )
    throw conflict(
      'fees_already_assessed',
      '本案已开具缴费通知（一次性收费）。',
      'The payment notice of this case was already issued.',
    );
  const standards = await ctx.trx
    .selectFrom('fee_standards')
    .selectAll()
    .where('item_id', '=', ctx.c.item_id)
    .orderBy('code')
    .execute();
  const lines = computeFees(standards, stateOf(ctx.c).data, quantities);
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  if (lines.length)
    await ctx.trx
      .insertInto('case_fees')
      .values(
        lines.map((l) => ({
          case_id: ctx.c.id,
          standard_id: l.standardId,
          name: l.name,
          quantity: l.quantity,
          amount_cents: l.amountCents,
          created_at: ctx.now,
        })),
      )
      .execute();
  const notice = await issueNotice(ctx, 'payment', {
    paragraphs: [`你（单位）申请的事项需缴纳下列费用，合计${yuan(total)}，请一次性缴纳。`],
    materialsHeading: '收费项目',
    materials: lines.map((l) => ({ name: l.name, requirement: `${l.quantity} × → ${yuan(l.amountCents)}` })),
  });
  const pay = await ctx.trx
    .insertInto('case_payments')
    .values({
      case_id: ctx.c.id,
      notice_id: notice.id,
      total_cents: total,
      status: total === 0 ? 'waived' : 'unpaid',
      issued_at: ctx.now,
      waiver_reason: total === 0 ? '无应缴费用' : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'fees_assessed', {
    totalCents: total,
    lines,
    noticeId: notice.id,
  });
  return { ...pay, lines };
}

async function unpaid(ctx: EngineContext) {
  const pay = await ctx.trx
    .selectFrom('case_payments')
    .selectAll()
    .where('case_id', '=', ctx.c.id)
    .executeTakeFirst();
  if (!pay)
    throw conflict('fees_not_assessed', '尚未开具缴费通知。', 'No payment notice has been issued yet.');
  if (pay.status !== 'unpaid')
    throw conflict('already_settled', '费用已缴纳或已减免。', 'The fees are already paid or waived.');
  return pay;
}

/** Cash at the window, or a payment system's confirmation (method online with its reference). */
export async function recordPayment(
  ctx: EngineContext,
  p: { method: 'cash' | 'online'; reference?: string | undefined; amountCents: number },
) {
  const pay = await unpaid(ctx);
  if (p.amountCents !== pay.total_cents)
    throw unprocessable(
      'amount_mismatch',
      `缴费金额应为${yuan(pay.total_cents)}。`,
      `The amount due is ${pay.total_cents} cents.`,
    );
  if (p.method === 'online' && !p.reference)
    throw unprocessable(
      'reference_required',
      '网上缴费须提供支付流水号。',
      'An online payment needs its reference.',
    );
  const row = await ctx.trx
    .updateTable('case_payments')
    .set({
      status: 'paid',
      method: p.method,
      reference: p.reference ?? null,
      paid_at: ctx.now,
      recorded_by: ctx.principal?.staffId ?? null,
    })
    .where('case_id', '=', ctx.c.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'fee_paid', {
    method: p.method,
    reference: p.reference ?? null,
    totalCents: pay.total_cents,
  });
  return row;
}

/** 减免: only when every fee of the case is waivable, with a reason. */
export async function waiveFees(ctx: EngineContext, reason: string) {
  await unpaid(ctx);
  const fees = await ctx.trx
    .selectFrom('case_fees as f')
    .leftJoin('fee_standards as s', 's.id', 'f.standard_id')
    .select(['f.name', 's.waivable'])
    .where('f.case_id', '=', ctx.c.id)
    .execute();
  const fixed = fees.filter((f) => !f.waivable).map((f) => f.name);
  if (fixed.length)
    throw unprocessable(
      'not_waivable',
      `以下费用不可减免：${fixed.join('、')}。`,
      `Not waivable: ${fixed.join(', ')}.`,
    );
  await ctx.trx
    .updateTable('case_fees')
    .set({ waived: true, waiver_reason: reason })
    .where('case_id', '=', ctx.c.id)
    .execute();
  const row = await ctx.trx
    .updateTable('case_payments')
    .set({
      status: 'waived',
      waiver_reason: reason,
      recorded_by: ctx.principal?.staffId ?? null,
      paid_at: ctx.now,
    })
    .where('case_id', '=', ctx.c.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'fee_waived', { reason });
  return row;
}
