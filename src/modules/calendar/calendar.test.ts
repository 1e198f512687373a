import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { type Client, createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';

const days2027 = [
  { date: '2027-01-01', isOffDay: true, name: '元旦' },
  { date: '2027-02-06', isOffDay: true, name: '春节' },
  { date: '2027-02-07', isOffDay: false, name: '春节调休上班' },
];

describe.each(BACKENDS)('calendar API on %s', (backend) => {
  let t: TestApp;
  let admin: Client;
  let centreAdmin: Client;
  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2026-06-01T02:00:00Z' }); // 2027 not yet configured
    admin = await t.loginAs('admin');
    centreAdmin = await t.loginAs('centre-admin');
  });
  afterAll(() => t.close());

  it('adds working days across National Day 2025 without a login', async () => {
    expect(
      await expectJson(t.anon.get('/api/v1/calendar/working-days/add?from=2025-09-30&days=5'), 200),
    ).toEqual({
      from: '2025-09-30',
      days: 5,
      due: '2025-10-14',
    });
  });

  it('counts working days after `from` up to and including `to`', async () => {
    const r = await expectJson<{ workingDays: number }>(
      t.anon.get('/api/v1/calendar/working-days/count?from=2025-09-30&to=2025-10-14'),
      200,
    );
    expect(r.workingDays).toBe(5);
  });

  it('tells a make-up Saturday is a working day, with its name', async () => {
    expect(await expectJson(t.anon.get('/api/v1/calendar/days/2025-10-11'), 200)).toMatchObject({
      working: true,
    });
    expect(await expectJson(t.anon.get('/api/v1/calendar/days/2025-10-03'), 200)).toMatchObject({
      working: false,
      name: expect.stringContaining('国庆'),
    });
  });

  it('answers 422 with a clear message for a year the calendar does not cover', async () => {
    const body = await expectJson<{ error: { code: string; message: string; messageEn: string } }>(
      t.anon.get('/api/v1/calendar/working-days/add?from=2026-12-25&days=5'),
      422,
    );
    expect(body.error).toMatchObject({
      code: 'calendar_not_configured',
      messageEn: 'calendar for 2027 is not configured',
    });
    expect(body.error.message).toContain('2027');
  });

  it('rejects an impossible date with 400', async () => {
    expect((await t.anon.get('/api/v1/calendar/working-days/add?from=2025-02-30&days=1')).status).toBe(400);
  });

  it('lets a system administrator add 2027, logs it, and then computes into 2027', async () => {
    const before = await expectJson<{ nextYearConfigured: boolean }>(
      t.anon.get('/api/v1/calendar/years'),
      200,
    );
    expect(before.nextYearConfigured).toBe(false);
    expect((await centreAdmin.request('PUT', '/api/v1/calendar/years/2027', { days: days2027 })).status).toBe(
      403,
    );
    await expectJson(
      admin.request('PUT', '/api/v1/calendar/years/2027', { days: days2027, note: '国务院办公厅通知' }),
      200,
    );
    const due = await expectJson<{ due: string }>(
      t.anon.get('/api/v1/calendar/working-days/add?from=2026-12-30&days=2'),
      200,
    );
    expect(due.due).toBe('2027-01-04'); // Dec 31 (Thu), Jan 1 off, Jan 2–3 weekend, Jan 4 (Mon)
    expect(await expectJson(t.anon.get('/api/v1/calendar/days/2027-02-07'), 200)).toMatchObject({
      working: true,
    });
    const after = await expectJson<{
      nextYearConfigured: boolean;
      years: { year: number; source: string }[];
    }>(admin.get('/api/v1/calendar/years'), 200);
    expect(after.nextYearConfigured).toBe(true);
    expect(after.years.at(-1)).toEqual({ year: 2027, source: 'override', note: '国务院办公厅通知' });
    const log = await expectJson<{ action: string }[]>(
      (await t.loginAs('inspector')).get('/api/v1/audit/log?targetType=calendar_year'),
      200,
    );
    expect(log[0]?.action).toBe('calendar.years_set');
  });

  it('refuses days outside the year being set', async () => {
    const bad = await admin.request('PUT', '/api/v1/calendar/years/2028', {
      days: [{ date: '2029-01-01', isOffDay: true, name: 'x' }],
    });
    expect((await expectJson<{ error: { code: string } }>(bad, 400)).error.code).toBe('date_outside_year');
  });

  it('adds a centre’s local day off only to that centre’s calendar', async () => {
    await expectJson(
      centreAdmin.post('/api/v1/calendar/local-days', {
        centreId: 'MLR',
        days: [{ date: '2025-11-03', name: '本地休息日' }],
      }),
      200,
    );
    const mlr = await expectJson<{ due: string }>(
      t.anon.get('/api/v1/calendar/working-days/add?from=2025-10-31&days=1&centre=MLR'),
      200,
    );
    const national = await expectJson<{ due: string }>(
      t.anon.get('/api/v1/calendar/working-days/add?from=2025-10-31&days=1'),
      200,
    );
    expect(national.due).toBe('2025-11-03');
    expect(mlr.due).toBe('2025-11-04');
    const other = await centreAdmin.post('/api/v1/calendar/local-days', {
      centreId: 'HN',
      days: [{ date: '2025-11-03', name: 'x' }],
    });
    expect(other.status).toBe(403);
    await expectJson(centreAdmin.request('DELETE', '/api/v1/calendar/local-days/MLR/2025-11-03'), 200);
    const after = await expectJson<{ due: string }>(
      t.anon.get('/api/v1/calendar/working-days/add?from=2025-10-31&days=1&centre=MLR'),
      200,
    );
    expect(after.due).toBe('2025-11-03');
  });

  it('imports an iCalendar file as the national calendar of its years, all or nothing', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20280101',
      'DTEND;VALUE=DATE:20280104',
      'SUMMARY:元旦',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20280108',
      'SUMMARY:元旦补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const r = await expectJson<{ years: number[]; days: number }>(
      admin.post('/api/v1/calendar/import', { format: 'ics', content: ics }),
      200,
    );
    expect(r).toMatchObject({ years: [2028], days: 4 });
    expect(await expectJson(t.anon.get('/api/v1/calendar/days/2028-01-03'), 200)).toMatchObject({
      working: false,
      name: '元旦',
    });
    expect(await expectJson(t.anon.get('/api/v1/calendar/days/2028-01-08'), 200)).toMatchObject({
      working: true,
    });
    const broken = await admin.post('/api/v1/calendar/import', {
      format: 'json',
      content: '[{"date":"2029-01-01","isOffDay":true},{"date":"2029-13-01"}]',
    });
    expect(broken.status).toBe(400);
    expect((await t.anon.get('/api/v1/calendar/days/2029-01-01')).status).toBe(422);
  });
});
