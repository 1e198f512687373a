// The intake-fact rules: a refusal without reasons and a correction notice given after 5 working days each
// give a yellow card, once; a centre's or an item's own rule set (versioned, logged) changes the outcome.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { consumeIntakeFacts, FACTS_CONSUMER } from './supervision.facts.ts';
import { appendTestEvent, buildCase, demoOrg, type Org } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('intake-fact cards on %s', (backend) => {
  let t: TestApp;
  let org: Org;

  const cardsOf = async (caseId: string) =>
    (
      await t.deps.db
        .selectFrom('supervision_cards')
        .select(['rule_id', 'card', 'rule_set_version'])
        .where('case_id', '=', caseId)
        .orderBy('rule_id')
        .execute()
    ).map((c) => `${c.rule_id}:${c.card}:v${c.rule_set_version}`);

  /** A case received at `received` and given the event at `eventAt`; the facts consumer then runs. */
  async function caseWith(number: string, received: string, type: string, eventAt: string, payload: object) {
    const built = await t.deps.db.transaction().execute(async (trx) => {
      const b = await buildCase(trx, org, { at: bj(received), promisedDays: 20, number, accepted: false });
      await appendTestEvent(trx, b.caseId, type, bj(eventAt), payload);
      return b;
    });
    t.time.set(bj(eventAt));
    await consumeUpTo(built.caseId);
    return built.caseId;
  }

  /**
   * Runs the facts consumer until its watermark has passed the case's events. The consumer reads only
   * events of transactions older than every one running in this database (event-consumer.ts), so while
   * another of this test's transactions is open it may need a few rounds.
   */
  async function consumeUpTo(caseId: string) {
    const last = await sql<{ tx: string; id: number }>`
      SELECT tx::text AS tx, id FROM case_events WHERE case_id = ${caseId} ORDER BY tx DESC, id DESC LIMIT 1`.execute(
      t.deps.db,
    );
    const { tx, id } = last.rows[0]!;
    for (let round = 0; round < 300; round++) {
      await t.deps.db.transaction().execute((trx) => consumeIntakeFacts(trx, t.time.now()));
      const passed = await sql<{ ok: boolean }>`
        SELECT (tx, event_id) >= (${tx}::xid8, ${id}::bigint) AS ok FROM event_consumers WHERE name = ${FACTS_CONSUMER}`.execute(
        t.deps.db,
      );
      if (passed.rows[0]?.ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the facts consumer did not reach the case’s events within 30 s');
  }

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-11-03T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'F');
    org = await demoOrg(t.deps.db, fx.simple.id);
  });
  afterAll(() => t.close());

  it('cards a refusal without reasons, and not one with reasons', async () => {
    const bare = await caseWith('F1', '2025-11-03T09:00:00', 'refused', '2025-11-03T10:00:00', {
      reasons: [' '],
    });
    const reasoned = await caseWith('F2', '2025-11-03T09:00:00', 'refused', '2025-11-03T10:00:00', {
      reasons: ['申请材料不属于本机关职权范围'],
    });
    expect(await cardsOf(bare)).toEqual(['refused-no-reason:yellow:v0']);
    expect(await cardsOf(reasoned)).toEqual([]);
  });

  it('cards a correction notice given on the 6th working day after receipt, across a weekend, not on the 5th', async () => {
    // Received Mon 3 Nov; counted from the next day: Tue 4 is the 1st, Mon 10 the 5th, Tue 11 the 6th.
    const fifth = await caseWith(
      'F3',
      '2025-11-03T09:00:00',
      'correction_requested',
      '2025-11-10T16:00:00',
      {},
    );
    const sixth = await caseWith(
      'F4',
      '2025-11-03T09:00:00',
      'correction_requested',
      '2025-11-11T09:30:00',
      {},
    );
    expect(await cardsOf(fifth)).toEqual([]);
    expect(await cardsOf(sixth)).toEqual(['late-correction:yellow:v0']);
    const history = await t.deps.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', sixth)
      .execute();
    expect(history.map((e) => e.type)).toContain('supervision_card');
  });

  it('cards the facts of several cases read in one batch, each with its notice and history', async () => {
    // four cases' events written in one transaction, so that one pass of the consumer reads them together
    const at = '2025-11-11T09:30:00';
    const cases = await t.deps.db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const [i, type, payload] of [
        [0, 'refused', { reasons: [] }],
        [1, 'correction_requested', {}],
        [2, 'refused', { reasons: ['不属于本机关职权范围'] }],
        [3, 'refused', {}],
      ] as const) {
        const b = await buildCase(trx, org, {
          at: bj('2025-11-03T09:00:00'),
          promisedDays: 20,
          number: `F-B${i}`,
          accepted: false,
        });
        await appendTestEvent(trx, b.caseId, type, bj(at), payload);
        out.push(b.caseId);
      }
      return out;
    });
    t.time.set(bj(at));
    await consumeUpTo(cases[3]!);
    const cards = await Promise.all(cases.map(cardsOf));
    expect(cards).toEqual([
      ['refused-no-reason:yellow:v0'],
      ['late-correction:yellow:v0'],
      [],
      ['refused-no-reason:yellow:v0'],
    ]);
    for (const [i, caseId] of cases.entries()) {
      const notices = await t.deps.db
        .selectFrom('supervision_notices')
        .select('rule_id')
        .where('case_id', '=', caseId)
        .execute();
      expect(notices.map((n) => n.rule_id)).toEqual(cards[i]!.map((c) => c.split(':')[0]));
      const history = await t.deps.db
        .selectFrom('case_events')
        .select('type')
        .where('case_id', '=', caseId)
        .where('type', '=', 'supervision_card')
        .execute();
      expect(history).toHaveLength(cards[i]!.length);
    }
  });

  it('cards each fact once: consuming again adds nothing', async () => {
    const before = await t.deps.db
      .selectFrom('supervision_cards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await consumeUpTo(
      (
        await t.deps.db
          .selectFrom('cases')
          .select('id')
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const after = await t.deps.db
      .selectFrom('supervision_cards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("follows the item's own rule set: 8 working days for corrections and a red card for bare refusals", async () => {
    const admin = await t.loginAs('centre-admin');
    const current = await expectJson<{ version: number; set: { rules: { id: string }[] } }>(
      admin.get(`/api/v1/supervision/rule-set?centreId=${org.centreId}&itemId=${org.itemId}`),
      200,
    );
    expect(current.version).toBe(0);
    const rules = (current.set.rules as Record<string, unknown>[]).map((r) =>
      r.id === 'late-correction'
        ? { ...r, afterWorkingDays: 8 }
        : r.id === 'refused-no-reason'
          ? { ...r, card: 'red' }
          : r,
    );
    const saved = await expectJson<{ version: number }>(
      admin.request('PUT', '/api/v1/supervision/rule-set', {
        centreId: org.centreId,
        itemId: org.itemId,
        ruleSet: { ...current.set, rules },
        note: '本事项补正告知时限放宽至8个工作日',
      }),
      200,
    );
    expect(saved.version).toBe(1);
    const log = await t.deps.db
      .selectFrom('action_log')
      .select('action')
      .where('action', 'like', 'supervision.%')
      .execute();
    expect(log.length).toBeGreaterThan(0);

    // 8th working day after receipt (Thu 13): in time under this item's rules; the 9th (Fri 14): late.
    const eighth = await caseWith(
      'F5',
      '2025-11-03T09:00:00',
      'correction_requested',
      '2025-11-13T09:30:00',
      {},
    );
    const ninth = await caseWith(
      'F6',
      '2025-11-03T09:00:00',
      'correction_requested',
      '2025-11-14T09:30:00',
      {},
    );
    const bare = await caseWith('F7', '2025-11-03T09:00:00', 'refused', '2025-11-14T10:00:00', {});
    expect(await cardsOf(eighth)).toEqual([]);
    expect(await cardsOf(ninth)).toEqual(['late-correction:yellow:v1']);
    expect(await cardsOf(bare)).toEqual(['refused-no-reason:red:v1']);
  });

  it('rejects a rule set that breaks the schema with a clear message and keeps the version in force', async () => {
    const admin = await t.loginAs('centre-admin');
    const bad = await admin.request('PUT', '/api/v1/supervision/rule-set', {
      centreId: org.centreId,
      itemId: org.itemId,
      ruleSet: { thresholds: { yellowRemainingWorkingDays: -1 }, rules: [] },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { message: string; messageEn: string } };
    expect(body.error.messageEn).toBeTruthy();
    const current = await expectJson<{ version: number }>(
      admin.get(`/api/v1/supervision/rule-set?centreId=${org.centreId}&itemId=${org.itemId}`),
      200,
    );
    expect(current.version).toBe(1);
  });
});
