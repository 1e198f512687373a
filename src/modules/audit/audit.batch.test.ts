import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase } from '../../../test/db.ts';
import type { Database } from '../../db/database.ts';
import {
  type ActionInput,
  type Actor,
  appendAction,
  appendActions,
  appendLastAction,
  entryHash,
  systemActor,
} from './audit.log.ts';
import { verifyActionLog } from './audit.verify.ts';

const AT = new Date(Date.UTC(2025, 5, 1, 8, 0, 0, 123));
const ACTOR: Actor = {
  id: '7d3c1f0e-2a4b-4c5d-8e9f-0a1b2c3d4e5f',
  name: '审核员 "x" \\ 😀',
  roles: ['reviewer', 'leader'],
  departmentId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  ip: '::1',
};
/** Entries whose canonical JSON is easy to get wrong: unicode, quotes, backslashes, nesting, a "seq" inside. */
const INPUTS: ActionInput[] = [
  { action: 'test.batch', targetType: 'test', targetId: 'plain' },
  {
    action: 'test.batch',
    targetType: 'test',
    targetId: 'quote " backslash \\ "seq":1',
    payload: { seq: 7, z: [1, '二', { b: null, a: '😀\n"seq":"x"' }], a: 1.5 },
  },
  {
    action: 'test.batch.审核',
    targetType: 'case_task',
    targetId: '办件 №1',
    payload: { nested: { deeper: { list: [[], {}, [true, false]], text: "it's \u2028 \t 𠀀" } }, n: -0.25 },
  },
  { action: 'test.batch', targetType: 'test', targetId: 'empty', payload: {} },
  { action: 'test.batch', targetType: 'test', targetId: 'undefined keys', payload: { a: undefined, b: 1 } },
];

