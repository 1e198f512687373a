import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useAuth } from '../auth/useAuth.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { roleLabel } from './roles.ts';

export function UserMenu() {
  const { me, logout } = useAuth();
  const { t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div className="shell-who">
                <strong>{me.displayName}</strong>
                <span>{me.username}</span>
                <span>{me.roles.map((r) => roleLabel(t, r)).join(' · ')}</span>
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: t('action.logout'),
            onClick: () => void logout(),
          },
        ],
      }}
    >
      <Button type="text" className="shell-user" icon={<UserOutlined />} data-testid="user-menu">
        {me.displayName}
      </Button>
    </Dropdown>
  );
}
