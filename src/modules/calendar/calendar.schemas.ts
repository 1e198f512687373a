import { z } from '@hono/zod-openapi';
import { isValidIsoDate } from '../../core/dates.ts';

export const IsoDate = z
  .string()
  .refine(isValidIsoDate, '日期格式应为 YYYY-MM-DD / date must be a real YYYY-MM-DD')
  .openapi({ example: '2025-09-30' });

const centre = z
  .string()
  .max(64)
  .optional()
  .openapi({ description: 'Centre code or id: include its local days off.' });

export const AddQuery = z.object({
  from: IsoDate,
  days: z.coerce.number().int().min(0).max(3650),
  centre,
});
export const AddResult = z
  .object({ from: z.string(), days: z.number().int(), due: z.string() })
  .openapi('WorkingDaysAdded');

export const CountQuery = z.object({ from: IsoDate, to: IsoDate, centre });
export const CountResult = z
  .object({ from: z.string(), to: z.string(), workingDays: z.number().int() })
  .openapi('WorkingDaysCounted');

export const DayQuery = z.object({ centre });
export const DayResult = z
  .object({ date: z.string(), working: z.boolean(), name: z.string().nullable() })
  .openapi('CalendarDayInfo');

export const CalendarDay = z
  .strictObject({ date: IsoDate, isOffDay: z.boolean(), name: z.string().max(100).default('') })
  .openapi('CalendarDay');
export const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2200) });
export const SetYearBody = z
  .strictObject({ days: z.array(CalendarDay).max(366), note: z.string().max(500).default('') })
  .openapi('SetCalendarYear');
export const YearsResult = z
  .object({
    years: z.array(
      z.object({
        year: z.number().int(),
        source: z.enum(['builtin', 'override']),
        note: z.string().nullable(),
      }),
    ),
    nextYearConfigured: z
      .boolean()
      .openapi({ description: 'False when next year is missing: add it from the State Council notice.' }),
    clocksBeyondCalendar: z.number().int().nullable().openapi({
      description: 'Open clocks whose due date falls in an uncovered year (administrators only).',
    }),
  })
  .openapi('CalendarYears');
export const YearResult = z
  .object({
    year: z.number().int(),
    covered: z.boolean(),
    days: z.array(z.object({ date: z.string(), isOffDay: z.boolean(), name: z.string() })),
  })
  .openapi('CalendarYear');

export const LocalDaysBody = z
  .strictObject({
    centreId: z.string().min(1).max(64),
    days: z
      .array(z.strictObject({ date: IsoDate, name: z.string().min(1).max(100) }))
      .min(1)
      .max(366),
  })
  .openapi('AddLocalDaysOff');
export const ImportBody = z
  .strictObject({
    format: z.enum(['json', 'ics']),
    content: z.string().min(1).max(1_000_000),
    centreId: z.string().max(64).optional(),
  })
  .openapi('ImportCalendar');
export const ImportResult = z
  .object({ scope: z.enum(['national', 'centre']), years: z.array(z.number().int()), days: z.number().int() })
  .openapi('CalendarImported');
