// Wording of the catalogue's codes. Keys are built from the generated enum types, so a code the server
// adds without a label here and in both dictionaries does not compile.
import type { Schema } from '../api/types.ts';
import type { Translate } from '../i18n/useI18n.ts';

type Limit = Pick<Schema<'TimeLimit'>, 'value' | 'unit'>;

/** 20个工作日 / 20 working days; 当日办结 / same day. */
export function formatLimit(t: Translate, limit: Limit): string {
  return t(`limit.${limit.unit}`, { n: limit.value });
}

/** 零跑动 / 最多跑一次 / 到现场 n 次. */
export function visitsLabel(t: Translate, visits: number): string {
  if (visits === 0) return t('visits.zero');
  if (visits === 1) return t('visits.one');
  return t('visits.many', { n: visits });
}

export const itemTypeLabel = (t: Translate, code: Schema<'GuideItemSummary'>['itemType']) =>
  t(`itemType.${code}`);
export const handlingLabel = (t: Translate, code: Schema<'GuideItemSummary'>['handlingType']) =>
  t(`handling.${code}`);
export const audienceLabel = (t: Translate, code: Schema<'GuideItemSummary'>['audiences'][number]) =>
  t(`audience.${code}`);
export const channelLabel = (t: Translate, code: Schema<'GuideItemSummary'>['channels'][number]) =>
  t(`channel.${code}`);
export const exerciseLevelLabel = (t: Translate, level: number) =>
  level >= 1 && level <= 6 ? t(`level.${level as 1 | 2 | 3 | 4 | 5 | 6}`) : String(level);
export const materialFormLabel = (t: Translate, code: Schema<'Material'>['form']) =>
  t(`materialForm.${code}`);
export const materialSourceLabel = (t: Translate, code: Schema<'Material'>['source']) =>
  t(`materialSource.${code}`);
