import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
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

/**
 * Appends one entry to the action log. Call it inside the transaction that makes the change: the entry
 * commits or rolls back with it. Locking the head row serialises appenders, which is what a chain needs;
 * call it as late in the transaction as possible so the lock is held briefly.
 */
export async function appendAction(
  trx: Kysely<DB>,
  actor: Actor,
  at: Date,
  input: ActionInput,
): Promise<number> {
  const head = await trx
    .selectFrom('action_log_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const entry: LoggedEntry = {
    seq: head.seq + 1,
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
    prev_hash: head.hash,
  };
  const hash = entryHash(entry);
  await trx
    .insertInto('action_log')
    .values({ ...entry, payload: JSON.stringify(entry.payload), hash })
    .execute();
  await trx.updateTable('action_log_head').set({ seq: entry.seq, hash }).where('id', '=', 1).execute();
  return entry.seq;
}
