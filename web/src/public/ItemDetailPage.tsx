import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { Spinner } from '../components/Spinner.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { ItemGuide } from './ItemGuide.tsx';
import { PublicError } from './PublicError.tsx';

/** The public guide of one item, from GET /api/v1/guide/items/{id}. */
export default function ItemDetailPage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const item = useQuery((signal) => api.get('/api/v1/guide/items/{id}', { path: { id }, signal }), [id]);
  useDocumentTitle(item.data?.name ?? t('nav.guide'));

  return (
    <div className="pub-detail">
      <Link
        to="/"
        className="pub-back"
        onClick={(e) => {
          if (history.length > 1) {
            e.preventDefault();
            history.back();
          }
        }}
      >
        ← {t('guide.back')}
      </Link>
      <PublicError error={item.error} onRetry={item.reload} />
      {item.loading && !item.data && <Spinner />}
      {item.data && (
        <ItemGuide
          item={item.data}
          flow={item.data.flow}
          fileLink={(fileId) => item.data?.files[fileId]}
          aside={
            <p className="item-version">
              {t('item.version', { v: item.data.version })} · {t('item.publishedAt')}{' '}
              {date(item.data.publishedAt)}
              <button type="button" className="pub-print" onClick={() => window.print()}>
                {t('action.print')}
              </button>
            </p>
          }
        />
      )}
    </div>
  );
}
