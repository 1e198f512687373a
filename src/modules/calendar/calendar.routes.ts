import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { CalendarNotConfiguredError } from '../../core/calendar.ts';
import { localDateOf, yearOf } from '../../core/dates.ts';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { unprocessable } from '../../shared/errors.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { actorOf, can } from '../auth/principal.ts';
import { parseCalendarFile } from './calendar.import.ts';
import { loadCalendar } from './calendar.loader.ts';
import { listYearOverrides } from './calendar.queries.ts';
import {
  AddQuery,
  AddResult,
  CountQuery,
  CountResult,
  DayQuery,
  DayResult,
  ImportBody,
  ImportResult,
  IsoDate,
  LocalDaysBody,
  SetYearBody,
  YearParam,
  YearResult,
  YearsResult,
} from './calendar.schemas.ts';
import {
  addLocalDays,
  deleteYear,
  importCalendar,
  removeLocalDay,
  requireCentre,
  setYears,
} from './calendar.service.ts';

const tags = ['calendar'];
const uncovered = errorResponse('The calendar does not cover the date (calendar for YYYY is not configured)');

/** Runs a calendar computation; a year the calendar does not cover becomes a 422 with a clear message. */
function computeOr422<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CalendarNotConfiguredError)
      throw unprocessable('calendar_not_configured', e.messageZh, e.message, { year: e.year });
    throw e;
  }
}

