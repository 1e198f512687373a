import { Link } from 'react-router';
import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { channelLabel, formatLimit, handlingLabel, itemTypeLabel } from './labels.ts';

/** One item in the guide's list: what it is, who handles it and how long it takes. */
export function ItemCard({ item }: { item: Schema<'GuideItemSummary'> }) {
  const { t } = useI18n();
  return (
    <li className="pub-item">
      <Link to={`/guide/items/${item.itemId}`} className="pub-item-link">
        <span className="pub-item-name">{item.name}</span>
        <span className="pub-item-dept">{item.department.name}</span>
        <span className="pub-item-meta">
          <span className="pub-tag pub-tag-blue">{itemTypeLabel(t, item.itemType)}</span>
          <span className="pub-tag">{handlingLabel(t, item.handlingType)}</span>
          <span className="pub-item-limit">
            {t('guide.promised')} <strong>{formatLimit(t, item.promisedLimit)}</strong>
          </span>
          {item.channels.includes('online') && (
            <span className="pub-tag pub-tag-green">{channelLabel(t, 'online')}</span>
          )}
        </span>
      </Link>
    </li>
  );
}
