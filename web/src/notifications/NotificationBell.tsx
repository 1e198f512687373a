import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, List, Segmented, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import type { Schema } from '../api/types.ts';
import { useAuth } from '../auth/useAuth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';

type Item = Schema<'Notification'>;
const POLL_MS = 60_000;

/** Where a message leads: a 督办单 to the page that answers it (or watches it), else nowhere. */
function useTarget() {
  const { can } = useAuth();
  return (n: Item): string | null => {
    if (!n.kind.startsWith('supervision.')) return null;
    if (can('supervision.reply')) return '/staff/supervision/replies';
    if (can('supervision.read')) return '/staff/supervision';
    return null;
  };
}

/** 消息提醒: the bell in the header with the unread count, and the inbox in a side panel. */
export function NotificationBell() {
  const { t, dateTime, lang } = useI18n();
  const { message } = App.useApp();
  const target = useTarget();
  const [open, setOpen] = useState(false);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const inbox = useQuery(
    (signal) =>
      api.get('/api/v1/notifications', {
        query: { limit: 50, unread: onlyUnread ? 'true' : undefined },
        signal,
      }),
    [onlyUnread],
  );
  const { reload } = inbox;
  // Reminders arrive from the server's timers: look again every minute, and whenever the panel opens.
  useEffect(() => {
    const id = setInterval(reload, POLL_MS);
    return () => clearInterval(id);
  }, [reload]);
  const unread = inbox.data?.unread ?? 0;

  const markRead = async (n: Item) => {
    if (n.readAt) return;
    try {
      await api.post('/api/v1/notifications/{id}/read', { path: { id: n.id } });
      reload();
    } catch (e) {
      message.error(errorMessage(e, lang));
    }
  };
  const markAll = async () => {
    try {
      await api.post('/api/v1/notifications/read-all');
      reload();
    } catch (e) {
      message.error(errorMessage(e, lang));
    }
  };

  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          className="notif-bell on-dark"
          icon={<BellOutlined />}
          aria-label={t('notif.bell', { n: unread })}
          data-testid="notif-bell"
          onClick={() => {
            setOpen(true);
            reload();
          }}
        />
      </Badge>
      <Drawer
        title={t('notif.title')}
        open={open}
        onClose={() => setOpen(false)}
        size={420}
        extra={
          <Button size="small" onClick={markAll} disabled={!unread}>
            {t('notif.readAll')}
          </Button>
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented<'all' | 'unread'>
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(v) => setOnlyUnread(v === 'unread')}
            options={[
              { value: 'all', label: t('notif.all') },
              { value: 'unread', label: t('notif.unread', { n: unread }) },
            ]}
          />
          <ErrorAlert error={inbox.error} onRetry={reload} />
          <List<Item>
            className="notif-list"
            data-testid="notif-list"
            loading={inbox.loading && !inbox.data}
            dataSource={inbox.data?.items}
            locale={{ emptyText: t('notif.empty') }}
            renderItem={(n) => {
              const to = target(n);
              return (
                <List.Item
                  className={n.readAt ? 'notif-item' : 'notif-item unread'}
                  onClick={() => markRead(n)}
                  actions={
                    to
                      ? [
                          <Link
                            key="go"
                            to={to}
                            onClick={() => {
                              markRead(n);
                              setOpen(false);
                            }}
                          >
                            {t('notif.open')}
                          </Link>,
                        ]
                      : undefined
                  }
                >
                  <List.Item.Meta
                    title={n.title}
                    description={
                      <>
                        <div className="notif-body">{n.body}</div>
                        <small>{dateTime(n.createdAt)}</small>
                      </>
                    }
                  />
                </List.Item>
              );
            }}
          />
        </Space>
      </Drawer>
    </>
  );
}
