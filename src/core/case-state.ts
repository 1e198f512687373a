/**
 * The intake state machine of a case (办件) and the three conditions of acceptance. Pure: no I/O, no clock.
 *
 *   received ──accept──────────────▶ accepted ──(engine)──▶ completed
 *      │  │  └─accept (即办件)─────────────────────────────▶ completed
 *      │  └───defer (容缺受理)────▶ accepted + materials owed ──(not supplied in time)──▶ terminated
 *      ├──refuse─────────────────▶ refused
 *      └──request_correction─────▶ correction_requested ──resubmit──▶ received
 *
 * A correction (补正) is asked once (一次性告知). A case deemed accepted (行政许可法 Art. 32: the correction
 * notice came later than 5 working days after receipt) can no longer be refused at intake.
 */

export const CASE_STATUSES = {
  received: '已收件',
  correction_requested: '待补正',
  accepted: '已受理',
  refused: '不予受理',
  completed: '已办结',
  terminated: '已终止',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const INTAKE_DECISIONS = {
  accept: '受理',
  refuse: '不予受理',
  request_correction: '补正',
  defer: '容缺受理',
  resubmit: '补正后重新提交',
} as const;
export type IntakeDecision = keyof typeof INTAKE_DECISIONS;

export interface CaseState {
  status: CaseStatus;
  /** Correction notices already given (at most one: 一次性告知). */
  corrections: number;
  deemedAccepted: boolean;
}

export interface Refusal {
  code: string;
  zh: string;
  en: string;
}

const no = (code: string, zh: string, en: string): Refusal => ({ code, zh, en });

/** Whether a decision may be taken in a state; null when allowed, else why not (a 409 for the caller). */
export function checkDecision(state: CaseState, decision: IntakeDecision): Refusal | null {
  if (decision === 'resubmit')
    return state.status === 'correction_requested'
      ? null
      : no(
          'not_awaiting_correction',
          '该申请不在待补正状态。',
          'The application is not awaiting a correction.',
        );
  if (state.status !== 'received')
    return no(
      'already_decided',
      `该申请当前状态为“${CASE_STATUSES[state.status]}”，不能再作受理决定。`,
      `The application is ${state.status}; no intake decision can be taken now.`,
    );
  if (decision === 'request_correction' && state.corrections > 0)
    return no(
      'correction_already_requested',
      '补正告知只能一次性告知，已告知过的申请不能再次要求补正。',
      'Corrections are requested once (一次性告知); this application already had its notice.',
    );
  if (decision === 'refuse' && state.deemedAccepted)
    return no(
      'deemed_accepted',
      '该申请已视为受理（逾期未一次性告知补正），不能不予受理。',
      'The application is deemed accepted (late correction notice) and cannot be refused at intake.',
    );
  return null;
}

/** The decisions open in a state (for the window screen). */
export const allowedDecisions = (state: CaseState): IntakeDecision[] =>
  (Object.keys(INTAKE_DECISIONS) as IntakeDecision[]).filter((d) => checkDecision(state, d) === null);

export const MATERIAL_STATUSES = {
  pending: '未核验',
  ok: '合格',
  missing: '缺失',
  defective: '不符合法定形式',
  mismatch: '纸质与电子不一致',
  deferred: '容缺待补',
} as const;
export type MaterialStatus = keyof typeof MATERIAL_STATUSES;

export interface CheckedMaterial {
  name: string;
  required: boolean;
  deferrable: boolean;
  status: MaterialStatus;
  note: string;
}

export interface ConditionReport {
  /** Required materials missing or not yet checked (材料齐全). */
  incomplete: string[];
  /** Materials not in the statutory form, with what is wrong (符合法定形式). */
  defective: { name: string; note: string }[];
  /** Paper and electronic copies that differ (纸质与电子文档一致). */
  mismatch: string[];
}

/**
 * The three conditions of seed 000. With `deferring`, the named (deferrable, missing) materials are
 * allowed to be owed (容缺受理); every other required material must be present.
 */
export function intakeConditions(
  materials: readonly CheckedMaterial[],
  deferring: ReadonlySet<string> = new Set(),
): ConditionReport {
  const report: ConditionReport = { incomplete: [], defective: [], mismatch: [] };
  for (const m of materials) {
    if (m.status === 'defective') report.defective.push({ name: m.name, note: m.note });
    else if (m.status === 'mismatch') report.mismatch.push(m.name);
    else if (m.required && (m.status === 'missing' || m.status === 'pending' || m.status === 'deferred')) {
      if (!deferring.has(m.name)) report.incomplete.push(m.name);
    }
  }
  return report;
}

export const conditionsMet = (r: ConditionReport) =>
  r.incomplete.length === 0 && r.defective.length === 0 && r.mismatch.length === 0;

/** The first condition that fails, as an error for the clerk naming the materials; null when all hold. */
export function conditionFailure(r: ConditionReport): Refusal | null {
  if (r.incomplete.length)
    return no(
      'materials_incomplete',
      `申请材料不齐全：${r.incomplete.join('、')}。`,
      `Materials are missing or not yet checked: ${r.incomplete.join(', ')}.`,
    );
  if (r.defective.length) {
    const names = r.defective.map((d) => (d.note ? `${d.name}（${d.note}）` : d.name));
    return no(
      'materials_not_in_statutory_form',
      `申请材料不符合法定形式：${names.join('、')}。`,
      `Materials are not in the statutory form: ${r.defective.map((d) => d.name).join(', ')}.`,
    );
  }
  if (r.mismatch.length)
    return no(
      'materials_paper_electronic_mismatch',
      `纸质材料与电子材料不一致：${r.mismatch.join('、')}。`,
      `Paper and electronic copies differ: ${r.mismatch.join(', ')}.`,
    );
  return null;
}

/** The materials a correction notice must list: every missing required, defective or mismatched one. */
export function correctionList(materials: readonly CheckedMaterial[]): CheckedMaterial[] {
  return materials.filter(
    (m) =>
      m.status === 'defective' ||
      m.status === 'mismatch' ||
      (m.required && (m.status === 'missing' || m.status === 'pending')),
  );
}

/** Which of the named materials cannot be deferred (容缺): not marked eligible, or not actually missing. */
export function undeferrable(materials: readonly CheckedMaterial[], names: ReadonlySet<string>): string[] {
  return materials
    .filter((m) => names.has(m.name) && (!m.deferrable || (m.status !== 'missing' && m.status !== 'pending')))
    .map((m) => m.name);
}

/**
 * 行政许可法 Art. 32: a correction notice given later than `days` working days after receipt means the
 * application counts as accepted on the day of receipt. Day numbers are local dates (see core/dates.ts);
 * `addWorkingDays(d, n)` is the calendar's n-th working day after d.
 */
export function isCorrectionLate(
  receivedDay: number,
  noticeDay: number,
  addWorkingDays: (day: number, n: number) => number,
  days = 5,
): boolean {
  return noticeDay > addWorkingDays(receivedDay, days);
}

/** The name shown in public: 张*明, 张*, 北京**公司 (first two and last two characters of an organisation). */
export function maskName(name: string, kind: 'natural_person' | 'legal_person'): string {
  const chars = [...name.trim()];
  if (kind === 'legal_person') {
    if (chars.length <= 4) return `${chars[0] ?? ''}**`;
    return `${chars.slice(0, 2).join('')}**${chars.slice(-2).join('')}`;
  }
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
