// Reading and writing the catalogue workbook (xlsx via exceljs; csv for the item sheet alone).
import ExcelJS from 'exceljs';
import { type CellValue, encodeCell } from './cells.ts';
import {
  type Column,
  ITEM_COLUMNS,
  ITEMS_SHEET,
  MATERIAL_COLUMNS,
  MATERIALS_SHEET,
  NOTES_SHEET,
} from './columns.ts';
import { parseCsv } from './csv.ts';

export interface SheetRow {
  /** Row number as a spreadsheet program shows it (the header is row 1). */
  row: number;
  cells: Record<string, CellValue>;
}

export interface HeaderProblem {
  sheet: string;
  column: string;
  zh: string;
  en: string;
}

export interface ReadSheets {
  items: SheetRow[];
  /** null when the file has no materials sheet (csv): materials are then left as they are. */
  materials: SheetRow[] | null;
  problems: HeaderProblem[];
}

function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return null;
}

/** Maps header texts to column keys; reports required columns that are missing. */
function keyRows(
  sheet: string,
  columns: Column[],
  grid: CellValue[][],
  problems: HeaderProblem[],
): SheetRow[] {
  const header = (grid[0] ?? []).map((h) => (typeof h === 'string' ? h.trim() : String(h ?? '')));
  const keys = header.map((h) => columns.find((c) => c.header === h && !c.exportOnly)?.key);
  for (const c of columns.filter((x) => x.required && !header.includes(x.header)))
    problems.push({
      sheet,
      column: c.header,
      zh: `缺少必填列“${c.header}”。`,
      en: `Missing required column ${c.header}.`,
    });
  const rows: SheetRow[] = [];
  grid.slice(1).forEach((values, i) => {
    if (values.every((v) => v === null || v === '')) return;
    const cells: Record<string, CellValue> = {};
    keys.forEach((k, j) => {
      if (k) cells[k] = values[j] ?? null;
    });
    rows.push({ row: i + 2, cells });
  });
  return rows;
}

function gridOf(ws: ExcelJS.Worksheet): CellValue[][] {
  const grid: CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellValue(cell.value);
    });
    grid[n - 1] = values;
  });
  return Array.from(grid, (r) => r ?? []);
}

/** Reads sheet 事项 (or the first sheet) and sheet 材料 (or the second) of an xlsx, or a csv as sheet 事项. */
export async function readWorkbook(bytes: Uint8Array, filename: string): Promise<ReadSheets> {
  const problems: HeaderProblem[] = [];
  if (/\.csv$/i.test(filename)) {
    return {
      items: keyRows(ITEMS_SHEET, ITEM_COLUMNS, parseCsv(bytes), problems),
      materials: null,
      problems,
    };
  }
  const wb = new ExcelJS.Workbook();
  // exceljs types predate Node's generic Buffer; the bytes are what it expects.
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheets = wb.worksheets.filter((w) => w.name !== NOTES_SHEET);
  const items = wb.getWorksheet(ITEMS_SHEET) ?? sheets[0];
  const materials = wb.getWorksheet(MATERIALS_SHEET) ?? sheets.find((w) => w !== items);
  if (!items) return { items: [], materials: null, problems };
  return {
    items: keyRows(items.name, ITEM_COLUMNS, gridOf(items), problems),
    materials: materials ? keyRows(materials.name, MATERIAL_COLUMNS, gridOf(materials), problems) : null,
    problems,
  };
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? 12,
    style: c.kind.type === 'code' ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow(Object.fromEntries(columns.map((c) => [c.key, encodeCell(c.kind, r[c.key])])));
}

function addNotes(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(NOTES_SHEET);
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 8 },
    { header: '列', key: 'header', width: 18 },
    { header: '必填', key: 'required', width: 6 },
    { header: '说明', key: 'note', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const [sheet, cols] of [
    [ITEMS_SHEET, ITEM_COLUMNS],
    [MATERIALS_SHEET, MATERIAL_COLUMNS],
  ] as const)
    for (const c of cols)
      ws.addRow({ sheet, header: c.header, required: c.required ? '是' : '', note: c.note });
}

/** Writes the two sheets (and the 说明 sheet). Template = no rows. */
export async function writeWorkbook(
  items: Record<string, unknown>[],
  materials: Record<string, unknown>[],
): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'onewindow';
  addSheet(wb, ITEMS_SHEET, ITEM_COLUMNS, items);
  addSheet(wb, MATERIALS_SHEET, MATERIAL_COLUMNS, materials);
  addNotes(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
