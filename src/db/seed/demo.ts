import { systemActor } from '../../modules/audit/audit.log.ts';
import { changeWithLog } from '../../modules/audit/change.ts';
import { hashPassword } from '../../modules/auth/passwords.ts';
import type { Role } from '../../modules/auth/roles.ts';
import { insertStaff } from '../../modules/staff/staff.service.ts';
import type { AppDeps } from '../../server/context.ts';
import { creditCodeCheckChar } from '../../shared/identifiers.ts';
import { seedDemoCatalogue } from './demo-catalogue.ts';
import { seedDemoEngine } from './demo-catalogue-engine.ts';
import { DEMO_CENTRES, DEMO_PASSWORD, DEMO_REGIONS, DEMO_STAFF } from './demo-org.ts';

export const isDemoDatabase = async (deps: Pick<AppDeps, 'db'>) =>
  (await deps.db.selectFrom('settings').select('value').where('key', '=', 'demo').executeTakeFirst())
    ?.value === true;

/** A valid 统一社会信用代码 for a demo government body (registration authority 1, kind 1 = 机关). */
export function demoCreditCode(region: string, n: number): string {
  const first17 = `11${region}${String(n).padStart(8, '0')}0`;
  return first17 + creditCodeCheckChar(first17);
}

/**
 * Seeds the demo organisation and accounts once; later starts find the marker and do nothing.
 * Returns the accounts created (for the start-up log), or [] when the database was already seeded.
 */
export async function seedDemo(deps: AppDeps): Promise<{ username: string; roles: readonly string[] }[]> {
  if (await isDemoDatabase(deps)) return [];
  const staffCount = await deps.db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(staffCount.n) > 0)
    throw new Error(
      'this database already has staff accounts and is not a demo database: refusing to add demo data',
    );
  const actor = systemActor('demo-seed');
  const centreIds = new Map<string, string>();
  const deptIds = new Map<string, string>();
  const officeIds = new Map<string, string>();
  await changeWithLog(
    deps,
    actor,
    async (trx, now) => {
      for (const r of DEMO_REGIONS) {
        await trx
          .insertInto('regions')
          .values({ code: r.code, name: r.name, level: r.level, parent_code: r.parent, path: pathOf(r.code) })
          .execute();
      }
      let n = 1;
      for (const c of DEMO_CENTRES) {
        const centre = await trx
          .insertInto('centres')
          .values({ code: c.code, name: c.name, region_code: c.region, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        centreIds.set(c.code, centre.id);
        for (const d of c.departments) {
          const dept = await trx
            .insertInto('departments')
            .values({
              centre_id: centre.id,
              code: d.code,
              name: d.name,
              credit_code: demoCreditCode(c.region, n++),
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          deptIds.set(`${c.code}/${d.code}`, dept.id);
          for (const o of d.offices) {
            const office = await trx
              .insertInto('offices')
              .values({ department_id: dept.id, code: o.code, name: o.name, created_at: now })
              .returning('id')
              .executeTakeFirstOrThrow();
            officeIds.set(`${c.code}/${d.code}/${o.code}`, office.id);
          }
        }
        for (let w = 1; w <= c.windows; w++) {
          await trx
            .insertInto('service_windows')
            .values({
              centre_id: centre.id,
              number: String(w).padStart(2, '0'),
              name: `${w} 号窗口`,
              created_at: now,
            })
            .execute();
        }
      }
      await trx.insertInto('settings').values({ key: 'demo', value: 'true' }).execute();
    },
    () => ({ action: 'demo.seeded', targetType: 'installation', targetId: 'demo' }),
  );
  await seedDemoCatalogue(deps, { centreIds, deptIds });
  // One hash for all demo accounts: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of DEMO_STAFF) {
    await insertStaff(
      deps,
      actor,
      {
        username: s.username,
        displayName: s.name,
        password: DEMO_PASSWORD,
        roles: [...s.roles] as Role[],
        centreId: s.centre ? centreIds.get(s.centre)! : null,
        departmentId: s.dept ? deptIds.get(`${s.centre}/${s.dept}`)! : null,
        officeId: s.office ? officeIds.get(`${s.centre}/${s.dept}/${s.office}`)! : null,
      },
      { isDemo: true, passwordHash },
    );
  }
  await seedDemoApplicant(deps, passwordHash);
  await seedDemoEngine(deps);
  return DEMO_STAFF.map((s) => ({ username: s.username, roles: s.roles }));
}

function pathOf(code: string): string {
  const r = DEMO_REGIONS.find((x) => x.code === code);
  if (!r) throw new Error(`unknown demo region ${code}`);
  return r.parent ? `${pathOf(r.parent)}${r.code}/` : `/${r.code}/`;
}

/** A demo applicant who can log in to the applicant area (/api/v1/applicant/login) with the demo password. */
export const DEMO_APPLICANT = { idNumber: '11010519491231002X', name: '张三明' } as const;

async function seedDemoApplicant(deps: AppDeps, passwordHash: string) {
  await changeWithLog(
    deps,
    systemActor('demo-seed'),
    async (trx, now) => {
      const a = await trx
        .insertInto('applicants')
        .values({
          kind: 'natural_person',
          id_number: DEMO_APPLICANT.idNumber,
          name: DEMO_APPLICANT.name,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('applicant_accounts')
        .values({
          applicant_id: a.id,
          password_hash: passwordHash,
          created_at: now,
          password_changed_at: now,
        })
        .execute();
      return a;
    },
    (a) => ({ action: 'applicant.account_opened', targetType: 'applicant', targetId: a.id }),
  );
}
