import { createRequire } from 'node:module';
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

/**
 * A write inside a transaction whose result nobody reads begins with DEFERRED: it is not sent at once but
 * with the transaction's next statement (or its COMMIT), in the same network write, and PostgreSQL answers
 * both in one reply — one round trip for both, in the order they were issued. In this sandbox a round trip
 * costs ~0.3 ms of this process's CPU (the socket write alone) and as much of the server's, which is what
 * bounded bench:engine. An error of a deferred write surfaces at that next statement and aborts the
 * transaction as it would have at once; so a statement whose error the caller handles (a unique violation
 * answered with 409) must not be deferred. A statement is deferred only once this connection has prepared
 * it (its first run goes at once) and only inside a transaction; elsewhere, and on PGlite, DEFERRED is a
 * comment. A deferred statement's result is empty (no rows, no count).
 */
export const DEFERRED = '/* deferred */';

/** Round trips sent by this process's PostgreSQL connections (bench:engine reports them per transition). */
export const wire = { roundTrips: 0 };

interface Held {
  /** Named (prepared on this connection) statement, or the unnamed one (BEGIN). */
  name?: string;
  text: string;
  /** The parameters as pg sends them (prepareValue: text, Buffer or null), converted when held. */
  values: unknown[];
}

// pg's own conversion of a JS value to its wire text (Date, arrays, JSON, Buffer), as used for every bind
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (v: unknown) => unknown;
};
// biome-ignore lint/suspicious/noExplicitAny: pg's Query.prepare is not in its type declarations
const basePrepare = (pg.Query.prototype as any).prepare as (this: pg.Query, connection: unknown) => void;

interface ProtocolWriter {
  parse(m: { text: string; name?: string }): void;
  bind(m: { statement?: string; values: unknown[] }): void;
  describe(m: { type: 'P'; name: string }): void;
  execute(m: object): void;
}

/**
 * A statement preceded on the wire by the held ones: Bind/Describe/Execute for each, then the statement's
 * own messages and one Sync, written together (pg corks the socket around prepare). PostgreSQL runs them in
 * order; an error skips the rest up to the Sync. The statement's own result is the last one.
 */
class PipelinedQuery extends pg.Query {
  constructor(
    config: pg.QueryConfig & { callback: (err: Error | null, res: unknown) => void },
    private readonly before: Held[],
  ) {
    super(config);
  }

  // pg would send a statement without parameters ('commit') over the simple protocol, which cannot follow
  // extended-protocol messages in one Sync
  requiresPreparation() {
    return true;
  }

  prepare(connection: ProtocolWriter) {
    for (const h of this.before) {
      if (h.name === undefined) connection.parse({ text: h.text });
      connection.bind({ statement: h.name, values: h.values });
      connection.describe({ type: 'P', name: '' });
      connection.execute({});
    }
    basePrepare.call(this, connection);
  }
}

const EMPTY = { command: 'DEFERRED', rowCount: null, rows: [], fields: [] };
const CARRIES = /^\s*(commit|savepoint|release)\b/i;
const ROLLBACK = /^\s*rollback\b/i;

export class PreparingClient extends pg.Client {
  /** Statements held for the next one sent on this connection (DEFERRED writes, the transaction's BEGIN). */
  private held: Held[] = [];

  private get status(): string | null {
    // 'T': inside a transaction block, as of the last statement's completion (pg's ReadyForQuery status)
    return (this as unknown as { getTransactionStatus(): string | null }).getTransactionStatus();
  }

  private parsed(name: string, text: string): boolean {
    const c = (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection;
    return c.parsedStatements[name] === text;
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; this passes everything on
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || callback || (values !== undefined && !Array.isArray(values))) {
      wire.roundTrips++;
      return super.query(config, values, callback);
    }
    const params: unknown[] = values ?? [];
    const inTransaction = this.status === 'T' || this.held.length > 0;
    // Kysely's BEGIN: held until the transaction's first statement
    if (config === 'begin' && !params.length && this.status === 'I' && !this.held.length) {
      this.held.push({ text: config, values: [] });
      return Promise.resolve({ ...EMPTY, command: 'BEGIN' });
    }
    const name =
      params.length > 0 && (config.startsWith(ALWAYS_PREPARED) || inTransaction) ? nameOf(config) : undefined;
    if (
      name !== undefined &&
      config.startsWith(DEFERRED) &&
      this.status === 'T' &&
      this.parsed(name, config)
    ) {
      // converted now, so that a value pg cannot send fails here, at its caller, not half-way through the
      // messages of a later statement
      let wireValues: unknown[];
      try {
        wireValues = params.map((v) => prepareValue(v));
      } catch (e) {
        return Promise.reject(e);
      }
      this.held.push({ name, text: config, values: wireValues });
      return Promise.resolve(EMPTY);
    }
    if (this.held.length) {
      if (ROLLBACK.test(config)) {
        // what was held was issued after the last statement sent: it is undone by this rollback anyway
        const begun = this.status === 'T';
        this.held = [];
        if (!begun) return Promise.resolve({ ...EMPTY, command: 'ROLLBACK' });
      } else if (name !== undefined || params.length > 0 || CARRIES.test(config)) {
        return this.sendWithHeld({ name, text: config, values: params });
      } else {
        // a script (several statements, simple protocol only): the held ones go first on their own
        return this.flushHeld().then(() => this.query(config, values));
      }
    }
    wire.roundTrips++;
    if (name !== undefined) return super.query({ name, text: config, values: params });
    return super.query(config, values);
  }

  private sendWithHeld(q: Held): Promise<pg.QueryResult> {
    const before = this.held;
    this.held = [];
    wire.roundTrips++;
    return new Promise((resolve, reject) => {
      const query = new PipelinedQuery(
        {
          text: q.text,
          ...(q.name === undefined ? {} : { name: q.name }),
          values: q.values,
          callback: (err, res) => {
            if (err) reject(err);
            // one result per statement sent; the caller's is the last
            else resolve((Array.isArray(res) ? res[res.length - 1] : res) as pg.QueryResult);
          },
        },
        before,
      );
      super.query(query);
    });
  }

  /** Sends the held statements with the last of them as the one whose result is awaited (and dropped). */
  private async flushHeld(): Promise<void> {
    const last = this.held.pop()!;
    await this.sendWithHeld(last);
  }
}
