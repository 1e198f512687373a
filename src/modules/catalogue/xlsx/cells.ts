/**
 * How one spreadsheet cell is read and written, by kind of column. Reading is lenient about what other
 * programs produce (numbers for codes, 'TRUE' for 是, labels or codes for code lists); writing always
 * gives the one form that reads back to the same value.
 */

export type CellValue = string | number | boolean | null;

export type Decoded = { ok: true; value: unknown } | { ok: false; zh: string; en: string };

export type Kind =
  | { type: 'text' }
  | { type: 'code' }
  | { type: 'int' }
  | { type: 'number' }
  | { type: 'bool' }
  | { type: 'enum'; labels: Record<string, string>; pad?: number }
  | { type: 'list' }
  | { type: 'enumList'; labels: Record<string, string> }
  | { type: 'json' }
  | { type: 'faqs' };

const ok = (value: unknown): Decoded => ({ ok: true, value });
const fail = (zh: string, en: string): Decoded => ({ ok: false, zh, en });

export const cellText = (v: CellValue): string =>
  v === null ? '' : typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : String(v);

const LIST_SEPARATORS = /[；;、\n]+/;
const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×', '']);

function decodeEnum(text: string, labels: Record<string, string>, pad?: number): string | undefined {
  const key = pad && /^\d+$/.test(text) ? text.padStart(pad, '0') : text;
  if (Object.hasOwn(labels, key)) return key;
  const byLabel = Object.entries(labels).find(([, label]) => label === text);
  if (byLabel) return byLabel[0];
  const m = /^(\S+)[\s\-_:：]+(.+)$/.exec(text); // "01 行政许可"
  return m ? decodeEnum(m[1]!, labels, pad) : undefined;
}

const allowed = (labels: Record<string, string>) => Object.values(labels).join('、');

function decodeFaqs(text: string): Decoded {
  if (!text) return ok([]);
  const faqs = [];
  for (const block of text.split(/\n\s*\n/)) {
    const m = /^问[:：]\s*([\s\S]*?)\n答[:：]\s*([\s\S]*)$/.exec(block.trim());
    if (!m)
      return fail(
        '常见问题格式应为“问：…”换行“答：…”，各问答之间空一行。',
        'FAQs are "问：…" then "答：…" blocks separated by a blank line.',
      );
    faqs.push({ question: m[1]!.trim(), answer: m[2]!.trim() });
  }
  return ok(faqs);
}

export function decodeCell(kind: Kind, raw: CellValue): Decoded {
  const text = cellText(raw);
  switch (kind.type) {
    case 'text':
      return ok(text);
    case 'code':
      if (typeof raw === 'number' && !Number.isSafeInteger(raw))
        return fail(
          '编码被表格软件转成了数字，请将该列设为文本格式。',
          'The code was turned into a number; format the column as text.',
        );
      return ok(text);
    case 'int':
    case 'number': {
      if (text === '') return ok(undefined);
      const n = Number(text);
      if (!Number.isFinite(n) || (kind.type === 'int' && !Number.isInteger(n)))
        return fail(
          `“${text}”不是有效的${kind.type === 'int' ? '整数' : '数字'}。`,
          `"${text}" is not a valid ${kind.type === 'int' ? 'whole ' : ''}number.`,
        );
      return ok(n);
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return ok(true);
      if (FALSE.has(t)) return ok(false);
      return fail(`“${text}”应为“是”或“否”。`, `"${text}" should be 是 (yes) or 否 (no).`);
    }
    case 'enum': {
      if (text === '') return ok(undefined);
      const v = decodeEnum(text, kind.labels, kind.pad);
      return v === undefined
        ? fail(
            `“${text}”不是可选值（${allowed(kind.labels)}）。`,
            `"${text}" is not one of the allowed values.`,
          )
        : ok(v);
    }
    case 'list':
      return ok(
        text
          .split(LIST_SEPARATORS)
          .map((s) => s.trim())
          .filter(Boolean),
      );
    case 'enumList': {
      const items = text
        .split(LIST_SEPARATORS)
        .map((s) => s.trim())
        .filter(Boolean);
      const values = items.map((i) => decodeEnum(i, kind.labels));
      const bad = items.find((_, i) => values[i] === undefined);
      return bad !== undefined
        ? fail(
            `“${bad}”不是可选值（${allowed(kind.labels)}）。`,
            `"${bad}" is not one of the allowed values.`,
          )
        : ok(values);
    }
    case 'json':
      if (text === '') return ok(null);
      try {
        return ok(JSON.parse(text));
      } catch {
        return fail('不是有效的 JSON。', 'Not valid JSON.');
      }
    case 'faqs':
      return decodeFaqs(text);
  }
}

export function encodeCell(kind: Kind, value: unknown): CellValue {
  switch (kind.type) {
    case 'text':
    case 'code':
      return value == null ? '' : String(value);
    case 'int':
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'bool':
      return value ? '是' : '否';
    case 'enum':
      return value == null ? '' : (kind.labels[String(value)] ?? String(value));
    case 'list':
      return ((value as string[] | undefined) ?? []).join('；');
    case 'enumList':
      return ((value as string[] | undefined) ?? []).map((v) => kind.labels[v] ?? v).join('；');
    case 'json':
      return value == null ? '' : JSON.stringify(value);
    case 'faqs':
      return ((value as { question: string; answer: string }[] | undefined) ?? [])
        .map((f) => `问：${f.question}\n答：${f.answer}`)
        .join('\n\n');
  }
}
