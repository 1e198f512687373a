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
  /** A read sent ahead (executeAhead): where its result goes when the round trip it travels with returns. */
  sink?: AheadSink;
}

/**
 * A read whose result is wanted, but not before the transaction's next statement is issued (executeAhead,
 * src/db/deferred.ts): held like a DEFERRED write, it travels with that statement and its result is
 * delivered here. A read that cannot be held (not yet prepared on the connection, not in a transaction, on
 * PGlite) runs at once and its caller gets the result as usual; the sink then stays unused.
 */
export class AheadSink {
  private settled = false;
  private result: pg.QueryResult | undefined;
  private error: unknown;
  private waiters: Array<{ resolve: (r: pg.QueryResult) => void; reject: (e: unknown) => void }> = [];
  /** The client holding the read, until it is sent. */
  holder: PreparingClient | null = null;

  settle(error: unknown, result?: pg.QueryResult) {
    if (this.settled) return;
    this.settled = true;
    this.holder = null;
    this.error = error;
    this.result = result;
    for (const w of this.waiters.splice(0)) {
      if (error) w.reject(error);
      else w.resolve(result!);
    }
  }

  /**
   * The read's result. Asked for while the read is still held (no statement has followed it), it is sent on
   * its own, with what was held before it: asking never waits for a statement that may never come.
   */
  get(): Promise<pg.QueryResult> {
    if (this.settled) return this.error ? Promise.reject(this.error) : Promise.resolve(this.result!);
    const p = new Promise<pg.QueryResult>((resolve, reject) => this.waiters.push({ resolve, reject }));
    // a statement issued just before this call may still be on its way through Kysely's promise chain
    setImmediate(() => this.holder?.sendHeldNow(this));
    return p;
  }
}

/** Parameter arrays of reads sent ahead, mapped to their sinks (Kysely passes the array to pg as it is). */
const aheadSinks = new WeakMap<readonly unknown[], AheadSink>();

/** Marks `parameters` (a fresh array, passed to the driver as it is) as those of a read sent ahead. */
export function markAhead(parameters: readonly unknown[]): AheadSink {
  const sink = new AheadSink();
  aheadSinks.set(parameters, sink);
  return sink;
}

/** The row of the empty result the driver gets for a read held to go ahead of the next statement. */
export const HELD_AHEAD = Object.freeze({ 'onewindow.held': true });

// pg's own conversion of a JS value to its wire text (Date, arrays, JSON, Buffer), as used for every bind
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (v: unknown) => unknown;
};
// biome-ignore lint/suspicious/noExplicitAny: pg's Query.prepare is not in its type declarations
const basePrepare = (pg.Query.prototype as any).prepare as (this: pg.Query, connection: unknown) => void;
// These are node-postgres internals (package.json pins its version): a pg that moved them fails here, at
// start, with the reason, not in the middle of a transaction.
if (typeof basePrepare !== 'function' || typeof prepareValue !== 'function')
  throw new Error(
    'src/db/prepared.ts: this version of pg lacks Query.prototype.prepare or utils.prepareValue; ' +
      'deferred writes and prepared statements need the pg version package.json names',
  );

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
    // (a DEFERRED statement is one statement even without parameters: it may be named, and so held)
    const single = params.length > 0 || (config.startsWith(DEFERRED) && inTransaction);
    const name = single && (config.startsWith(ALWAYS_PREPARED) || inTransaction) ? nameOf(config) : undefined;
    const sink = values === undefined ? undefined : aheadSinks.get(values);
    const holdable = name !== undefined && inTransaction && this.parsed(name, config);
    if (holdable && (sink || config.startsWith(DEFERRED))) {
      // converted now, so that a value pg cannot send fails here, at its caller, not half-way through the
      // messages of a later statement
      let wireValues: unknown[];
      try {
        wireValues = params.map((v) => prepareValue(v));
      } catch (e) {
        return Promise.reject(e);
      }
      this.held.push({ name, text: config, values: wireValues, sink });
      if (!sink) return Promise.resolve(EMPTY);
      sink.holder = this;
      return Promise.resolve({ ...EMPTY, command: 'SELECT', rows: [HELD_AHEAD] });
    }
    if (this.held.length) {
      if (ROLLBACK.test(config)) {
        // what was held was issued after the last statement sent: it is undone by this rollback anyway
        const begun = this.status === 'T';
        for (const h of this.held)
          h.sink?.settle(new Error('the transaction was rolled back before this read was sent'));
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
            if (err) {
              // the statements after the failing one were skipped; the reads sent ahead share the error
              for (const h of before) h.sink?.settle(err);
              q.sink?.settle(err);
              reject(err);
              return;
            }
            // one result per statement sent, in order; the caller's is the last
            const all = (Array.isArray(res) ? res : [res]) as pg.QueryResult[];
            before.forEach((h, i) => {
              h.sink?.settle(null, all[i]);
            });
            const own = all[all.length - 1]!;
            q.sink?.settle(null, own);
            resolve(own);
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

  /**
   * A read sent ahead is asked for before any statement followed it: what is held, up to and including
   * it, is sent now (the statements held after it stay held). Its result reaches it through its sink.
   */
  sendHeldNow(sink: AheadSink) {
    const at = this.held.findIndex((h) => h.sink === sink);
    if (at < 0) return;
    const rest = this.held.slice(at + 1);
    const read = this.held[at]!;
    this.held = this.held.slice(0, at);
    // sendWithHeld takes what is held before the read; errors reach the sink, not this promise
    this.sendWithHeld(read).catch(() => {});
    this.held = rest;
  }
}
