/**
 * Conditions of exclusive gateways (条件分支) on case data: a closed set of comparisons, no code, no
 * prototype access. Pure.
 */
import type { Comparison, Condition, ProcessEdge } from './definition.ts';

export type CaseData = Readonly<Record<string, unknown>>;

/** The value at a dotted path, reading own properties of plain objects only. */
export function readField(data: CaseData, path: string): unknown {
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function compare(c: Comparison, data: CaseData): boolean {
  const v = readField(data, c.field);
  if (v === undefined || v === null) return false;
  switch (c.op) {
    case '>':
      return typeof v === 'number' && v > c.value;
    case '>=':
      return typeof v === 'number' && v >= c.value;
    case '<':
      return typeof v === 'number' && v < c.value;
    case '<=':
      return typeof v === 'number' && v <= c.value;
    case '==':
      return v === c.value;
    case '!=':
      return v !== c.value;
    case 'in':
      return c.value.some((x) => x === v);
  }
}

export function conditionHolds(condition: Condition, data: CaseData): boolean {
  return Array.isArray(condition) ? condition.every((c) => compare(c, data)) : compare(condition, data);
}

/** The edge an exclusive gateway takes: the first listed edge whose condition holds, else the default. */
export function chooseEdge(edges: readonly ProcessEdge[], data: CaseData): ProcessEdge | undefined {
  return edges.find((e) => e.condition && conditionHolds(e.condition, data)) ?? edges.find((e) => e.default);
}
