/**
 * Turns the rows of the workbook into item contents, collecting every problem with its sheet, row and
 * column. One bad cell gives one problem: a column that failed is not reported again by the schema, and
 * a rule between fields runs only when all its fields are valid.
 */
import type { z } from 'zod';
import { ItemContent, type MaterialInput, MaterialInput as MaterialSchema } from '../catalogue.schemas.ts';
import { checkContent } from '../content.ts';
import { decodeCell } from './cells.ts';
import { type Column, headerOf, ITEM_COLUMNS, ITEM_PATH_COLUMNS, MATERIAL_COLUMNS } from './columns.ts';
import type { SheetRow } from './workbook.ts';

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
  messageEn: string;
}

export interface CentreInfo {
  id: string;
  code: string;
  dayHours: number;
  departments: Map<string, string>; // code → id
  manageable: boolean;
}

export interface ParsedItem {
  row: number;
  centre?: CentreInfo;
  implementationCode: string;
  basicCode: string;
  status: 'draft' | 'published';
  content: Partial<ItemContent>;
  valid: Set<string>;
  problems: ImportProblem[];
}

export interface ParsedMaterial {
  row: number;
  key: string;
  position: number;
  value?: MaterialInput;
  problems: ImportProblem[];
}

/** Decodes the cells of one row; failed and missing required columns are reported and remembered. */
class RowReader {
  readonly values: Record<string, unknown> = {};
  readonly failed = new Set<string>();
  readonly problems: ImportProblem[] = [];
  constructor(
    readonly sheet: string,
    readonly columns: Column[],
    readonly row: SheetRow,
  ) {
    for (const c of columns.filter((x) => !x.exportOnly)) {
      const d = decodeCell(c.kind, row.cells[c.key] ?? null);
      if (d.ok) this.values[c.key] = d.value;
      else this.report(c.key, d.zh, d.en);
    }
  }
  report(key: string, zh: string, en: string) {
    if (this.failed.has(key)) return;
    this.failed.add(key);
    this.problems.push({
      sheet: this.sheet,
      row: this.row.row,
      column: headerOf(this.columns, key),
      message: zh,
      messageEn: en,
    });
  }
  isEmpty = (key: string) => this.values[key] === undefined || this.values[key] === '';
  requireFilled(keys: string[]) {
    for (const k of keys)
      if (!this.failed.has(k) && this.isEmpty(k)) this.report(k, '此项为必填。', 'This column is required.');
  }
  str = (key: string) => (this.values[key] as string | undefined) ?? '';
  /** Parses one field with its schema; reports the issues on their columns unless already reported. */
  field<T>(
    schema: z.ZodType<T>,
    raw: unknown,
    columnOf: (path: string) => string,
  ): { ok: boolean; value?: T } {
    const r = schema.safeParse(raw);
    if (r.success) return { ok: true, value: r.data };
    for (const issue of r.error.issues)
      this.report(columnOf(issue.path.join('.')), zodZh(issue), issue.message);
    return { ok: false };
  }
}

/** A Chinese message for the schema issues a cell can cause. */
function zodZh(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big') return `超出允许范围（最大 ${String(issue.maximum)}）。`;
  if (issue.code === 'too_small')
    return issue.origin === 'string' ? '此项不能为空。' : `低于允许范围（最小 ${String(issue.minimum)}）。`;
  if (issue.code === 'invalid_type') return '此项为必填或格式不正确。';
  return `取值无效：${issue.message}`;
}

const CODE = /^[0-9A-Za-z]+$/;
const nullIfEmpty = (s: string) => (s === '' ? null : s);

function rawContent(r: RowReader, centre: CentreInfo | undefined): Record<string, unknown> {
  const v = r.values;
  if (!centre) {
    // The centre is already reported; its departments cannot be looked up.
    r.failed.add('departmentCode');
    r.failed.add('leadDepartmentCode');
  }
  const dept = (key: string) => {
    const code = r.str(key);
    if (!code) return null;
    const id = centre?.departments.get(code);
    if (!id && centre)
      r.report(key, `本中心没有编码为“${code}”的部门。`, `No department with code ${code} in this centre.`);
    return id ?? null;
  };
  const limit = (p: 'statutory' | 'promised') => ({
    value: v[`${p}Value`] ?? (v[`${p}Unit`] === 'same_day' ? 0 : undefined),
    unit: v[`${p}Unit`],
    note: v[`${p}Note`],
  });
  return {
    ...v,
    exerciseLevel: v.exerciseLevel === undefined ? undefined : Number(v.exerciseLevel),
    departmentId: dept('departmentCode'),
    leadDepartmentId: dept('leadDepartmentCode'),
    statutoryLimit: limit('statutory'),
    promisedLimit: limit('promised'),
    resultSampleFileId: nullIfEmpty(r.str('resultSampleFileId')),
    fee: { charged: v.feeCharged, standard: v.feeStandard, basis: v.feeBasis, waiver: v.feeWaiver },
  };
}

