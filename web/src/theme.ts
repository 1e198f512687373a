import type { ThemeConfig } from 'antd';

/** Government blue, square-ish corners, dense tables and CJK-first fonts. */
export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1552a8',
    colorInfo: '#1552a8',
    colorLink: '#1552a8',
    colorError: '#c62828',
    colorWarning: '#d97706',
    colorSuccess: '#2e7d32',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#0f3f82', siderBg: '#ffffff', bodyBg: '#f2f4f7', headerHeight: 56 },
    Table: { cellPaddingBlockSM: 6, headerBg: '#f5f7fa' },
    Menu: { itemHeight: 40 },
  },
};
