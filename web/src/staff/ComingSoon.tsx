import { Result } from 'antd';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** The placeholder of a page a later issue builds. */
export default function ComingSoon() {
  const { t } = useI18n();
  useDocumentTitle(t('comingSoon.title'));
  return <Result status="info" title={t('comingSoon.title')} subTitle={t('comingSoon.text')} />;
}
