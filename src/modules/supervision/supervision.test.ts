import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { type Client, createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { resumeClock, suspendClock } from '../clock/clock.service.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { sendStepReminders } from './supervision.reminders.ts';
import { type BuiltCase, buildCase, demoOrg, type Org } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('supervision with a moving clock on %s', (backend) => {
  let t: TestApp;
  let org: Org;
  let main: BuiltCase;
  let paused: BuiltCase;

  /** Moves time and runs the scheduler until nothing is due. */
  async function at(local: string) {
    t.time.set(bj(local));
    for (let i = 0; i < 50; i++) {
      const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
      expect(r.failed).toBe(0);
      if (r.claimed === 0) return;
    }
  }
  const light = async (clockId: string) =>
    (await t.deps.db.selectFrom('clocks').select('light').where('id', '=', clockId).executeTakeFirstOrThrow())
      .light;
  const cards = async (caseId: string) =>
    (
      await t.deps.db
        .selectFrom('supervision_cards')
        .select(['rule_id', 'subject_type', 'issued_at'])
        .where('case_id', '=', caseId)
        .orderBy('issued_at')
        .orderBy('rule_id')
        .execute()
    ).map((c) => `${c.subject_type}:${c.rule_id}`);
  const notices = (caseId: string) =>
    t.deps.db
      .selectFrom('supervision_notices')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('issued_at')
      .execute();
  const login = async (u: string): Promise<Client> => t.loginAs(u);

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-09-30T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'S');
    org = await demoOrg(t.deps.db, fx.simple.id);
    // Accepted Tue 30 Sep 10:00 (Beijing): promised 5 working days → due Tue 14 Oct 17:30 (National Day, and
    // the make-up Saturday 11 Oct counts); the review step 3 working days → due Sat 11 Oct 17:30.
    await t.deps.db.transaction().execute(async (trx) => {
      main = await buildCase(trx, org, {
        at: bj('2025-09-30T10:00:00'),
        promisedDays: 5,
        stepDays: 3,
        number: 'S1',
      });
      paused = await buildCase(trx, org, { at: bj('2025-09-30T10:00:00'), promisedDays: 5, number: 'S2' });
    });
  });
  afterAll(() => t.close());

  it('keeps both green through the National Day holiday', async () => {
    await at('2025-10-08T23:00:00');
    expect(await light(main.promisedClockId)).toBe('green');
    expect(await light(main.taskClockId!)).toBe('green');
    expect(await cards(main.caseId)).toEqual([]);
  });

  it('shows a suspended case as suspended and gives it no card while paused', async () => {
    await t.deps.db.transaction().execute((trx) =>
      suspendClock(trx, paused.promisedClockId, {
        kind: 'expert_review',
        reason: '专家评审',
        by: null,
        at: bj('2025-10-09T09:00:00'),
      }),
    );
    await at('2025-10-09T09:00:00');
    expect(await light(paused.promisedClockId)).toBe('suspended');
  });

  it('turns the step yellow on the make-up Saturday’s eve and red after it, then cards it on the next working day', async () => {
    await at('2025-10-10T00:00:00');
    expect(await light(main.taskClockId!)).toBe('yellow'); // 1 working day (Sat 11) left
    await at('2025-10-11T18:00:00');
    expect(await light(main.taskClockId!)).toBe('red');
    expect(await cards(main.caseId)).toEqual([]); // late, but not yet one full working day (Sun 12 is off)
    await at('2025-10-12T23:00:00');
    expect(await cards(main.caseId)).toEqual([]);
    await at('2025-10-13T00:00:00');
    // Mon 13: the step is 1 working day late (yellow card) and the case has 1 working day left (yellow).
    expect(await light(main.promisedClockId)).toBe('yellow');
    expect((await cards(main.caseId)).sort()).toEqual(['case:case-yellow', 'task:step-late-1']);
  });

  it('addresses the step’s notice to the office and the case’s to the department, in the history', async () => {
    const ns = await notices(main.caseId);
    expect(ns.map((n) => [n.subject_type, n.level, n.status])).toEqual(
      expect.arrayContaining([
        ['task', 'office', 'open'],
        ['case', 'department', 'open'],
      ]),
    );
    // Reply due 2 working days later at office close: Wed 15 Oct 17:30.
    for (const n of ns) expect(n.reply_due_at).toEqual(bj('2025-10-15T17:30:00'));
    const history = await t.deps.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', main.caseId)
      .orderBy('seq')
      .execute();
    expect(history.filter((e) => e.type === 'supervision_card')).toHaveLength(2);
    expect(history.filter((e) => e.type === 'supervision_notice_issued')).toHaveLength(2);
    // The office's reviewer got the step notice in the inbox.
    const reviewer = await login('reviewer');
    const inbox = await expectJson<{ unread: number; items: { kind: string; id: string }[] }>(
      reviewer.get('/api/v1/notifications?unread=true'),
      200,
    );
    expect(inbox.items.some((i) => i.kind === 'supervision.notice')).toBe(true);
    await expectJson(reviewer.post(`/api/v1/notifications/${inbox.items[0]!.id}/read`), 200);
  });

  it('lets the department leader reply, which stops the escalation', async () => {
    const caseNotice = (await notices(main.caseId)).find((n) => n.subject_type === 'case')!;
    const leader = await login('leader');
    const mine = await expectJson<{ id: string }[]>(leader.get('/api/v1/supervision/notices/mine'), 200);
    expect(mine.map((n) => n.id)).toContain(caseNotice.id);
    await expectJson(
      leader.post(`/api/v1/supervision/notices/${caseNotice.id}/reply`, {
        reason: '待专家意见',
        expectedCompletion: '2025-10-16',
      }),
      200,
    );
    const again = await leader.post(`/api/v1/supervision/notices/${caseNotice.id}/reply`, {
      reason: 'x',
      expectedCompletion: '2025-10-16',
    });
    expect(again.status).toBe(409);
  });

  it('cards the case red after its due instant and escalates the unanswered step notice office → department → centre', async () => {
    await at('2025-10-14T17:30:01');
    expect(await light(main.promisedClockId)).toBe('red');
    expect(await cards(main.caseId)).toContain('case:case-red');
    await at('2025-10-15T17:30:00');
    const step = (await notices(main.caseId)).find((n) => n.subject_type === 'task')!;
    expect(step.level).toBe('department');
    expect(step.escalations).toBe(1);
    expect((await cards(main.caseId)).filter((c) => c === 'task:step-late-3')).toHaveLength(1); // Wed 15
    await at('2025-10-17T17:30:00');
    const top = (await notices(main.caseId)).find((n) => n.subject_type === 'task')!;
    expect([top.level, top.escalations, top.status]).toEqual(['centre', 2, 'open']);
    await at('2025-10-21T17:30:00'); // nothing above the centre
    expect((await notices(main.caseId)).find((n) => n.id === top.id)!.escalations).toBe(2);
  });

  it('never cards the suspended case, and moves its due date by the paused working days on resumption', async () => {
    expect(await cards(paused.caseId)).toEqual([]);
    expect(await light(paused.promisedClockId)).toBe('suspended');
    const r = await t.deps.db
      .transaction()
      .execute((trx) =>
        resumeClock(trx, paused.promisedClockId, { by: null, at: bj('2025-10-20T09:00:00') }),
      );
    // Due Tue 14 Oct, plus the 8 working days paused (Oct 9, 10, the make-up Sat 11, 13–17) → Fri 24 Oct.
    expect(r.result.dueDate).toBe('2025-10-24');
  });

  it('each card exactly once: running the crossing again gives nothing new', async () => {
    const before = await cards(main.caseId);
    const { onClockCrossing } = await import('./supervision.cards.ts');
    await t.deps.db.transaction().execute((trx) => onClockCrossing(trx, main.taskClockId!, t.time.now()));
    expect(await cards(main.caseId)).toEqual(before);
  });

  it('lets a supervisor issue and cancel a notice by hand, with a reason', async () => {
    const supervisor = await login('supervisor');
    const bad = await supervisor.post('/api/v1/supervision/notices', { caseId: paused.caseId, reason: ' ' });
    expect(bad.status).toBe(422);
    const n = await expectJson<{ id: string; level: string }>(
      supervisor.post('/api/v1/supervision/notices', { caseId: paused.caseId, reason: '请说明专家评审进度' }),
      201,
    );
    expect(n.level).toBe('department');
    const cancelled = await expectJson<{ status: string }>(
      supervisor.post(`/api/v1/supervision/notices/${n.id}/cancel`, { reason: '已电话沟通' }),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    const types = (
      await t.deps.db.selectFrom('case_events').select('type').where('case_id', '=', paused.caseId).execute()
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['supervision_notice_issued', 'supervision_notice_cancelled']),
    );
  });

  it('serves the lights, the overdue summary (also as xlsx) and the meeting list', async () => {
    const supervisor = await login('supervisor');
    const lights = await expectJson<{ red: number; name: string }[]>(
      supervisor.get('/api/v1/supervision/lights?groupBy=department&subject=task'),
      200,
    );
    expect(lights[0]).toMatchObject({ red: 1, name: '矿产开发管理司' });
    const overdue = await expectJson<
      { caseNumber: string; subjectType: string; daysOverdue: number; cards: { red: number } }[]
    >(supervisor.get('/api/v1/supervision/overdue'), 200);
    // Now Tue 21 Oct: the step (due Sat 11) is late Oct 13–17, 20, 21; the case (due Tue 14) Oct 15–17, 20, 21.
    expect(overdue.map((o) => [o.caseNumber, o.subjectType, o.daysOverdue, o.cards.red])).toEqual([
      ['S1', 'task', 7, 2],
      ['S1', 'case', 5, 2],
    ]);
    const xlsx = await supervisor.get('/api/v1/supervision/overdue?format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const list = await expectJson<{ officeName: string; items: unknown[] }[]>(
      supervisor.get('/api/v1/supervision/meeting-list?date=2025-10-24'),
      200,
    );
    expect(list[0]?.officeName).toBe('采矿权管理处');
    const leader = await login('leader');
    expect((await leader.get('/api/v1/supervision/overdue')).status).toBe(200);
    const reviewer = await login('reviewer');
    expect((await reviewer.get('/api/v1/supervision/overdue')).status).toBe(403);
  });

  it('reminds the office 3 and 1 working days before a step is due, across the weekend, once', async () => {
    // A step accepted Thu 16 Oct 10:00 for 4 working days → due Wed 22 Oct: reminders Fri 17 and Tue 21, 08:30.
    const built = await t.deps.db
      .transaction()
      .execute((trx) =>
        buildCase(trx, org, { at: bj('2025-10-16T10:00:00'), promisedDays: 10, stepDays: 4, number: 'S3' }),
      );
    const run = (since: string, now: string) =>
      t.deps.db.transaction().execute((trx) => sendStepReminders(trx, bj(since), bj(now)));
    expect(await run('2025-10-16T10:00:00', '2025-10-17T08:29:00')).toBe(0);
    const reviewers = 1; // the 采矿权管理处 reviewer of the demo organisation
    expect(await run('2025-10-17T08:29:00', '2025-10-17T08:31:00')).toBe(reviewers);
    expect(await run('2025-10-16T00:00:00', '2025-10-17T09:00:00')).toBe(0); // already sent
    expect(await run('2025-10-17T09:00:00', '2025-10-21T08:30:00')).toBe(reviewers);
    const msgs = await t.deps.db
      .selectFrom('notifications')
      .select('payload')
      .where('kind', '=', 'supervision.reminder')
      .execute();
    expect(msgs.map((m) => (m.payload as { taskId: string }).taskId)).toEqual([built.taskId, built.taskId]);
  });

  it('sends the meeting lists 3 and 1 working days before the meeting, across the weekend', async () => {
    const supervisor = await login('supervisor');
    const m = await expectJson<{ reminders: { beforeWorkingDays: number; at: number }[] }>(
      supervisor.post('/api/v1/supervision/meetings', { date: '2025-10-27', title: '十月会审会' }),
      201,
    );
    expect(m.reminders.map((r) => [r.beforeWorkingDays, new Date(r.at).toISOString()])).toEqual([
      [3, bj('2025-10-22T08:30:00').toISOString()],
      [1, bj('2025-10-24T08:30:00').toISOString()],
    ]);
    await at('2025-10-22T08:30:00');
    const lists = await t.deps.db
      .selectFrom('notifications')
      .select(['recipient_id', 'body'])
      .where('kind', '=', 'supervision.meeting_list')
      .execute();
    expect(lists.length).toBeGreaterThanOrEqual(2); // the office's reviewer and the supervisor
    expect(lists.some((l) => l.body.includes('S1'))).toBe(true);
  });
});
