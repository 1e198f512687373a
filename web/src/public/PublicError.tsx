import { ApiError, errorMessage } from '../api/errors.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** A server or network error in plain words on a public page (no Ant Design here). */
export function PublicError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const network = error instanceof ApiError && error.code === 'network_error';
  return (
    <div className="pub-notice pub-notice-error" role="alert">
      <strong>{network ? t('error.network.title') : t('error.title')}</strong>
      <p>{errorMessage(error, lang)}</p>
      {onRetry && (
        <button type="button" className="pub-retry" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}
