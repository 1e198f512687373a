import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { DEFAULT_RULE_SET } from '../../core/supervision.ts';
import { suspendClock } from '../clock/clock.service.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { insertRuleSetVersion } from './supervision.rules.ts';
import { buildCase, completeCase, demoOrg } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);
const N = 40;

/** Everything a crossing can change, keyed by case number so that two databases compare. */
async function snapshot(t: TestApp) {
  const db = t.deps.db;
  const { rows: clocks } = await sql<Record<string, unknown>>`
    SELECT k.case_number, c.subject_type, c.purpose, c.status, c.light, c.due_date::text AS due_date,
           c.due_at, c.next_crossing_at
    FROM clocks c
    LEFT JOIN case_tasks t ON c.subject_type = 'task' AND t.id::text = c.subject_id
    JOIN cases k ON k.id = coalesce(t.case_id, CASE WHEN c.subject_type = 'case' THEN c.subject_id::uuid END)
    ORDER BY 1, 2, 3`.execute(db);
  const { rows: cards } = await sql<Record<string, unknown>>`
    SELECT k.case_number, s.subject_type, s.rule_id, s.card, s.issued_at, s.rule_set_version,
           n.level, n.reply_due_at, n.status
    FROM supervision_cards s JOIN cases k ON k.id = s.case_id
    LEFT JOIN supervision_notices n ON n.card_id = s.id
    ORDER BY 1, 2, 3`.execute(db);
  const { rows: events } = await sql<Record<string, unknown>>`
    SELECT k.case_number, e.type, e.at, e.payload->>'ruleId' AS rule
    FROM case_events e JOIN cases k ON k.id = e.case_id
    WHERE e.type LIKE 'supervision%' ORDER BY 1, 2, 4, 3`.execute(db);
  // The order among one crossing's cards may differ; the history's numbers stay dense either way.
  const { rows: gaps } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT case_id, max(seq) - min(seq) + 1 - count(*) AS gap FROM case_events GROUP BY case_id) g
    WHERE gap <> 0`.execute(db);
  expect(gaps[0]!.n).toBe(0);
  const { rows: logged } = await sql<Record<string, unknown>>`
    SELECT payload->>'ruleId' AS rule, count(*)::int AS n FROM action_log
    WHERE action = 'supervision.card' GROUP BY 1 ORDER BY 1`.execute(db);
  const { rows: inbox } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications`.execute(db);
  return { clocks, cards, events, logged, inbox: inbox[0]!.n };
}

describe.each(BACKENDS)('crossings in batches on %s', (backend) => {
  // The same cases in two databases: one worker runs each crossing alone, the other in batches.
  const apps: TestApp[] = [];

  beforeAll(async () => {
    for (let a = 0; a < 2; a++) {
      const t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
      apps.push(t);
      const fx = await seedIntakeItems(t.deps, 'C');
      const org = await demoOrg(t.deps.db, fx.simple.id);
      await t.deps.db.transaction().execute(async (trx) => {
        // The centre's own thresholds: yellow 2 working days before the end, or at 90 % used.
        const centreSet = {
          ...DEFAULT_RULE_SET,
          thresholds: { yellowRemainingWorkingDays: 2, yellowUsedRatio: 0.9 },
        };
        await insertRuleSetVersion(trx, {
          centreId: org.centreId,
          itemId: null,
          set: centreSet,
          note: 'centre',
          by: null,
          now: t.time.now(),
        });
        for (let i = 0; i < N; i++) {
          const built = await buildCase(trx, org, {
            at: bj(`2025-10-${String(9 + (i % 3)).padStart(2, '0')}T10:00:00`),
            promisedDays: 2 + (i % 7),
            stepDays: i % 5 === 4 ? undefined : 1 + (i % 4),
            number: `C${i}`,
          });
          if (i % 9 === 3)
            await suspendClock(trx, built.promisedClockId, {
              kind: 'expert_review',
              reason: '专家评审',
              by: null,
              at: bj('2025-10-10T15:00:00'),
            });
          if (i % 11 === 5) await completeCase(trx, built, bj('2025-10-10T16:00:00'));
        }
      });
    }
  }, 300_000);
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('gives the same lights, next crossings, cards, notices, history and log as one crossing at a time', async () => {
    const steps = [
      '2025-10-13T09:00:00',
      '2025-10-14T08:30:00',
      '2025-10-16T12:00:00',
      '2025-10-24T12:00:00',
    ];
    let batched = 0;
    let sawYellow = false;
    for (const local of steps) {
      for (const [i, t] of apps.entries()) {
        t.time.set(bj(local));
        for (let n = 0; n < 20; n++) {
          const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w', batch: i === 1 });
          expect(r.failed).toBe(0);
          if (i === 1) batched += r.claimed;
          if (r.claimed === 0) break;
        }
      }
      const [one, many] = [await snapshot(apps[0]!), await snapshot(apps[1]!)];
      expect(many).toEqual(one);
      sawYellow ||= many.clocks.some((c) => c.light === 'yellow');
    }
    const final = await snapshot(apps[1]!);
    // The run did cross thresholds and give cards of each kind, with the centre's version.
    expect(batched).toBeGreaterThan(N);
    expect(new Set(final.cards.map((c) => c.rule_id))).toEqual(
      new Set(['case-yellow', 'case-red', 'step-late-1', 'step-late-3']),
    );
    expect(final.cards.every((c) => c.rule_set_version === 1)).toBe(true);
    expect(final.logged.reduce((s, r) => s + Number(r.n), 0)).toBe(final.cards.length);
    expect(sawYellow).toBe(true);
  }, 300_000);
});
