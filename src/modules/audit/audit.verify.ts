import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { entryHash } from './audit.log.ts';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The highest seq the lane heads record (where the whole log has reached). */
  headSeq: number;
  /** The bad entry with the lowest seq, over all lanes. */
  firstBad?: { seq: number; reason: string };
}

const BATCH = 2_000;

interface Bad {
  seq: number;
  reason: string;
}

/**
 * Walks every lane of the log (ADR 005) in lane order. Detects an altered row (hash mismatch), a removed
 * row (a gap in lane_seq or a broken prev_hash link), removed newest rows (the lane head no longer matches
 * the lane's last row) and rows that belong to no lane. Names the bad entry with the lowest seq.
 */
export async function verifyActionLog(db: Kysely<DB>): Promise<VerifyResult> {
  const heads = await db.selectFrom('action_log_lanes').selectAll().orderBy('lane').execute();
  const headSeq = Math.max(0, ...heads.map((h) => h.seq));
  let checked = 0;
  const found: Bad[] = [];
  for (const head of heads) {
    const bad = await verifyLane(db, head, () => checked++);
    if (bad) found.push(bad);
  }
  const stray = await db
    .selectFrom('action_log')
    .select('seq')
    .where(
      'lane',
      'not in',
      heads.map((h) => h.lane),
    )
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (stray) found.push({ seq: stray.seq, reason: `entry ${stray.seq} belongs to no lane of the log` });
  if (!found.length) return { ok: true, checked, headSeq };
  const firstBad = found.reduce((a, b) => (b.seq < a.seq ? b : a));
  return { ok: false, checked, headSeq, firstBad };
}

async function verifyLane(
  db: Kysely<DB>,
  head: { lane: number; lane_seq: number; seq: number; hash: string },
  count: () => void,
): Promise<Bad | null> {
  const lane = head.lane;
  let expected = 1;
  let prevHash = 'genesis';
  let prevSeq = 0;
  for (;;) {
    const rows = await db
      .selectFrom('action_log')
      .selectAll()
      .where('lane', '=', lane)
      .where('lane_seq', '>=', expected)
      .orderBy('lane_seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      if (row.lane_seq !== expected)
        return {
          seq: row.seq,
          reason: `entry ${expected} of lane ${lane} (between seq ${prevSeq} and ${row.seq}) is missing`,
        };
      if (row.prev_hash !== prevHash)
        return { seq: row.seq, reason: `link to the previous entry of lane ${lane} is broken` };
      if (entryHash(row) !== row.hash)
        return { seq: row.seq, reason: 'entry content does not match its hash' };
      if (row.seq <= prevSeq)
        return { seq: row.seq, reason: `entry is out of order in lane ${lane} (after seq ${prevSeq})` };
      prevHash = row.hash;
      prevSeq = row.seq;
      expected++;
      count();
    }
    if (rows.length < BATCH) break;
  }
  const last = expected - 1;
  if (last !== head.lane_seq || prevHash !== head.hash || prevSeq !== head.seq)
    return {
      seq: last < head.lane_seq ? head.seq : prevSeq,
      reason: `lane ${lane} ends at entry ${last} (seq ${prevSeq}) but its head records entry ${head.lane_seq} (seq ${head.seq})`,
    };
  return null;
}
