/**
 * The result of a case: certificate (证照) with its number from a configurable pattern and the decision
 * document, delivery (window pickup against the receipt, or express with a tracking number), 办结 (the
 * case clocks stop) and 归档 (read-only afterwards).
 */
import { z } from '@hono/zod-openapi';
import { localDateOf } from '../../core/dates.ts';
import type { ProcessState } from '../../core/process/events.ts';
import { conflict, unprocessable } from '../../shared/errors.ts';
import { recordEvent } from '../cases/case-events.ts';
import { allocateNumber } from '../cases/case-number.ts';
import { type CaseTaskRow, updateCase } from '../cases/cases.queries.ts';
import { stopClock } from '../clock/clock.service.ts';
import type { EngineContext } from './engine.context.ts';
import { issueNotice, REMEDY } from './engine.notices.ts';
import type { CertificateInput, DeliveryInput } from './engine.schemas.ts';
import { closeTask, openTasksOf } from './tasks.ts';

export const EngineSettings = z.object({
  /** {centre} {dept} {yyyy} {yy} {seq:N}: e.g. GT证〔2025〕000001号. */
  certificateNumberFormat: z.string().min(1).max(100).default('{dept}证〔{yyyy}〕{seq:6}号'),
});
export type EngineSettings = z.infer<typeof EngineSettings>;

async function engineSettings(ctx: EngineContext): Promise<EngineSettings> {
  const row = await ctx.trx
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'engine')
    .executeTakeFirst();
  return EngineSettings.parse(row?.value ?? {});
}

async function centreOf(ctx: EngineContext) {
  return ctx.trx
    .selectFrom('centres')
    .select(['id', 'code', 'time_zone'])
    .where('id', '=', ctx.c.centre_id)
    .executeTakeFirstOrThrow();
}

const paymentOf = (ctx: EngineContext) =>
  ctx.trx.selectFrom('case_payments').selectAll().where('case_id', '=', ctx.c.id).executeTakeFirst();

/** What must exist before a step of a given kind may be passed. */
export async function checkStepPreconditions(ctx: EngineContext, task: CaseTaskRow) {
  if (task.kind === 'fee') {
    const pay = await paymentOf(ctx);
    if (!pay || pay.status === 'unpaid')
      throw unprocessable(
        'fee_unpaid',
        '费用尚未缴清（或未减免），不能通过收费环节。',
        'The fees are not paid or waived yet.',
      );
  }
  if (task.kind === 'certificate') {
    const cert = await ctx.trx
      .selectFrom('certificates')
      .select('id')
      .where('case_id', '=', ctx.c.id)
      .executeTakeFirst();
    if (!cert)
      throw unprocessable('certificate_missing', '尚未制作证照。', 'No certificate has been recorded yet.');
  }
  if (task.kind === 'delivery') {
    const d = await ctx.trx
      .selectFrom('case_deliveries')
      .select('case_id')
      .where('case_id', '=', ctx.c.id)
      .executeTakeFirst();
    if (!d) throw unprocessable('not_delivered', '尚未登记送达。', 'The delivery has not been recorded yet.');
  }
}

/** 办结: the case clocks stop and the completion time is recorded (once). */
export async function completeCase(ctx: EngineContext, outcome: 'granted' | 'denied') {
  if (ctx.c.status === 'completed') return;
  for (const id of [ctx.c.promised_clock_id, ctx.c.statutory_clock_id])
    if (id) await stopClock(ctx.trx, id, ctx.now);
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'completed', { outcome });
  ctx.c = await updateCase(ctx.trx, ctx.c.id, ctx.now, {
    status: 'completed',
    completed_at: ctx.now,
    outcome,
  });
}

/** After the process state moved: 办结 on delivery, finish or denial; 归档 after the archive step. */
export async function afterStep(ctx: EngineContext, task: CaseTaskRow | undefined, state: ProcessState) {
  if (state.status === 'denied') {
    for (const t of await openTasksOf(ctx.trx, ctx.c.id)) await closeTask(ctx, t, { status: 'cancelled' });
    const notice = await issueNotice(ctx, 'denial_decision', {
      paragraphs: [
        `经审查，你（单位）提出的“${ctx.c.case_number ?? ''}”号申请不符合法定条件，本机关决定不予行政许可。`,
        ...(state.denial?.reasons.map((r, i) => `理由${i + 1}：${r}`) ?? []),
      ],
      remedy: REMEDY,
    });
    await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'decided', {
      outcome: 'denied',
      noticeId: notice.id,
    });
    await completeCase(ctx, 'denied');
    return;
  }
  if (task?.kind === 'delivery' || state.status === 'finished') await completeCase(ctx, 'granted');
  if (task?.kind === 'archive' && state.status === 'finished') await archiveLocked(ctx);
}

