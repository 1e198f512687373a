import { sql } from 'kysely';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A list of uuids as one `uuid[]` parameter, for `id = ANY(…)`. The planner sees how many there are, so a
 * batch of a thousand ids is looked up through the index; a set-returning function over a JSON parameter
 * is estimated at 100 rows and, with stale statistics, drove a nested loop that re-read the list for every
 * row (500 ms for 1,000 timers). Every id must be a uuid (anything else is a programming error).
 */
export function uuidArray(ids: readonly string[]) {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
