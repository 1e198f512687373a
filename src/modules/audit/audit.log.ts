import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
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

/** The hash of one entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function entryHash(e: LoggedEntry): string {
  const body = canonicalJson({
    seq: e.seq,
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
  return createHash('sha256').update(e.prev_hash).update('\n').update(body).digest('hex');
}

/** How many hash-chain lanes the log has (rows of action_log_lanes, migration 0010). */
export const LANES = 32;

interface HeldLane {
  lane: number;
  laneSeq: number;
  hash: string;
}

/** The lane each open transaction holds (keyed by the transaction object, so it goes when the transaction does). */
const held = new WeakMap<object, HeldLane>();

/**
 * Takes a lane for this transaction: the first free one (rows locked by other writers are skipped); when
 * every lane is busy, waits for one picked at random. The sequence number is drawn after the lock, so the
 * global seq grows along every lane.
 */
async function takeLane(trx: Kysely<DB>): Promise<HeldLane & { seq: number }> {
  const { rows } = await sql<{ lane: number; lane_seq: number; hash: string; seq: number }>`
    SELECT l.lane, l.lane_seq, l.hash, nextval('action_log_seq') AS seq
      FROM (SELECT lane, lane_seq, hash FROM action_log_lanes ORDER BY lane LIMIT 1 FOR UPDATE SKIP LOCKED) l`.execute(
    trx,
  );
  let row = rows[0];
  if (!row) {
    const lane = 1 + Math.floor(Math.random() * LANES);
    const waited = await sql<{ lane: number; lane_seq: number; hash: string; seq: number }>`
      SELECT l.lane, l.lane_seq, l.hash, nextval('action_log_seq') AS seq
        FROM (SELECT lane, lane_seq, hash FROM action_log_lanes WHERE lane = ${lane} FOR UPDATE) l`.execute(
      trx,
    );
    row = waited.rows[0];
    if (!row) throw new Error(`action log lane ${lane} is missing`);
  }
  return { lane: row.lane, laneSeq: Number(row.lane_seq), hash: row.hash, seq: Number(row.seq) };
}

/**
 * Appends one entry to the action log. Call it inside the transaction that makes the change: the entry
 * commits or rolls back with it. The first append of a transaction takes a lane (one hash chain of the
 * log, its head row locked until commit); later appends of the same transaction continue that lane. Other
 * transactions take other lanes, so writers do not wait for each other (ADR 005). Two round trips for the
 * first entry (take the lane, write entry and head), two for each later one (next seq, write).
 */
export async function appendAction(
  trx: Kysely<DB>,
  actor: Actor,
  at: Date,
  input: ActionInput,
): Promise<number> {
  if (!trx.isTransaction)
    throw new Error('appendAction must run inside the transaction that makes the change');
  let lane = held.get(trx);
  let seq: number;
  if (lane) {
    const { rows } = await sql<{ seq: number }>`SELECT nextval('action_log_seq') AS seq`.execute(trx);
    seq = Number(rows[0]!.seq);
  } else {
    const taken = await takeLane(trx);
    lane = { lane: taken.lane, laneSeq: taken.laneSeq, hash: taken.hash };
    seq = taken.seq;
  }
  const entry: LoggedEntry = {
    seq,
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_roles: actor.roles,
    department_id: actor.departmentId,
    action: input.action,
    target_type: input.targetType,
    target_id: input.targetId,
    // Normalise through JSON so that what is hashed is exactly what jsonb gives back.
    payload: JSON.parse(canonicalJson(input.payload ?? {})),
    ip: actor.ip,
    prev_hash: lane.hash,
  };
  const hash = entryHash(entry);
  const laneSeq = lane.laneSeq + 1;
  await trx
    .with('entry', (db) =>
      db
        .insertInto('action_log')
        .values({
          ...entry,
          payload: JSON.stringify(entry.payload),
          hash,
          lane: lane.lane,
          lane_seq: laneSeq,
        })
        .returning('seq'),
    )
    .updateTable('action_log_lanes')
    .set({ lane_seq: laneSeq, seq, hash })
    .where('lane', '=', lane.lane)
    .execute();
  held.set(trx, { lane: lane.lane, laneSeq, hash });
  return seq;
}
