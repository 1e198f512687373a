import { Spin } from 'antd';
import { useI18n } from '../i18n/useI18n.ts';

/** Loading state inside the staff app (Ant Design). */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="ow-page-loading">
      <Spin size="large" description={t('state.loading')} />
    </div>
  );
}
