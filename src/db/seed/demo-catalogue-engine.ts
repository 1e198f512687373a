// Demo data of the approval engine: outside agencies and their accounts, AB角 backups, and fee standards
// in machine form for the Yangzhou land supply and the Ministry's mining rights. Demo data only.

import type { Kysely } from 'kysely';
import { systemActor } from '../../modules/audit/audit.log.ts';
import { changeWithLog } from '../../modules/audit/change.ts';
import type { AppDeps } from '../../server/context.ts';
import type { DB } from '../schema.ts';
import { DEMO_AGENCIES, DEMO_BACKUPS } from './demo-org.ts';

interface DemoFee {
  item: string;
  centre: string;
  code: string;
  name: string;
  kind: 'fixed' | 'per_unit';
  amountCents: number;
  unit?: string;
  quantityField?: string;
  waivable?: boolean;
  basis: string;
}

export const DEMO_FEES: DemoFee[] = [
  {
    item: '国有建设用地供地审批',
    centre: 'YZ',
    code: 'registration',
    name: '土地登记费',
    kind: 'fixed',
    amountCents: 10_000,
    basis: '苏价费〔2007〕号（演示）',
  },
  {
    item: '国有建设用地供地审批',
    centre: 'YZ',
    code: 'survey',
    name: '地籍测绘费',
    kind: 'per_unit',
    amountCents: 50_000,
    unit: '公顷',
    quantityField: 'areaHectares',
    waivable: true,
    basis: '测绘收费标准（演示）',
  },
];

const staffId = async (db: Kysely<DB>, username: string) =>
  (await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

export async function seedDemoEngine(deps: AppDeps) {
  await changeWithLog(
    deps,
    systemActor('demo-seed'),
    async (trx, now) => {
      for (const a of DEMO_AGENCIES) {
        const centre = await trx
          .selectFrom('centres')
          .select('id')
          .where('code', '=', a.centre)
          .executeTakeFirstOrThrow();
        const agency = await trx
          .insertInto('agencies')
          .values({ centre_id: centre.id, code: a.code, name: a.name, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const m of a.members)
          await trx
            .insertInto('agency_members')
            .values({ agency_id: agency.id, staff_id: await staffId(trx, m) })
            .execute();
      }
      for (const b of DEMO_BACKUPS)
        await trx
          .insertInto('staff_backups')
          .values({ staff_id: await staffId(trx, b.staff), backup_staff_id: await staffId(trx, b.backup) })
          .execute();
      for (const f of DEMO_FEES) {
        const item = await trx
          .selectFrom('catalogue_items as i')
          .innerJoin('catalogue_item_versions as v', 'v.id', 'i.current_version_id')
          .innerJoin('centres as c', 'c.id', 'i.centre_id')
          .select('i.id')
          .where('v.name', '=', f.item)
          .where('c.code', '=', f.centre)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('fee_standards')
          .values({
            item_id: item.id,
            code: f.code,
            name: f.name,
            kind: f.kind,
            amount_cents: f.amountCents,
            unit: f.unit ?? '',
            quantity_field: f.quantityField ?? null,
            waivable: f.waivable ?? false,
            basis: f.basis,
          })
          .execute();
      }
    },
    () => ({ action: 'engine.demo_seeded', targetType: 'installation', targetId: 'demo' }),
  );
}
