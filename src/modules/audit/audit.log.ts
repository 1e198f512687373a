import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { executeDeferred } from '../../db/deferred.ts';
import type { DB } from '../../db/schema.ts';
import { canonicalJson } from './canonical-json.ts';

/** Who did something: a staff member, an API token's account, or the system itself (scheduler, CLI). */
export interface Actor {
  id: string | null;
  name: string;
  roles: string[];
  departmentId: string | null;
  ip: string | null;
}

export const systemActor = (name = 'system'): Actor => ({
  id: null,
  name,
  roles: ['system'],
  departmentId: null,
  ip: null,
});

export interface ActionInput {
  action: string;
  targetType: string;
  targetId: string;
  payload?: unknown;
}

export interface LoggedEntry {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_roles: string[];
  department_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  payload: unknown;
  ip: string | null;
  prev_hash: string;
}

/** The hashed text of one entry: its canonical JSON (keys sorted). */
function entryBody(e: Omit<LoggedEntry, 'prev_hash'>, seq: unknown = e.seq): string {
  return canonicalJson({
    seq,
    at: e.at.toISOString(),
    actor_id: e.actor_id,
    actor_name: e.actor_name,
    actor_roles: e.actor_roles,
    department_id: e.department_id,
    action: e.action,
    target_type: e.target_type,
    target_id: e.target_id,
    payload: e.payload,
    ip: e.ip,
  });
}

/** The hash of one entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function entryHash(e: LoggedEntry): string {
  return createHash('sha256').update(e.prev_hash).update('\n').update(entryBody(e)).digest('hex');
}

/**
 * The entry's canonical JSON split around its seq, which only the database knows (it is drawn from the
 * sequence after the lane is locked): body = prefix + seq + suffix.
 */
function bodyAroundSeq(e: Omit<LoggedEntry, 'prev_hash' | 'seq'>): { prefix: string; suffix: string } {
  const sentinel = `seq:${randomUUID()}`;
  const body = entryBody({ ...e, seq: 0 }, sentinel);
  const marker = `"seq":${JSON.stringify(sentinel)}`;
  const at = body.lastIndexOf(marker);
  return { prefix: body.slice(0, at + 6), suffix: body.slice(at + marker.length) };
}

/** How many hash-chain lanes the log has (rows of action_log_lanes, migration 0010). */
export const LANES = 32;

/** The lane each open transaction holds (keyed by the transaction object, so it goes when the transaction does). */
const held = new WeakMap<object, number>();

/** What is hashed and stored for one input: the entry without its seq and its link. */
function prepare(actor: Actor, at: Date, input: ActionInput) {
  // Normalise through JSON so that what is hashed is exactly what jsonb gives back.
  const payload = JSON.parse(canonicalJson(input.payload ?? {}));
  return {
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_roles: actor.roles,
    department_id: actor.departmentId,
    action: input.action,
    target_type: input.targetType,
    target_id: input.targetId,
    payload,
    ip: actor.ip,
  };
}

/**
 * Runs `write` on the transaction's lane: the lane it already holds, else the first free one (rows locked
 * by other writers are skipped), else — every lane busy — one picked at random, waiting for it. `write`
 * locks the lane row with the statement it is given and answers undefined when that statement found no row.
 */
async function onLane<T extends { lane: number }>(
  trx: Kysely<DB>,
  write: (lane: RawBuilder<unknown>) => Promise<T | undefined>,
): Promise<T> {
  const mine = held.get(trx);
  let done = await write(
    mine === undefined
      ? sql`SELECT lane, lane_seq, hash FROM action_log_lanes ORDER BY lane LIMIT 1 FOR UPDATE SKIP LOCKED`
      : sql`SELECT lane, lane_seq, hash FROM action_log_lanes WHERE lane = ${mine} FOR UPDATE`,
  );
  if (!done) {
    const lane = 1 + Math.floor(Math.random() * LANES);
    done = await write(
      sql`SELECT lane, lane_seq, hash FROM action_log_lanes WHERE lane = ${lane} FOR UPDATE`,
    );
    if (!done) throw new Error(`action log lane ${lane} is missing`);
  }
  held.set(trx, done.lane);
  return done;
}

/**
 * Appends one entry to the action log, in one round trip. Call it inside the transaction that makes the
 * change: the entry commits or rolls back with it. The first append of a transaction takes a lane — the
 * first free one (rows locked by other writers are skipped), or, when every lane is busy, one picked at
 * random, waiting for it — and keeps its head row locked until commit; later appends of the transaction
 * continue that lane. Other transactions take other lanes, so writers do not wait for each other (ADR
 * 005). The seq is drawn after the lock, so it grows along every lane; the database computes the hash
 * (the same SHA-256 as entryHash) because only it knows the seq and the lane's last hash.
 */
export async function appendAction(
  trx: Kysely<DB>,
  actor: Actor,
  at: Date,
  input: ActionInput,
): Promise<number> {
  if (!trx.isTransaction)
    throw new Error('appendAction must run inside the transaction that makes the change');
  const entry = prepare(actor, at, input);
  const done = await onLane(trx, async (lane) => {
    const { rows } = await appendStatement(lane, entry).execute(trx);
    return rows[0];
  });
  return Number(done.seq);
}

