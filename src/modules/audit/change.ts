import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict } from '../../shared/errors.ts';
import { type Actor, appendAction } from './audit.log.ts';

type Tx = Kysely<DB>;

/** Runs a change and its action-log entry in one transaction; a unique violation becomes a 409. */
export async function changeWithLog<T>(
  deps: AppDeps,
  actor: Actor,
  change: (trx: Tx, now: Date) => Promise<T>,
  log: (result: T) => { action: string; targetType: string; targetId: string; payload?: unknown },
): Promise<T> {
  const now = deps.time.now();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const result = await change(trx, now);
      await appendAction(trx, actor, now, log(result));
      return result;
    });
  } catch (e) {
    const pgError = e as { code?: string; constraint?: string };
    if (pgError.code === '23505')
      throw conflict(
        'already_exists',
        '已存在相同的记录（编码、用户名或编号重复）。',
        'A record with the same code, username or number already exists.',
        { constraint: pgError.constraint },
      );
    throw e;
  }
}
