import dayjs from 'dayjs';
import type { Language } from './language.ts';

/** 2026年11月22日 in Chinese, 22 Nov 2026 in English. Accepts YYYY-MM-DD or an ISO timestamp. */
export function formatDate(value: string | Date | null | undefined, lang: Language): string {
  if (!value) return '—';
  const d = dayjs(value);
  if (!d.isValid()) return String(value);
  return d.format(lang === 'zh' ? 'YYYY年M月D日' : 'D MMM YYYY');
}

export function formatDateTime(value: string | Date | null | undefined, lang: Language): string {
  if (!value) return '—';
  const d = dayjs(value);
  if (!d.isValid()) return String(value);
  return d.format(lang === 'zh' ? 'YYYY年M月D日 HH:mm' : 'D MMM YYYY HH:mm');
}

/** 星期三 / Wed. */
export function formatWeekday(value: string, lang: Language): string {
  return dayjs(value).format(lang === 'zh' ? 'dddd' : 'ddd');
}

/** Text in brackets: full-width in Chinese. */
export const bracket = (text: string, lang: Language) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
