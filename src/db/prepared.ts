import pg from 'pg';

/**
 * A pg client that sends each parameterised statement run inside a transaction as a named prepared
 * statement, so PostgreSQL parses it once per connection and, after five runs, may keep a generic plan
 * instead of planning it again. The write paths (an engine transition, a crossing batch) repeat the same
 * key lookups and writes with new values thousands of times: bench:engine went from 242 to 278
 * transitions/s and PostgreSQL's CPU per transition from 4.9 to 3.7 ms; with plan_cache_mode set to
 * force_custom_plan the gain was gone, so it is the planning that is saved.
 *
 * Statements outside a transaction (lists, dashboards, the overdue summary) stay unnamed: a generic plan
 * knows neither the LIMIT nor how many rows an office or department has, and one for an earlier form of the
 * work list took its p95 from 3 to 85 ms in bench:supervision. A statement whose best plan is the same for
 * every value, and whose planning is a large part of its cost, begins with ALWAYS_PREPARED to be named
 * there too: the work list (each way it reads walks its own index, its LIMIT is written into the text) took
 * 3 ms to plan and 2–3 ms to run.
 *
 * Names are given per distinct SQL text, process-wide and in order of first use, up to a bound: SQL built
 * with a varying number of placeholders (long IN lists, multi-row inserts) would otherwise fill every
 * connection's statement cache without end. Past the bound a new text goes unnamed. Statements without
 * parameters stay on the simple protocol, which also carries multi-statement scripts. Reaching the bound
 * emits a process warning (code ONEWINDOW_PREPARED_FULL) once.
 */
export const MAX_PREPARED = 1000;
/** A statement's first text: name it (prepare it) also outside a transaction. */
export const ALWAYS_PREPARED = '/* prepared */';
const names = new Map<string, string>();
let warned = false;

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size < MAX_PREPARED) {
      name = `ow_${names.size}`;
      names.set(text, name);
    } else if (!warned) {
      // Once per process: some code builds SQL texts without end (a list spelled out as placeholders?).
      warned = true;
      process.emitWarning(
        `${MAX_PREPARED} distinct SQL texts have been prepared; new ones now run unprepared (slower). ` +
          `First one past the bound: ${text.replace(/\s+/g, ' ').slice(0, 200)}`,
        { code: 'ONEWINDOW_PREPARED_FULL' },
      );
    }
  }
  return name;
}

/** How many distinct SQL texts this process has named (at most MAX_PREPARED). */
export function preparedCount(): number {
  return names.size;
}

export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; this passes everything on
  override query(config: any, values?: any, callback?: any): any {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      !callback &&
      (config.startsWith(ALWAYS_PREPARED) ||
        // 'T': inside a transaction block, as of the last statement's completion (pg's ReadyForQuery status)
        (this as unknown as { getTransactionStatus(): string | null }).getTransactionStatus() === 'T')
    ) {
      const name = nameOf(config);
      if (name !== undefined) return super.query({ name, text: config, values });
    }
    return super.query(config, values, callback);
  }
}
