import { Tag } from 'antd';
import type { Schema } from '../api/types.ts';
import type { MessageKey, Translate } from '../i18n/useI18n.ts';

export type Light = 'green' | 'yellow' | 'red' | 'suspended';
export type Notice = Schema<'ListedSupervisionNotice'>;
export type NoticeStatus = Notice['status'];
export type Level = Notice['level'];

const LIGHT_COLOR: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red', suspended: 'blue' };
const STATUS_COLOR: Record<NoticeStatus, string> = { open: 'orange', replied: 'green', cancelled: 'default' };

export const LIGHTS: Light[] = ['green', 'yellow', 'red', 'suspended'];
const LIGHT_LABEL: Record<Light, MessageKey> = {
  green: 'sup.light.green',
  yellow: 'sup.light.yellow',
  red: 'sup.light.red',
  suspended: 'sup.light.suspended',
};
const STATUS_LABEL: Record<NoticeStatus, MessageKey> = {
  open: 'sup.status.open',
  replied: 'sup.status.replied',
  cancelled: 'sup.status.cancelled',
};
const LEVEL_LABEL: Record<Level, MessageKey> = {
  office: 'sup.level.office',
  department: 'sup.level.department',
  centre: 'sup.level.centre',
};

export function LightTag({ light, t, count }: { light: Light; t: Translate; count?: number }) {
  return (
    <Tag color={LIGHT_COLOR[light]} data-light={light}>
      {t(LIGHT_LABEL[light])}
      {count !== undefined ? ` ${count}` : ''}
    </Tag>
  );
}

export function NoticeStatusTag({ status, t }: { status: NoticeStatus; t: Translate }) {
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {t(STATUS_LABEL[status])}
    </Tag>
  );
}

export const levelLabel = (level: Level, t: Translate) => t(LEVEL_LABEL[level]);
