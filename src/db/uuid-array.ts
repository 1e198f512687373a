import { sql } from 'kysely';

/** 8-4-4-4-12 hex digits; a loop over the char codes (a sweep passes several thousand ids per tick). */
export function isUuid(id: unknown): id is string {
  if (typeof id !== 'string' || id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false; // '-'
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/**
 * A list of uuids as one `uuid[]` parameter, for `id = ANY(…)`. The planner sees how many there are, so a
 * batch of a thousand ids is looked up through the index; a set-returning function over a JSON parameter
 * is estimated at 100 rows and, with stale statistics, drove a nested loop that re-read the list for every
 * row (500 ms for 1,000 timers). Every id must be a uuid (anything else is a programming error).
 */
export function uuidArray(ids: readonly string[]) {
  for (const id of ids) if (!isUuid(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * Values as the text of one array parameter (`{a,b,NULL}`), for unnest(): a thousand rows parse several
 * times faster than from jsonb_to_recordset (6 ms for the sweep's batch). Only plain tokens — dates,
 * ISO instants, numbers, words — which need no quoting; anything else is a programming error.
 */
export function plainArray(values: ReadonlyArray<string | number | null>): string {
  return `{${values
    .map((v) => {
      if (v === null) return 'NULL';
      const text = String(v);
      if (!/^[0-9A-Za-z:.+-]+$/.test(text) || text.toUpperCase() === 'NULL')
        throw new Error(`not a plain array element: ${JSON.stringify(v)}`);
      return text;
    })
    .join(',')}}`;
}
