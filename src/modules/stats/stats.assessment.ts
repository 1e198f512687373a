// 综合考评: a monthly or quarterly score per department or staff member, and its grade.
import type { Kysely } from 'kysely';
import {
  type AssessmentWeights,
  assessmentScore,
  DEFAULT_WEIGHTS,
  GRADE_LABELS,
  type Grade,
  gradeOf,
} from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { unprocessable } from '../../shared/errors.ts';
import { type StatsRow, type StatsScope, statsReport } from './stats.service.ts';

type Db = Kysely<DB>;

/** '2025-10' (a month) or '2025-Q4' (a quarter) → first and last day. */
export function periodRange(period: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m && !q)
    throw unprocessable(
      'invalid_period',
      '考评期间格式应为 2025-10 或 2025-Q4。',
      'A period is 2025-10 or 2025-Q4.',
    );
  const year = Number((m ?? q)![1]);
  const first = m ? Number(m[2]) : (Number(q![2]) - 1) * 3 + 1;
  const last = m ? first : first + 2;
  if (first < 1 || first > 12) throw unprocessable('invalid_period', '月份无效。', 'No such month.');
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

export interface AssessmentRow {
  key: string | null;
  name: string | null;
  completed: number;
  onTimeRate: number;
  earlyRate: number;
  qualityRate: number;
  supervisionRate: number;
  score: number;
  grade: Grade;
  gradeLabel: string;
}

/**
 * The four components, each in [0, 1]: on-time rate and early rate of the completed cases (1 and 0 when
 * nothing was completed), quality = 1 − returns ÷ completed, supervision = 1 − (cards + late replies) ÷
 * completed (both clamped; with nothing completed, any card or late reply makes it 0).
 */
export function components(r: StatsRow) {
  const done = r.completed;
  const per = (x: number) => (done > 0 ? Math.min(1, x / done) : x > 0 ? 1 : 0);
  return {
    onTimeRate: done > 0 ? r.on_time / done : 1,
    earlyRate: done > 0 ? r.early / done : 0,
    qualityRate: 1 - per(r.returns),
    supervisionRate: 1 - per(r.cards_yellow + r.cards_red + r.notices_late),
  };
}

export async function assessment(
  db: Db,
  scope: StatsScope,
  q: {
    period: string;
    subject: 'department' | 'staff';
    centreId?: string;
    weights?: Partial<AssessmentWeights>;
  },
): Promise<AssessmentRow[]> {
  const weights = { ...DEFAULT_WEIGHTS, ...(await storedWeights(db)), ...q.weights };
  const rows = await statsReport(db, scope, {
    ...periodRange(q.period),
    groupBy: q.subject,
    centreId: q.centreId,
  });
  return rows
    .filter((r) => r.key !== null)
    .map((r) => {
      const c = components(r);
      const score = assessmentScore(c, weights);
      const grade = gradeOf(score);
      const round = (x: number) => Math.round(x * 10000) / 10000;
      return {
        key: r.key,
        name: r.name,
        completed: r.completed,
        onTimeRate: round(c.onTimeRate),
        earlyRate: round(c.earlyRate),
        qualityRate: round(c.qualityRate),
        supervisionRate: round(c.supervisionRate),
        score,
        grade,
        gradeLabel: GRADE_LABELS[grade],
      };
    })
    .sort((a, b) => b.score - a.score);
}

/** Weights configured in the settings row 'assessment' ({"weights": {...}}), if any. */
async function storedWeights(db: Db): Promise<Partial<AssessmentWeights>> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'assessment')
    .executeTakeFirst();
  const w = (row?.value as { weights?: Partial<AssessmentWeights> } | undefined)?.weights;
  return w && typeof w === 'object' ? w : {};
}
