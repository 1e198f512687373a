// What a decision needs to know about its case, loaded once before its transaction.
import type { Kysely } from 'kysely';
import type { CheckedMaterial } from '../../core/case-state.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { CaseActor } from '../cases/case-events.ts';
import type { CaseMaterialRow, CaseRow } from '../cases/cases.queries.ts';
import type { ItemVersion } from '../catalogue/catalogue.schemas.ts';
import type { CaseFacts } from '../notices/notices.service.ts';
import type { IntakeSettings } from './intake.settings.ts';

type Db = Kysely<DB>;

export interface DecisionContext {
  trx: Db;
  now: Date;
  c: CaseRow;
  version: ItemVersion;
  settings: IntakeSettings;
  facts: CaseFacts;
  principal: Principal;
  actor: CaseActor;
  creditRestricted: boolean;
}

export async function loadFacts(
  db: Db,
  c: CaseRow,
  v: ItemVersion,
): Promise<CaseFacts & { creditRestricted: boolean }> {
  const [centre, applicant, agent] = await Promise.all([
    db
      .selectFrom('centres')
      .select(['id', 'code', 'name', 'time_zone', 'office_close'])
      .where('id', '=', c.centre_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('applicants')
      .select(['name', 'credit_restricted'])
      .where('id', '=', c.applicant_id)
      .executeTakeFirstOrThrow(),
    c.agent_id
      ? db.selectFrom('applicants').select('name').where('id', '=', c.agent_id).executeTakeFirst()
      : undefined,
  ]);
  return {
    centre,
    departmentName: v.department.name,
    applicantName: applicant.name,
    agentName: agent?.name ?? null,
    item: { name: v.name, implementationCode: v.implementationCode, legalBasis: v.legalBasis },
    creditRestricted: applicant.credit_restricted,
  };
}

export const toChecked = (m: CaseMaterialRow): CheckedMaterial => ({
  name: m.name,
  required: m.required,
  deferrable: m.can_defer,
  status: m.status,
  note: m.note,
});

/** What the applicant must bring for a material, as the correction notice states it. */
export function requirementOf(m: CaseMaterialRow, v: ItemVersion): string {
  const standard = v.materials.find((x) => x.id === m.material_id)?.acceptanceStandard ?? '';
  const counts = `需原件${m.originals_required}份、复印件${m.copies_required}份`;
  const std = standard ? `；受理标准：${standard}` : '';
  if (m.status === 'defective') return `不符合法定形式：${m.note}${std}`;
  if (m.status === 'mismatch')
    return `纸质材料与电子材料不一致，请提交内容一致的纸质和电子材料${m.note ? `（${m.note}）` : ''}`;
  return `未提交，请补充提交（${counts}）${std}`;
}

export const receivedText = (m: CaseMaterialRow) =>
  m.status === 'deferred'
    ? '容缺后补'
    : `原件${m.originals_received}份、复印件${m.copies_received}份${m.status === 'ok' ? '' : `（${m.note || m.status}）`}`;