/** One entry appended on the lane that `lane` (a SELECT … FOR UPDATE of one lane row) locks. */
function appendStatement(lane: RawBuilder<unknown>, entry: ReturnType<typeof prepare>) {
  const { prefix, suffix } = bodyAroundSeq(entry);
  const { at } = entry;
  return sql<{ lane: number; seq: number }>`
      WITH lane AS (${lane}),
      e AS (SELECT lane, lane_seq + 1 AS lane_seq, hash AS prev_hash, nextval('action_log_seq') AS seq FROM lane),
      h AS (
        SELECT e.*, encode(sha256(convert_to(e.prev_hash || ${'\n'} || ${prefix} || e.seq::text || ${suffix}, 'UTF8')), 'hex') AS hash
          FROM e),
      ins AS (
        INSERT INTO action_log (seq, at, actor_id, actor_name, actor_roles, department_id, action, target_type,
                                target_id, payload, ip, prev_hash, hash, lane, lane_seq)
        SELECT seq, ${at}::timestamptz, ${entry.actor_id}::uuid, ${entry.actor_name}::text, ${entry.actor_roles}::text[],
               ${entry.department_id}::uuid, ${entry.action}::text, ${entry.target_type}::text, ${entry.target_id}::text,
               ${JSON.stringify(entry.payload)}::jsonb, ${entry.ip}::text, prev_hash, hash, lane, lane_seq
          FROM h)
      UPDATE action_log_lanes l SET lane_seq = h.lane_seq, seq = h.seq, hash = h.hash FROM h WHERE l.lane = h.lane
      RETURNING l.lane, l.seq`;
}

/**
 * appendAction for the transaction's last entry, when nothing after it but COMMIT: the same entry, lane
 * and hash, but sent deferred (src/db/deferred.ts), so it travels with the COMMIT. The lane is chosen by
 * the statement itself — the lane the transaction holds, else the first free one, else one picked at
 * random, waited for — since no answer comes back before COMMIT to try another. Its seq is not returned.
 */
export async function appendLastAction(
  trx: Kysely<DB>,
  actor: Actor,
  at: Date,
  input: ActionInput,
): Promise<void> {
  if (!trx.isTransaction)
    throw new Error('appendLastAction must run inside the transaction that makes the change');
  const mine = held.get(trx);
  const fallback = 1 + Math.floor(Math.random() * LANES);
  const lane =
    mine === undefined
      ? sql`SELECT lane, lane_seq, hash FROM action_log_lanes
             WHERE lane = coalesce((SELECT lane FROM action_log_lanes ORDER BY lane LIMIT 1 FOR UPDATE SKIP LOCKED),
                                   ${fallback}::smallint)
               FOR UPDATE`
      : sql`SELECT lane, lane_seq, hash FROM action_log_lanes WHERE lane = ${mine} FOR UPDATE`;
  await executeDeferred(trx, appendStatement(lane, prepare(actor, at, input)).compile(trx));
}

/**
 * Appends several entries of one actor at one instant, in order, in two round trips whatever their number
 * (appendAction costs one per entry): the first locks the transaction's lane (the same lane rules as
 * appendAction) and draws the seqs; the entries are then hashed here with entryHash, each linked to the
 * one before, and written with the lane's new head in the second. The same rows as appendAction called
 * for each input in turn. Returns the entries' seqs.
 */
export async function appendActions(
  trx: Kysely<DB>,
  actor: Actor,
  at: Date,
  inputs: readonly ActionInput[],
): Promise<number[]> {
  if (!trx.isTransaction)
    throw new Error('appendActions must run inside the transaction that makes the change');
  if (!inputs.length) return [];
  const head = await onLane(trx, async (lane) => {
    // nextval runs for joined rows only, so after the lane row is locked.
    const { rows } = await sql<{ lane: number; lane_seq: number; hash: string; seq: number }>`
      WITH lane AS (${lane})
      SELECT lane, lane_seq, hash, nextval('action_log_seq') AS seq
      FROM lane, generate_series(1, ${inputs.length}::int)`.execute(trx);
    const first = rows[0];
    if (!first) return undefined;
    const seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
    return { lane: first.lane, laneSeq: Number(first.lane_seq), hash: first.hash, seqs };
  });
  let prev = head.hash;
  const rows = inputs.map((input, i) => {
    const entry = { ...prepare(actor, at, input), seq: head.seqs[i]!, prev_hash: prev };
    prev = entryHash(entry);
    const { seq, action, target_type, target_id, payload, prev_hash } = entry;
    return {
      seq,
      action,
      target_type,
      target_id,
      payload,
      prev_hash,
      hash: prev,
      lane_seq: head.laneSeq + i + 1,
    };
  });
  const last = rows.at(-1)!;
  await sql`
    WITH ins AS (
      INSERT INTO action_log (seq, at, actor_id, actor_name, actor_roles, department_id, action, target_type,
                              target_id, payload, ip, prev_hash, hash, lane, lane_seq)
      SELECT x.seq, ${at}::timestamptz, ${actor.id}::uuid, ${actor.name}::text, ${actor.roles}::text[],
             ${actor.departmentId}::uuid, x.action, x.target_type, x.target_id, x.payload, ${actor.ip}::text,
             x.prev_hash, x.hash, ${head.lane}::smallint, x.lane_seq
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(seq bigint, action text, target_type text, target_id text, payload jsonb, prev_hash text, hash text,
             lane_seq bigint)
      ORDER BY x.seq)
    UPDATE action_log_lanes SET lane_seq = ${last.lane_seq}::bigint, seq = ${last.seq}::bigint, hash = ${last.hash}::text
    WHERE lane = ${head.lane}::smallint`.execute(trx);
  return head.seqs;
}