/** Kept for the transition code's name: 办结 when the process finished or was denied. */
export const finishCase = (ctx: EngineContext, state: ProcessState) => afterStep(ctx, undefined, state);

export async function archiveLocked(ctx: EngineContext) {
  if (ctx.c.status !== 'completed')
    throw conflict('not_completed', '办件尚未办结，不能归档。', 'Only a completed case can be archived.');
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'archived', {});
  ctx.c = await updateCase(ctx.trx, ctx.c.id, ctx.now, { archived_at: ctx.now });
}

/** 制证: the certificate record and the 准予行政许可决定书. */
export async function recordCertificate(ctx: EngineContext, input: CertificateInput) {
  if (
    await ctx.trx.selectFrom('certificates').select('id').where('case_id', '=', ctx.c.id).executeTakeFirst()
  )
    throw conflict('certificate_exists', '该办件已制证。', 'The case already has its certificate.');
  const [centre, dept, version, applicant] = await Promise.all([
    centreOf(ctx),
    ctx.trx
      .selectFrom('departments')
      .select(['code', 'name'])
      .where('id', '=', ctx.c.department_id)
      .executeTakeFirstOrThrow(),
    ctx.trx
      .selectFrom('catalogue_item_versions')
      .select(['document'])
      .where('id', '=', ctx.c.item_version_id)
      .executeTakeFirstOrThrow(),
    ctx.trx
      .selectFrom('applicants')
      .select('name')
      .where('id', '=', ctx.c.applicant_id)
      .executeTakeFirstOrThrow(),
  ]);
  const settings = await engineSettings(ctx);
  const number = await allocateNumber({
    trx: ctx.trx,
    centreId: centre.id,
    centreCode: centre.code,
    timeZone: centre.time_zone,
    at: ctx.now,
    template: settings.certificateNumberFormat,
    scope: `certificate:${dept.code}`,
    dept: dept.code,
  });
  const resultName = (version.document as { resultName?: string } | null)?.resultName;
  const cert = await ctx.trx
    .insertInto('certificates')
    .values({
      case_id: ctx.c.id,
      centre_id: centre.id,
      name: input.name ?? resultName ?? '行政许可决定',
      number,
      holder: input.holder ?? applicant.name,
      department_id: ctx.c.department_id,
      issue_date: localDateOf(ctx.now, centre.time_zone),
      valid_until: input.validUntil ?? null,
      created_at: ctx.now,
      created_by: ctx.principal?.staffId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const notice = await issueNotice(ctx, 'grant_decision', {
    paragraphs: [
      `经审查，你（单位）提出的申请符合法定条件、标准，根据有关法律法规的规定，本机关决定准予行政许可。`,
      `许可证件：${cert.name}，编号${cert.number}，发证机关${dept.name}${cert.valid_until ? `，有效期至${cert.valid_until}` : ''}。`,
    ],
  });
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'certificate_issued', {
    certificateId: cert.id,
    number: cert.number,
    noticeId: notice.id,
  });
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'decided', {
    outcome: 'granted',
    noticeId: notice.id,
  });
  ctx.c = await updateCase(ctx.trx, ctx.c.id, ctx.now, { outcome: 'granted' });
  return cert;
}

/** 送达: refused while fees are unpaid (unless waived). */
export async function recordDelivery(ctx: EngineContext, input: DeliveryInput) {
  const pay = await paymentOf(ctx);
  if (pay?.status === 'unpaid')
    throw conflict(
      'fee_unpaid',
      '费用尚未缴清，不能送达结果。',
      'The result cannot be delivered while fees are unpaid.',
    );
  if (
    await ctx.trx
      .selectFrom('case_deliveries')
      .select('case_id')
      .where('case_id', '=', ctx.c.id)
      .executeTakeFirst()
  )
    throw conflict('already_delivered', '结果已送达。', 'The result has already been delivered.');
  const acceptance = await ctx.trx
    .selectFrom('case_notices')
    .select('document_number')
    .where('case_id', '=', ctx.c.id)
    .where('kind', 'in', ['acceptance', 'deferral'])
    .executeTakeFirst();
  const row = await ctx.trx
    .insertInto('case_deliveries')
    .values({
      case_id: ctx.c.id,
      method: input.method,
      recipient: input.recipient,
      receipt_number:
        input.method === 'window' ? (input.receiptNumber ?? acceptance?.document_number ?? null) : null,
      carrier: input.method === 'express' ? (input.carrier ?? null) : null,
      tracking_number: input.method === 'express' ? input.trackingNumber : null,
      delivered_at: ctx.now,
      delivered_by: ctx.principal?.staffId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, 'delivered', {
    method: row.method,
    trackingNumber: row.tracking_number,
    receiptNumber: row.receipt_number,
  });
  return row;
}
