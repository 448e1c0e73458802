import {
  ApartmentOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Permission } from '@quancheng/contracts';
import { useLogout } from '../api/auth';
import { useT, type MessageId } from '../i18n';
import { busy } from './busy';
import { LanguageSwitch } from './language-switch';
import { PageLoading } from './page-state';
import { PASSWORD_PATH, useSignedIn } from './route-guards';

interface NavEntry {
  path: string;
  label: MessageId;
  icon: ReactNode;
  /** Shown only when the API granted this permission; the UI never derives it from roles. */
  permission?: Permission;
}

const NAV: NavEntry[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/admin/units', label: 'nav.units', icon: <ApartmentOutlined />, permission: 'unit.manage' },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/ledger', label: 'nav.ledger', icon: <SafetyCertificateOutlined />, permission: 'ledger.verify' },
];

function selectedKey(pathname: string): string {
  const match = NAV.filter((e) => e.path !== '/' && pathname.startsWith(e.path))[0];
  return match?.path ?? pathname;
}

/** The frame of every signed-in page: navigation by permission, the user and the session actions. */
export function AppLayout() {
  const me = useSignedIn();
  const { t } = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const { token } = theme.useToken();

  const items: MenuProps['items'] = me.mustChangePassword
    ? []
    : NAV.filter((e) => !e.permission || me.permissions.includes(e.permission)).map((e) => ({
        key: e.path,
        icon: e.icon,
        label: t(e.label),
      }));

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div style={{ padding: '18px 24px', color: '#fff' }}>
          <div style={{ fontSize: 20, fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</div>
          <div style={{ fontSize: 12, opacity: 0.65 }}>{t('app.subtitle')}</div>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('app.name')}
          selectedKeys={[selectedKey(location.pathname)]}
          items={items}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex justify="flex-end" align="center" gap={16} style={{ height: '100%' }}>
            <Typography.Text data-testid="current-user">
              <strong>{me.user.name}</strong>
              <Typography.Text type="secondary"> · {me.user.unitName}</Typography.Text>
            </Typography.Text>
            <LanguageSwitch />
            <Button
              type="text"
              icon={<KeyOutlined />}
              onClick={() => void navigate(PASSWORD_PATH)}
              disabled={location.pathname === PASSWORD_PATH}
            >
              {t('nav.changePassword')}
            </Button>
            <Button type="text" icon={<LogoutOutlined />} onClick={onLogout} loading={busy(logout.isPending)}>
              {t('nav.logout')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
