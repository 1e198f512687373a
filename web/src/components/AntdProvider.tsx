import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { theme } from '../theme.ts';

/**
 * Ant Design's locale (zh_CN, or en_US after the switch), theme and message/modal context. Only the
 * pages behind the login use Ant Design, so this lives in their lazily loaded chunks, not in the entry.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
