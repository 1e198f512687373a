/**
 * Idempotency-Key for requests that create or decide. The key is claimed at the start of the request's
 * own transaction (INSERT … ON CONFLICT DO NOTHING): a concurrent retry waits on the unique key until the
 * first commits, then finds its answer. The answer is stored in the same transaction as the change, so a
 * retry after a crash either finds both or neither. A failed request stores nothing and may be retried.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { AppError, unprocessable } from '../../shared/errors.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Principal } from '../auth/principal.ts';

type Db = Kysely<DB>;

export interface IdempotencyScope {
  key: string | undefined;
  principal: Principal;
  /** What identifies the request: route and body. */
  request: unknown;
}

export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;

export function checkKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY.test(key))
    throw new AppError(
      400,
      'bad_idempotency_key',
      'Idempotency-Key 格式无效（8–200 位字母、数字或 . _ : -）。',
      'Idempotency-Key must be 8–200 letters, digits or . _ : -.',
    );
  return key;
}

const principalKey = (p: Principal) =>
  `${p.roles.includes('applicant') ? 'applicant' : 'staff'}:${p.staffId}`;

/** Runs `work` in one transaction, at most once per (caller, key); a retry gets the first answer. */
export async function idempotent<T>(
  deps: AppDeps,
  scope: IdempotencyScope,
  status: number,
  work: (trx: Db, now: Date) => Promise<T>,
): Promise<Answer<T>> {
  const now = deps.time.now();
  const key = checkKey(scope.key);
  const principal = principalKey(scope.principal);
  const hash = createHash('sha256').update(canonicalJson(scope.request)).digest('hex');
  const fresh = await deps.db.transaction().execute(async (trx) => {
    if (key) {
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ principal, key, request_hash: hash, status: 0, response: '{}', created_at: now })
        .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) return null;
    }
    const body = await work(trx, now);
    if (key)
      await trx
        .updateTable('idempotency_keys')
        .set({ status, response: JSON.stringify(body) })
        .where('principal', '=', principal)
        .where('key', '=', key)
        .execute();
    return { body };
  });
  if (fresh) return { status, body: fresh.body, replayed: false };
  const stored = await deps.db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('principal', '=', principal)
    .where('key', '=', key!)
    .executeTakeFirstOrThrow();
  if (stored.request_hash !== hash)
    throw unprocessable(
      'idempotency_key_reused',
      '该 Idempotency-Key 已用于另一个请求。',
      'This Idempotency-Key was used for a different request.',
    );
  return { status: stored.status, body: stored.response as T, replayed: true };
}
