// Issuing notices inside a decision's transaction, and reading them back as HTML, PDF or JSON.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { localDateOf } from '../../core/dates.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { allocateNumber } from '../cases/case-number.ts';
import { type CaseRow, findNotice, insertNotice } from '../cases/cases.queries.ts';
import type { IntakeSettings } from '../intake/intake.settings.ts';
import { NOTICE_MARKS, type NoticeBase, type NoticeContent, type NoticeKind } from './notice.content.ts';
import { noticeHtml } from './notice.html.ts';
import { noticePdf } from './notice.pdf.ts';

type Db = Kysely<DB>;

export interface CaseFacts {
  centre: { id: string; code: string; name: string; time_zone: string; office_close: string };
  departmentName: string;
  applicantName: string;
  agentName: string | null;
  item: { name: string; implementationCode: string; legalBasis: string };
}

/** The parts every notice of a case shares, with a freshly allocated document number. */
export async function noticeBase(
  trx: Db,
  c: CaseRow,
  facts: CaseFacts,
  s: { kind: NoticeKind; settings: IntakeSettings; officer: string; at: Date },
): Promise<NoticeBase> {
  const tz = facts.centre.time_zone;
  const documentNumber = await allocateNumber({
    trx,
    centreId: facts.centre.id,
    centreCode: facts.centre.code,
    timeZone: tz,
    at: s.at,
    template: s.settings.noticeNumberFormat,
    scope: `notice:${s.kind}`,
    kind: NOTICE_MARKS[s.kind],
  });
  return {
    documentNumber,
    centreName: facts.centre.name,
    departmentName: facts.departmentName,
    addressee: facts.applicantName,
    agentName: facts.agentName,
    itemName: facts.item.name,
    itemCode: facts.item.implementationCode,
    legalBasis: facts.item.legalBasis,
    receivedDate: localDateOf(c.received_at, tz),
    issuedDate: localDateOf(s.at, tz),
    issuedAt: s.at.toISOString(),
    officer: s.officer,
  };
}

/** Stores a notice's frozen content with the case. */
export function storeNotice(trx: Db, caseId: string, content: NoticeContent, issuedBy: string | null) {
  const text = canonicalJson(content);
  return insertNotice(trx, {
    case_id: caseId,
    kind: content.kind,
    document_number: content.documentNumber,
    issued_at: new Date(content.issuedAt),
    issued_by: issuedBy,
    content: text,
    content_hash: createHash('sha256').update(text).digest('hex'),
  });
}

export type NoticeFormat = 'html' | 'pdf' | 'json';

/** A stored notice rendered again from its snapshot. */
export async function renderNotice(db: Db, caseId: string, noticeId: string, format: NoticeFormat) {
  const row = await findNotice(db, caseId, noticeId);
  if (!row) throw notFound('Notice', '文书');
  const content = row.content as NoticeContent;
  const filename = `${content.title}-${content.documentNumber}`;
  if (format === 'json')
    return { type: 'application/json', filename: `${filename}.json`, body: JSON.stringify(content) };
  if (format === 'html')
    return { type: 'text/html; charset=utf-8', filename: `${filename}.html`, body: noticeHtml(content) };
  return { type: 'application/pdf', filename: `${filename}.pdf`, body: await noticePdf(content) };
}
