import { useI18n } from '../i18n/useI18n.ts';

/** A loading indicator without Ant Design, for the entry and the public pages. */
export function Spinner() {
  const { t } = useI18n();
  return (
    <div className="ow-page-loading" role="status">
      <span className="ow-spinner" aria-hidden />
      <span>{t('state.loading')}</span>
    </div>
  );
}
