import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { channelLabel, formatLimit, handlingLabel, visitsLabel } from './labels.ts';

/** The numbers an applicant asks first: how long, how many visits, what it costs, how to apply. */
export function ItemFacts({ item }: { item: Schema<'ItemVersion'> }) {
  const { t } = useI18n();
  const facts: [string, string, string?][] = [
    [t('item.statutoryLimit'), formatLimit(t, item.statutoryLimit), item.statutoryLimit.note],
    [t('item.promisedLimit'), formatLimit(t, item.promisedLimit), item.promisedLimit.note],
    [t('item.visits'), visitsLabel(t, item.visits)],
    [t('item.fee'), item.fee?.charged ? t('item.fee.charged') : t('item.fee.free')],
    [t('item.handlingType'), handlingLabel(t, item.handlingType)],
    [t('item.channels'), item.channels.map((c) => channelLabel(t, c)).join(' · ') || '—'],
  ];
  return (
    <dl className="item-facts">
      {facts.map(([label, value, note]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>
            {value}
            {note ? <small>{note}</small> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
