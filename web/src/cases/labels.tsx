// Small pieces the desk screens share: the traffic light of a clock, notices to print.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Tag } from 'antd';
import type { Schema } from '../api/types.ts';
import { type MessageKey, useI18n } from '../i18n/useI18n.ts';

const LIGHTS: Record<string, { color: string; label: MessageKey }> = {
  green: { color: 'green', label: 'desk.light.green' },
  yellow: { color: 'gold', label: 'desk.light.yellow' },
  red: { color: 'red', label: 'desk.light.red' },
  suspended: { color: 'default', label: 'desk.light.suspended' },
};

/** 红黄绿灯 of a clock (a step's or the case's). */
export function LightTag({ light }: { light: string | null | undefined }) {
  const { t } = useI18n();
  const l = light ? LIGHTS[light] : undefined;
  if (!l) return <Tag>{t('desk.light.none')}</Tag>;
  return (
    <Tag color={l.color} className={`ow-light ow-light-${light}`} data-light={light}>
      {t(l.label)}
    </Tag>
  );
}

export const lightRank = (light: string | null | undefined) =>
  ({ red: 0, yellow: 1, green: 2, suspended: 3 })[light ?? ''] ?? 4;

export const noticeUrl = (caseId: string, noticeId: string) =>
  `/api/v1/cases/${caseId}/notices/${noticeId}?format=pdf`;

/** The notices of a case, each printable in one click (the PDF opens in a new tab). */
export function NoticeButtons({ caseId, notices }: { caseId: string; notices: Schema<'NoticeSummary'>[] }) {
  const { t } = useI18n();
  if (!notices.length) return <span className="muted">{t('desk.notices.none')}</span>;
  return (
    <Space wrap>
      {notices.map((n) => (
        <Button
          key={n.id}
          icon={<PrinterOutlined />}
          href={noticeUrl(caseId, n.id)}
          target="_blank"
          rel="noopener"
          data-testid={`notice-${n.kind}`}
        >
          {t('desk.notices.print', { title: n.title })}
          <span className="muted small"> {n.documentNumber}</span>
        </Button>
      ))}
    </Space>
  );
}

/** A shortcut shown on a button: Alt+A. */
export const Kbd = ({ keys }: { keys: string }) => <kbd className="ow-kbd">{keys}</kbd>;
