import { useEffect } from 'react';
import { useI18n } from '../i18n/useI18n.ts';

/** Sets the browser tab's title: "page · 一窗通办". */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