const lastOf = (db: Database['db']) =>
  db.selectFrom('action_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

const entries = (db: Database['db'], seqs: number[]) =>
  db.selectFrom('action_log').selectAll().where('seq', 'in', seqs).orderBy('seq').execute();

describe.each(BACKENDS)('appending many action-log entries in one statement on %s', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(() => database.close());

  it('writes exactly the rows appendAction one by one writes: same seqs, lane, links and hashes', async () => {
    const db = database.db;
    const { rows: before } = await sql<{ last_value: number; is_called: boolean }>`
      SELECT last_value, is_called FROM action_log_seq`.execute(db);
    // One by one, in a transaction rolled back after reading what it wrote.
    let oneByOne: Awaited<ReturnType<typeof entries>> = [];
    await expect(
      db.transaction().execute(async (trx) => {
        const seqs: number[] = [];
        for (const input of INPUTS) seqs.push(await appendAction(trx, ACTOR, AT, input));
        oneByOne = await entries(trx, seqs);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // The sequence does not roll back: put it back so that the batch draws the same seqs.
    await sql`SELECT setval('action_log_seq', ${before[0]!.last_value}, ${before[0]!.is_called})`.execute(db);
    const seqs = await db.transaction().execute((trx) => appendActions(trx, ACTOR, AT, INPUTS));
    const batched = await entries(db, seqs);
    expect(seqs).toEqual(oneByOne.map((r) => r.seq));
    expect(batched).toHaveLength(INPUTS.length);
    expect(batched).toEqual(oneByOne);
    // Each hash is the verifier's formula over the previous entry's hash.
    let prev = batched[0]!.prev_hash;
    for (const row of batched) {
      expect(row.prev_hash).toBe(prev);
      expect(entryHash(row)).toBe(row.hash);
      prev = row.hash;
    }
    expect(batched[1]!.payload).toEqual(INPUTS[1]!.payload);
    expect(batched[4]!.payload).toEqual({ b: 1 });
    expect(await verifyActionLog(db)).toMatchObject({ ok: true, headSeq: seqs.at(-1) });
  });

  it('continues the lane of the transaction between single appends, and writes nothing for no input', async () => {
    const db = database.db;
    const { seqs, lanes } = await db.transaction().execute(async (trx) => {
      const a = await appendAction(trx, systemActor(), AT, INPUTS[0]!);
      const none = await appendActions(trx, systemActor(), AT, []);
      const many = await appendActions(trx, systemActor('批量'), AT, INPUTS);
      const b = await appendAction(trx, systemActor(), AT, INPUTS[1]!);
      expect(none).toEqual([]);
      const all = [a, ...many, b];
      const rows = await entries(trx, all);
      return { seqs: all, lanes: rows.map((r) => [r.lane, r.lane_seq]) };
    });
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const [lane, start] = lanes[0]!;
    expect(lanes).toEqual(lanes.map((_, i) => [lane, start! + i]));
    expect((await verifyActionLog(db)).ok).toBe(true);
  });

  it('lets concurrent batches take different lanes, each in order, and the log verifies', async () => {
    const db = database.db;
    const write = (n: number) =>
      db.transaction().execute(async (trx) => {
        const seqs = await appendActions(
          trx,
          systemActor(`writer ${n}`),
          AT,
          INPUTS.map((i) => ({ ...i, targetId: `${i.targetId} ${n}` })),
        );
        await sql`SELECT pg_sleep(0.05)`.execute(trx);
        return entries(trx, seqs);
      });
    const written = await Promise.all(Array.from({ length: 6 }, (_, n) => write(n)));
    for (const rows of written) {
      expect(rows).toHaveLength(INPUTS.length);
      expect(new Set(rows.map((r) => r.lane)).size).toBe(1);
      expect(rows.map((r) => r.lane_seq)).toEqual(rows.map((_, i) => rows[0]!.lane_seq + i));
    }
    if (backend === 'postgres') expect(new Set(written.map((r) => r[0]!.lane)).size).toBeGreaterThan(1);
    expect((await verifyActionLog(db)).ok).toBe(true);
  });
});

describe.each(BACKENDS)('the last entry of a transaction, sent with its COMMIT, on %s', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(() => database.close());

  it('continues the lane the transaction holds, or takes a free one, with the same hash rule', async () => {
    const db = database.db;
    const first = await db.transaction().execute(async (trx) => {
      const seq = await appendAction(trx, ACTOR, AT, INPUTS[0]!);
      await appendLastAction(trx, ACTOR, AT, INPUTS[1]!);
      return (await entries(trx, [seq]))[0]!;
    });
    const last = await lastOf(db);
    expect([last.lane, last.lane_seq, last.prev_hash]).toEqual([first.lane, first.lane_seq + 1, first.hash]);
    expect(last.payload).toEqual(INPUTS[1]!.payload);
    expect(entryHash(last)).toBe(last.hash);
    await db.transaction().execute((trx) => appendLastAction(trx, ACTOR, AT, INPUTS[2]!));
    const alone = await lastOf(db);
    expect(alone.action).toBe(INPUTS[2]!.action);
    expect(entryHash(alone)).toBe(alone.hash);
    expect(await verifyActionLog(db)).toMatchObject({ ok: true, headSeq: alone.seq });
  });
});

// Several transactions at once: PostgreSQL only (PGlite is one connection).
describe.runIf(BACKENDS.includes('postgres'))(
  'the last entry of a transaction on postgres, every lane busy',
  () => {
    let database: Database;
    beforeAll(async () => {
      database = await createTestDatabase('postgres');
    });
    afterAll(() => database.close());

    it('waits for a lane when every lane is busy, and the log verifies', async () => {
      const db = database.db;
      let release = () => {};
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked = () => {};
      const allLocked = new Promise<void>((r) => {
        locked = r;
      });
      const holder = db.transaction().execute(async (trx) => {
        await sql`SELECT lane FROM action_log_lanes FOR UPDATE`.execute(trx);
        locked();
        await released;
      });
      await allLocked;
      let done = false;
      const writer = db
        .transaction()
        .execute((trx) => appendLastAction(trx, ACTOR, AT, INPUTS[3]!))
        .then(() => {
          done = true;
        });
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false); // its COMMIT waits behind the lane it picked
      release();
      await Promise.all([holder, writer]);
      const last = await lastOf(db);
      expect(last.target_id).toBe(INPUTS[3]!.targetId);
      expect(await verifyActionLog(db)).toMatchObject({ ok: true, headSeq: last.seq });
    });
  },
);
