import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { entryHash } from './audit.log.ts';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBad?: { seq: number; reason: string };
}

const BATCH = 2_000;

/**
 * Walks the whole chain in order. Detects an altered row (hash mismatch), a removed row (gap in seq or a
 * broken prev_hash link) and removed newest rows (the head no longer matches the last row).
 */
export async function verifyActionLog(db: Kysely<DB>): Promise<VerifyResult> {
  const head = await db.selectFrom('action_log_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  const bad = (seq: number, reason: string): VerifyResult => ({
    ok: false,
    checked,
    headSeq: head.seq,
    firstBad: { seq, reason },
  });
  for (;;) {
    const rows = await db
      .selectFrom('action_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) return bad(expectedSeq, `entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return bad(row.seq, 'link to the previous entry is broken');
      if (entryHash(row) !== row.hash) return bad(row.seq, 'entry content does not match its hash');
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const lastSeq = expectedSeq - 1;
  if (lastSeq !== head.seq || prevHash !== head.hash) {
    return bad(
      Math.min(lastSeq + 1, head.seq),
      `the log ends at ${lastSeq} but its head records ${head.seq}`,
    );
  }
  return { ok: true, checked, headSeq: head.seq };
}