/** Where a problem at a content path is shown in the item sheet. */
export function itemColumnOf(path: string): string {
  if (ITEM_PATH_COLUMNS[path]) return ITEM_PATH_COLUMNS[path]!;
  const [head] = path.split('.');
  return ITEM_PATH_COLUMNS[head!] ?? (head === 'fee' ? 'feeCharged' : head!);
}

export function parseItemRow(
  row: SheetRow,
  sheet: string,
  centres: Map<string, CentreInfo>,
  defaultCentre: CentreInfo | undefined,
): ParsedItem {
  const r = new RowReader(sheet, ITEM_COLUMNS, row);
  r.requireFilled([
    'implementationCode',
    'basicCode',
    'name',
    'itemType',
    'exerciseLevel',
    'departmentCode',
    'statutoryUnit',
    'promisedUnit',
    'handlingType',
  ]);
  for (const p of ['statutory', 'promised'])
    if (r.values[`${p}Unit`] !== 'same_day') r.requireFilled([`${p}Value`]);
  for (const k of ['implementationCode', 'basicCode'])
    if (!r.isEmpty(k) && !CODE.test(r.str(k)))
      r.report(k, '编码只能包含字母和数字。', 'Codes contain letters and digits only.');
  const centreCode = r.str('centreCode');
  const centre = centreCode ? centres.get(centreCode) : defaultCentre;
  if (!centre && !r.failed.has('centreCode'))
    r.report(
      'centreCode',
      centreCode ? `服务中心“${centreCode}”不存在。` : '请填写中心编码。',
      centreCode ? `No centre ${centreCode}.` : 'The centre code is required.',
    );
  else if (centre && !centre.manageable)
    r.report('centreCode', '您不能管理该中心的事项目录。', "You may not manage this centre's catalogue.");
  const raw = rawContent(r, centre);
  const content: Record<string, unknown> = {};
  const valid = new Set<string>();
  for (const [field, schema] of Object.entries(ItemContent.shape)) {
    if (field === 'materials') continue;
    const columns = [itemColumnOf(field), itemColumnOf(`${field}.value`), itemColumnOf(`${field}.unit`)];
    if (columns.some((c) => r.failed.has(c))) continue;
    const res = r.field(schema as z.ZodType, raw[field], (path) =>
      itemColumnOf(path ? `${field}.${path}` : field),
    );
    if (res.ok) {
      content[field] = res.value;
      valid.add(field);
    }
  }
  const status = (r.values.status as 'draft' | 'published' | undefined) ?? 'draft';
  return {
    row: row.row,
    centre,
    implementationCode: r.str('implementationCode'),
    basicCode: r.str('basicCode'),
    status,
    content: content as Partial<ItemContent>,
    valid,
    problems: r.problems,
  };
}

export function parseMaterialRow(
  row: SheetRow,
  sheet: string,
  defaultCentreCode: string,
  index: number,
): ParsedMaterial {
  const r = new RowReader(sheet, MATERIAL_COLUMNS, row);
  r.requireFilled(['implementationCode', 'name']);
  const raw = {
    ...r.values,
    blankFormFileId: nullIfEmpty(r.str('blankFormFileId')),
    sampleFileId: nullIfEmpty(r.str('sampleFileId')),
  };
  const value: Record<string, unknown> = {};
  let ok = r.problems.length === 0;
  for (const [field, schema] of Object.entries(MaterialSchema.shape)) {
    if (r.failed.has(field)) continue;
    const res = r.field(schema as z.ZodType, raw[field as keyof typeof raw], () => field);
    if (res.ok) value[field] = res.value;
    else ok = false;
  }
  return {
    row: row.row,
    key: `${r.str('centreCode') || defaultCentreCode}/${r.str('implementationCode')}`,
    position: (r.values.position as number | undefined) ?? 100_000 + index,
    value: ok ? (value as MaterialInput) : undefined,
    problems: r.problems,
  };
}

/** The rules between fields, on the fields that are valid; problems go to the item or material rows. */
export function crossCheck(
  item: ParsedItem,
  sheet: string,
  materialRows: ParsedMaterial[],
  materialSheet: string,
) {
  if (!item.centre) return;
  for (const p of checkContent(item.content as ItemContent, item.centre.dayHours, item.valid)) {
    const m = /^materials\.(\d+)\.(\w+)/.exec(p.path);
    const target = m ? materialRows[Number(m[1])] : undefined;
    const problem = target
      ? {
          sheet: materialSheet,
          row: target.row,
          column: headerOf(MATERIAL_COLUMNS, m![2]!),
          message: p.zh,
          messageEn: p.en,
        }
      : {
          sheet,
          row: item.row,
          column: headerOf(ITEM_COLUMNS, itemColumnOf(p.path)),
          message: p.zh,
          messageEn: p.en,
        };
    (target ? target.problems : item.problems).push(problem);
  }
}
