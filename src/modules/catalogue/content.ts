/**
 * Rules across the fields of an item version, its canonical form (for hashing and comparing imports)
 * and the search columns. Pure.
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { ItemContent } from './catalogue.schemas.ts';
import { normaliseLimit, promisedWithinStatutory } from './limits.ts';
import { checkProcess } from './process.ts';

export interface ContentProblem {
  /** Field path in ItemContent, e.g. 'promisedLimit' or 'materials.3.name'. */
  path: string;
  zh: string;
  en: string;
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/** The one form in which content is stored and compared: same_day limits 0, lists deduplicated. */
export function normaliseContent(c: ItemContent): ItemContent {
  return {
    ...c,
    statutoryLimit: normaliseLimit(c.statutoryLimit),
    promisedLimit: normaliseLimit(c.promisedLimit),
    leadDepartmentId: c.isJoint ? c.leadDepartmentId : null,
    audiences: unique(c.audiences),
    themes: unique(c.themes),
    channels: unique(c.channels),
    jointAgencies: unique(c.jointAgencies),
    materials: c.materials.map((m) => ({ ...m, situations: unique(m.situations) })),
  };
}

interface Rule {
  /** The fields the rule reads: the import runs it only when all of them are valid. */
  needs: (keyof ItemContent)[];
  check(c: ItemContent, dayHours: number): ContentProblem[];
}

const problem = (path: string, zh: string, en: string): ContentProblem[] => [{ path, zh, en }];

/** The rules a version must satisfy beyond the types of its fields. */
export const CONTENT_RULES: Rule[] = [
  {
    needs: ['promisedLimit', 'statutoryLimit'],
    check: (c, dayHours) =>
      promisedWithinStatutory(c.promisedLimit, c.statutoryLimit, dayHours)
        ? []
        : problem(
            'promisedLimit.value',
            '承诺办结时限不得超过法定办结时限。',
            'The promised time limit must not exceed the statutory one.',
          ),
  },
  {
    needs: ['handlingType', 'promisedLimit'],
    check: (c) => {
      if (c.handlingType === 'immediate' && c.promisedLimit.unit !== 'same_day')
        return problem(
          'promisedLimit.unit',
          '即办件的承诺时限必须为当日办结。',
          'An immediate item (即办件) is promised on the same day.',
        );
      if (c.handlingType === 'promised' && c.promisedLimit.unit === 'same_day')
        return problem(
          'handlingType',
          '当日办结的事项应为即办件。',
          'An item promised on the same day is an immediate item (即办件).',
        );
      return [];
    },
  },
  {
    needs: ['isJoint', 'leadDepartmentId'],
    check: (c) =>
      c.isJoint && !c.leadDepartmentId
        ? problem('leadDepartmentId', '联办事项必须指定牵头部门。', 'A joint item needs a lead department.')
        : [],
  },
  {
    needs: ['processDefinition'],
    check: (c) =>
      c.processDefinition
        ? checkProcess(c.processDefinition).map((p) => ({ path: 'processDefinition', zh: p.zh, en: p.en }))
        : [],
  },
  {
    needs: ['materials'],
    check: (c) => {
      const seen = new Set<string>();
      return c.materials.flatMap((m, i) => {
        const key = `${m.name}|${[...m.situations].sort().join('；')}`;
        if (seen.has(key))
          return problem(`materials.${i}.name`, `材料重复：${m.name}`, `duplicate material ${m.name}`);
        seen.add(key);
        return [];
      });
    },
  },
];

/** Runs the rules; with `valid`, only those whose fields are all valid (so one bad cell is one problem). */
export function checkContent(
  c: ItemContent,
  dayHours: number,
  valid?: ReadonlySet<string>,
): ContentProblem[] {
  return CONTENT_RULES.filter((r) => !valid || r.needs.every((f) => valid.has(f))).flatMap((r) =>
    r.check(c, dayHours),
  );
}

/** SHA-256 of the canonical content: equal hashes mean an import row changes nothing. */
export function contentHash(c: ItemContent): string {
  return createHash('sha256')
    .update(canonicalJson(normaliseContent(c)))
    .digest('hex');
}

export interface SearchColumns {
  search_text: string;
  search_pinyin: string;
  search_initials: string;
}

const letters = (parts: string[]) =>
  parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The name, its full pinyin (jianshe…) and its initials (jsyd…), lower case, for LIKE search. */
export function searchColumns(name: string): SearchColumns {
  const full = letters(pinyin(name, { toneType: 'none', type: 'array', v: true }));
  const initials = letters(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }));
  return {
    search_text: `${name.toLowerCase()}\u0001${full}\u0001${initials}`,
    search_pinyin: full,
    search_initials: initials,
  };
}
