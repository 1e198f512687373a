import { Alert, Button } from 'antd';
import { ApiError, errorMessage } from '../api/errors.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** A server or network error in plain language, with a retry button when the caller can retry. */
export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const network = error instanceof ApiError && error.code === 'network_error';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="ow-error"
      title={title ?? (network ? t('error.network.title') : t('error.title'))}
      description={errorMessage(error, lang)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        )
      }
    />
  );
}
