// Intake decisions (受理, 不予受理, 补正, 容缺受理), each one transaction with its events, notice and log entry.

import { CalendarNotConfiguredError } from '../../core/calendar.ts';
import { checkDecision, correctionList, isCorrectionLate } from '../../core/case-state.ts';
import { localDayNumberOf } from '../../core/dates.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, unprocessable } from '../../shared/errors.ts';
import { appendAction } from '../audit/audit.log.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { caseActorOf, recordEvent } from '../cases/case-events.ts';
import { listCaseMaterials, updateCase } from '../cases/cases.queries.ts';
import { caseDetail, requireCase } from '../cases/cases.service.ts';
import { getItemVersion } from '../catalogue/catalogue.service.ts';
import { correctionNotice, refusalNotice } from '../notices/notice.content.ts';
import { noticeBase, storeNotice } from '../notices/notices.service.ts';
import { idempotent } from './idempotency.ts';
import { accept, defer } from './intake.accept.ts';
import { type DecisionContext, loadFacts, requirementOf, toChecked } from './intake.context.ts';
import { lockedAt } from './intake.materials.ts';
import type { Decision } from './intake.schemas.ts';
import { intakeSettings } from './intake.settings.ts';

type Refuse = Extract<Decision, { decision: 'refuse' }>;
type Correct = Extract<Decision, { decision: 'request_correction' }>;

async function refuse(ctx: DecisionContext, d: Refuse) {
  const { trx, c, now } = ctx;
  const base = await noticeBase(trx, c, ctx.facts, {
    kind: 'refusal',
    settings: ctx.settings,
    officer: ctx.principal.displayName,
    at: now,
  });
  const content = refusalNotice(base, {
    reasons: d.reasons,
    reconsiderationBody: d.reconsiderationBody ?? ctx.settings.reconsiderationBody,
    litigationCourt: d.litigationCourt ?? ctx.settings.litigationCourt,
  });
  const notice = await storeNotice(trx, c.id, content, ctx.principal.staffId);
  await recordEvent(trx, c.id, ctx.actor, now, 'refused', { reasons: d.reasons, noticeId: notice.id });
  return updateCase(trx, c.id, now, {
    status: 'refused',
    decided_at: now,
    decided_by: ctx.principal.staffId,
  });
}

/** Whether today is past the Art. 32 period after receipt (a calendar gap counts as not late, and is logged). */
async function correctionIsLate(ctx: DecisionContext): Promise<boolean> {
  const tz = ctx.facts.centre.time_zone;
  const calendar = await loadCalendar(ctx.trx, ctx.c.centre_id);
  try {
    return isCorrectionLate(
      localDayNumberOf(ctx.c.received_at, tz),
      localDayNumberOf(ctx.now, tz),
      (day, n) => calendar.addWorkingDayNumbers(day, n),
      ctx.settings.correctionNoticeDays,
    );
  } catch (e) {
    if (e instanceof CalendarNotConfiguredError) return false;
    throw e;
  }
}

async function requestCorrection(ctx: DecisionContext, d: Correct) {
  const { trx, c, now } = ctx;
  const materials = await listCaseMaterials(trx, c.id);
  const listed = correctionList(materials.map(toChecked));
  if (!listed.length)
    throw unprocessable(
      'nothing_to_correct',
      '没有需要补正的材料。',
      'No material is missing, defective or mismatched.',
    );
  const names = new Set(listed.map((m) => m.name));
  const rows = materials.filter((m) => names.has(m.name));
  const late = await correctionIsLate(ctx);
  const base = await noticeBase(trx, c, ctx.facts, {
    kind: 'correction',
    settings: ctx.settings,
    officer: ctx.principal.displayName,
    at: now,
  });
  const content = correctionNotice(base, {
    materials: rows.map((m) => ({ name: m.name, requirement: requirementOf(m, ctx.version) })),
    deadline: d.deadline ?? null,
    late,
  });
  const notice = await storeNotice(trx, c.id, content, ctx.principal.staffId);
  await recordEvent(trx, c.id, ctx.actor, now, 'correction_requested', {
    materials: content.materials,
    late,
    deadline: d.deadline ?? null,
    noticeId: notice.id,
  });
  return updateCase(trx, c.id, now, {
    status: 'correction_requested',
    corrections: c.corrections + 1,
    deemed_accepted: c.deemed_accepted || late,
  });
}

/** Takes an intake decision on a received application (optimistic version check, Idempotency-Key aware). */
export async function decide(deps: AppDeps, p: Principal, caseId: string, d: Decision, key?: string) {
  const pre = await requireCase(deps.db, p, caseId, 'decide');
  const version = await getItemVersion(deps.db, pre.item_version_id);
  const settings = await intakeSettings(deps.db);
  const { creditRestricted, ...facts } = await loadFacts(deps.db, pre, version);
  return idempotent(
    deps,
    { key, principal: p, request: { op: 'decide', caseId, d } },
    200,
    async (trx, now) => {
      const c = await lockedAt(trx, caseId, d.version);
      const refusal = checkDecision(
        { status: c.status, corrections: c.corrections, deemedAccepted: c.deemed_accepted },
        d.decision,
      );
      if (refusal) throw conflict(refusal.code, refusal.zh, refusal.en);
      const ctx: DecisionContext = {
        trx,
        now,
        c,
        version,
        settings,
        facts,
        principal: p,
        actor: caseActorOf(p),
        creditRestricted,
      };
      const row =
        d.decision === 'accept'
          ? await accept(ctx)
          : d.decision === 'refuse'
            ? await refuse(ctx, d)
            : d.decision === 'request_correction'
              ? await requestCorrection(ctx, d)
              : await defer(ctx, d);
      await appendAction(trx, actorOf(p), now, {
        action: `case.${d.decision}`,
        targetType: 'case',
        targetId: c.id,
        payload: {
          decision: d,
          caseNumber: row.case_number,
          status: row.status,
          deemedAccepted: row.deemed_accepted,
        },
      });
      return caseDetail(trx, row);
    },
  );
}
