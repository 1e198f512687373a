/**
 * Checks of an item version against the database: the departments belong to the item's centre, the
 * files exist, the codes fit their configured lengths, and the rules of content.ts with the centre's
 * office-day length. Shared by the admin API and the import.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { unprocessable } from '../../shared/errors.ts';
import type { ItemContent } from './catalogue.schemas.ts';
import { type ContentProblem, checkContent } from './content.ts';
import { officeDayHours } from './limits.ts';

/** 基本编码 ≤ 10 and 实施编码 ≤ 24 characters by default; the settings row 'catalogue.code_lengths' overrides. */
const CodeLengths = z.object({
  basic: z.number().int().min(1).max(64).default(10),
  implementation: z.number().int().min(1).max(64).default(24),
});
export type CodeLengths = z.infer<typeof CodeLengths>;
export const CODE_LENGTHS_SETTING = 'catalogue.code_lengths';

export async function codeLengths(db: Kysely<DB>): Promise<CodeLengths> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CODE_LENGTHS_SETTING)
    .executeTakeFirst();
  return CodeLengths.parse(row?.value ?? {});
}

export function checkCodes(limits: CodeLengths, basic: string, implementation: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (basic.length > limits.basic)
    problems.push({
      path: 'basicCode',
      zh: `基本编码不得超过 ${limits.basic} 位。`,
      en: `The basic code has at most ${limits.basic} characters.`,
    });
  if (implementation.length > limits.implementation)
    problems.push({
      path: 'implementationCode',
      zh: `实施编码不得超过 ${limits.implementation} 位。`,
      en: `The implementation code has at most ${limits.implementation} characters.`,
    });
  return problems;
}

export interface CentreContext {
  centreId: string;
  dayHours: number;
  /** Departments of the centre by id. */
  departments: Map<string, { id: string; code: string; name: string }>;
}

export async function loadCentreContext(
  db: Kysely<DB>,
  centreId: string,
): Promise<CentreContext | undefined> {
  const centre = await db
    .selectFrom('centres')
    .select(['id', 'office_open', 'office_close'])
    .where('id', '=', centreId)
    .executeTakeFirst();
  if (!centre) return undefined;
  const depts = await db
    .selectFrom('departments')
    .select(['id', 'code', 'name'])
    .where('centre_id', '=', centreId)
    .execute();
  return {
    centreId,
    dayHours: officeDayHours(centre.office_open, centre.office_close),
    departments: new Map(depts.map((d) => [d.id, d])),
  };
}

/** The in-memory checks: rules of content and departments of the centre. */
export function checkInCentre(ctx: CentreContext, c: ItemContent): ContentProblem[] {
  const problems = checkContent(c, ctx.dayHours);
  if (!ctx.departments.has(c.departmentId))
    problems.push({
      path: 'departmentId',
      zh: '实施主体不是本中心的部门。',
      en: 'The implementing department is not a department of this centre.',
    });
  if (c.isJoint && c.leadDepartmentId && !ctx.departments.has(c.leadDepartmentId))
    problems.push({
      path: 'leadDepartmentId',
      zh: '牵头部门不是本中心的部门。',
      en: 'The lead department is not a department of this centre.',
    });
  return problems;
}

export const fileIdsOf = (c: ItemContent) =>
  [c.resultSampleFileId, ...c.materials.flatMap((m) => [m.blankFormFileId, m.sampleFileId])].filter(
    (x): x is string => !!x,
  );

export async function missingFiles(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Set();
  const found = await db.selectFrom('files').select('id').where('id', 'in', wanted).execute();
  const have = new Set(found.map((f) => f.id));
  return new Set(wanted.filter((id) => !have.has(id)));
}

/** All checks for one version saved through the API; throws 422 listing every problem. */
export async function assertValid(
  db: Kysely<DB>,
  ctx: CentreContext,
  c: ItemContent,
  codes?: [string, string],
) {
  const problems = checkInCentre(ctx, c);
  if (codes) problems.push(...checkCodes(await codeLengths(db), ...codes));
  const missing = await missingFiles(db, fileIdsOf(c));
  if (missing.size)
    problems.push({
      path: 'files',
      zh: '引用的文件不存在。',
      en: `Unknown file ids: ${[...missing].join(', ')}`,
    });
  if (problems.length) {
    const first = problems[0]!;
    throw unprocessable('invalid_item', first.zh, first.en, problems);
  }
}