export function registerCalendarRoutes(app: OpenAPIHono<AppEnv>) {
  const calendarFor = async (
    db: AppEnv['Variables']['deps']['db'],
    deps: AppEnv['Variables']['deps'],
    centre?: string,
  ) => loadCalendar(db, centre ? (await requireCentre(deps, centre)).id : null);

  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'get',
        path: '/api/v1/calendar/working-days/add',
        tags,
        summary: 'The Nth working day after a date (the date itself is not counted)',
        request: { query: AddQuery },
        responses: { 200: json(AddResult), 400: errorResponses[400], 422: uncovered },
      },
    ),
    async (c) => {
      const { from, days, centre } = c.req.valid('query');
      const deps = c.get('deps');
      const calendar = await calendarFor(deps.db, deps, centre);
      return c.json({ from, days, due: computeOr422(() => calendar.addWorkingDays(from, days)) }, 200);
    },
  );

  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'get',
        path: '/api/v1/calendar/working-days/count',
        tags,
        summary: 'Working days after `from` up to and including `to`',
        request: { query: CountQuery },
        responses: { 200: json(CountResult), 400: errorResponses[400], 422: uncovered },
      },
    ),
    async (c) => {
      const { from, to, centre } = c.req.valid('query');
      const deps = c.get('deps');
      const calendar = await calendarFor(deps.db, deps, centre);
      return c.json({ from, to, workingDays: computeOr422(() => calendar.countWorkingDays(from, to)) }, 200);
    },
  );

  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'get',
        path: '/api/v1/calendar/days/{date}',
        tags,
        summary: 'Whether a date is a working day, and the holiday or make-up day it belongs to',
        request: { params: z.object({ date: z.string() }), query: DayQuery },
        responses: { 200: json(DayResult), 400: errorResponses[400], 422: uncovered },
      },
    ),
    async (c) => {
      const { date } = c.req.valid('param');
      const deps = c.get('deps');
      const calendar = await calendarFor(deps.db, deps, c.req.valid('query').centre);
      const info = computeOr422(() => calendar.dayInfo(date));
      return c.json({ date, working: info.working, name: info.name ?? null }, 200);
    },
  );

  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'get',
        path: '/api/v1/calendar/years',
        tags,
        summary: 'The years the calendar covers, and whether next year is configured yet',
        responses: { 200: json(YearsResult) },
      },
    ),
    async (c) => {
      const deps = c.get('deps');
      const calendar = await loadCalendar(deps.db);
      const overrides = new Map((await listYearOverrides(deps.db)).map((o) => [o.year, o]));
      const thisYear = yearOf(localDateOf(deps.time.now()));
      const p = c.get('principal');
      let beyond: number | null = null;
      if (p && can(p, 'calendar.manage')) {
        const row = await deps.db
          .selectFrom('clocks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('beyond_calendar_year', 'is not', null)
          .where('status', '<>', 'stopped')
          .executeTakeFirstOrThrow();
        beyond = Number(row.n);
      }
      return c.json(
        {
          years: calendar.coveredYears().map((year) => ({
            year,
            source: overrides.has(year) ? ('override' as const) : ('builtin' as const),
            note: overrides.get(year)?.note ?? null,
          })),
          nextYearConfigured: calendar.isCoveredYear(thisYear + 1),
          clocksBeyondCalendar: beyond,
        },
        200,
      );
    },
  );

  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'get',
        path: '/api/v1/calendar/years/{year}',
        tags,
        summary: 'A year’s holidays, make-up working days and (with a centre) local days off',
        request: { params: YearParam, query: DayQuery },
        responses: { 200: json(YearResult), 400: errorResponses[400] },
      },
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const deps = c.get('deps');
      const calendar = await calendarFor(deps.db, deps, c.req.valid('query').centre);
      const days = calendar.entries().filter((d) => d.date.startsWith(`${year}-`));
      return c.json({ year, covered: calendar.isCoveredYear(year), days }, 200);
    },
  );

  const manage = { permission: 'calendar.manage' } as const;
  app.openapi(
    defineRoute(manage, {
      method: 'put',
      path: '/api/v1/calendar/years/{year}',
      tags,
      summary: 'Set a whole year of the national calendar (system administrators)',
      request: { params: YearParam, body: jsonBody(SetYearBody) },
      responses: {
        200: json(z.object({ years: z.array(z.number()), recomputed: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const { days, note } = c.req.valid('json');
      const r = await setYears(
        c.get('deps'),
        actorOf(p),
        p,
        [{ year: c.req.valid('param').year, days }],
        note,
      );
      return c.json(r, 200);
    },
  );
  app.openapi(
    defineRoute(manage, {
      method: 'delete',
      path: '/api/v1/calendar/years/{year}',
      tags,
      summary: 'Remove an administrator’s year (back to built-in data, or uncovered)',
      request: { params: YearParam },
      responses: {
        200: json(z.object({ year: z.number(), recomputed: z.number(), builtin: z.boolean() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      return c.json(await deleteYear(c.get('deps'), actorOf(p), p, c.req.valid('param').year), 200);
    },
  );
  app.openapi(
    defineRoute(manage, {
      method: 'post',
      path: '/api/v1/calendar/local-days',
      tags,
      summary: 'Add local days off for a centre',
      request: { body: jsonBody(LocalDaysBody) },
      responses: {
        200: json(z.object({ centreId: z.string(), added: z.number(), recomputed: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const body = c.req.valid('json');
      return c.json(await addLocalDays(c.get('deps'), actorOf(p), p, body.centreId, body.days), 200);
    },
  );
  app.openapi(
    defineRoute(manage, {
      method: 'delete',
      path: '/api/v1/calendar/local-days/{centre}/{date}',
      tags,
      summary: 'Remove a local day off',
      request: { params: z.object({ centre: z.string().max(64), date: IsoDate }) },
      responses: { 200: json(z.object({ date: z.string(), recomputed: z.number() })), ...errorResponses },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const { centre, date } = c.req.valid('param');
      return c.json(await removeLocalDay(c.get('deps'), actorOf(p), p, centre, date), 200);
    },
  );
  app.openapi(
    defineRoute(manage, {
      method: 'post',
      path: '/api/v1/calendar/import',
      tags,
      summary: 'Import a calendar file (JSON list of {date,isOffDay,name}, or iCalendar)',
      request: { body: jsonBody(ImportBody) },
      responses: { 200: json(ImportResult), ...errorResponses },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const body = c.req.valid('json');
      const days = parseCalendarFile(body.content, body.format);
      return c.json(await importCalendar(c.get('deps'), actorOf(p), p, days, body.centreId), 200);
    },
  );
}
