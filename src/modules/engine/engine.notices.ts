// Notices the engine issues to the applicant: 特别程序告知书, 延期通知书, 缴费通知书, 准予/不予许可决定书.
import { getItemVersion } from '../catalogue/catalogue.service.ts';
import { loadFacts } from '../intake/intake.context.ts';
import { intakeSettings } from '../intake/intake.settings.ts';
import { chineseDate, frame, type NoticeContent, type NoticeKind } from '../notices/notice.content.ts';
import { noticeBase, storeNotice } from '../notices/notices.service.ts';
import type { EngineContext } from './engine.context.ts';

export interface NoticeText {
  paragraphs: string[];
  deadlineLabel?: string;
  deadline?: string | null;
  remedy?: string;
  materials?: { name: string; requirement: string }[];
  materialsHeading?: string;
}

/** Issues and stores a notice of the case inside the engine's transaction. */
export async function issueNotice(ctx: EngineContext, kind: NoticeKind, text: NoticeText) {
  const version = await getItemVersion(ctx.trx, ctx.c.item_version_id);
  const facts = await loadFacts(ctx.trx, ctx.c, version);
  const base = await noticeBase(ctx.trx, ctx.c, facts, {
    kind,
    settings: await intakeSettings(ctx.trx),
    officer: ctx.principal?.displayName ?? '系统',
    at: ctx.now,
  });
  const n: NoticeContent = frame(base, kind);
  n.caseNumber = ctx.c.case_number;
  n.paragraphs = text.paragraphs;
  n.deadlineLabel = text.deadlineLabel ?? null;
  n.deadline = text.deadline ? chineseDate(text.deadline) : null;
  n.remedy = text.remedy ?? null;
  n.materials = text.materials ?? [];
  n.materialsHeading = text.materialsHeading ?? null;
  return storeNotice(ctx.trx, ctx.c.id, n, ctx.principal?.staffId ?? null);
}

export const yuan = (cents: number) => `${(cents / 100).toFixed(2)}元`;
export const REMEDY =
  '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';
