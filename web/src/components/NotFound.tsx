import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useI18n } from '../i18n/useI18n.ts';

export function NotFound({ home = '/' }: { home?: string }) {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="ow-result">
      <div className="ow-result-code">404</div>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to={home} className="ow-button-primary">
        {home === '/' ? t('nav.guide') : t('nav.home')}
      </Link>
    </div>
  );
}
