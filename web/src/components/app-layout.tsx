import {
  ApartmentOutlined,
  AuditOutlined,
  CameraOutlined,
  TabletOutlined,
  CloudUploadOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  NumberOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Badge, Button, Flex, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Permission } from '@quancheng/contracts';
import { useLogout } from '../api/auth';
import { useT, type MessageId } from '../i18n';
import { busy } from './busy';
import { LanguageSwitch } from './language-switch';
import { PageLoading } from './page-state';
import { PASSWORD_PATH, useSignedIn } from './route-guards';
import { isActive, UploadQueueProvider, useUploadQueue } from '../pages/recordings/upload/use-upload-queue';
import { useApprovals } from '../api/cases';
import { NotificationsBell } from '../pages/deadlines/notifications-bell';

interface NavEntry {
  path: string;
  label: MessageId;
  icon: ReactNode;
  /** Shown only when the API granted this permission (or one of these); the UI never derives it from roles. */
  permission?: Permission | readonly Permission[];
}

const UPLOAD_PATH = '/recordings/upload';

/** 音像记录上传, with the number of files still transferring while the officer is elsewhere. */
function UploadNavLabel({ label }: { label: string }) {
  const { items } = useUploadQueue();
  const running = items.filter(isActive).length;
  return (
    <Flex justify="space-between" align="center" gap={8}>
      <span>{label}</span>
      {running > 0 && <Badge count={running} color="#52c41a" />}
    </Flex>
  );
}

const APPROVALS_PATH = '/approvals';
const CASE_READ: readonly Permission[] = ['case.read', 'case.read_all'];

/** 审批, with the number of approvals waiting for me (re-read every minute). */
function ApprovalsNavLabel({ label }: { label: string }) {
  const inbox = useApprovals(
    { box: 'inbox', state: 'pending', page: 1, pageSize: 1 },
    { refetchInterval: 60_000 },
  );
  const waiting = inbox.data?.total ?? 0;
  return (
    <Flex justify="space-between" align="center" gap={8}>
      <span>{label}</span>
      {waiting > 0 && <Badge count={waiting} data-testid="approvals-badge" />}
    </Flex>
  );
}

const NAV: NavEntry[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  {
    path: '/recordings',
    label: 'nav.recordings',
    icon: <VideoCameraOutlined />,
    permission: ['recording.read', 'recording.read_all'],
  },
  {
    path: UPLOAD_PATH,
    label: 'nav.upload',
    icon: <CloudUploadOutlined />,
    permission: 'recording.upload',
  },
  { path: '/cases', label: 'nav.cases', icon: <FolderOpenOutlined />, permission: CASE_READ },
  { path: '/onsite', label: 'nav.onsite', icon: <TabletOutlined />, permission: 'case.register' },
  { path: APPROVALS_PATH, label: 'nav.approvals', icon: <AuditOutlined />, permission: CASE_READ },
  { path: '/deadlines', label: 'nav.deadlines', icon: <FieldTimeOutlined />, permission: CASE_READ },
  {
    path: '/completeness',
    label: 'nav.completeness',
    icon: <FileDoneOutlined />,
    permission: CASE_READ,
  },
  { path: '/forms', label: 'nav.forms', icon: <NumberOutlined />, permission: 'form.read' },
  { path: '/parties', label: 'nav.parties', icon: <IdcardOutlined />, permission: 'party.read' },
  { path: '/admin/units', label: 'nav.units', icon: <ApartmentOutlined />, permission: 'unit.manage' },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read' },
  {
    path: '/admin/devices',
    label: 'nav.devices',
    icon: <CameraOutlined />,
    permission: ['device.manage', 'device.manage_unit'],
  },
  { path: '/ledger', label: 'nav.ledger', icon: <SafetyCertificateOutlined />, permission: 'ledger.verify' },
];

function allowed(entry: NavEntry, granted: readonly Permission[]): boolean {
  if (!entry.permission) {
    return true;
  }
  const wanted: readonly Permission[] =
    typeof entry.permission === 'string' ? [entry.permission] : entry.permission;
  return wanted.some((p) => granted.includes(p));
}

/** The entry of the page shown: the longest path that starts it (/recordings/upload before /recordings). */
function selectedKey(pathname: string): string {
  const match = NAV.filter((e) => e.path !== '/' && pathname.startsWith(e.path)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
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
    : NAV.filter((e) => allowed(e, me.permissions)).map((e) => ({
        key: e.path,
        icon: e.icon,
        label:
          e.path === UPLOAD_PATH ? (
            <UploadNavLabel label={t(e.label)} />
          ) : e.path === APPROVALS_PATH && me.permissions.includes('case.approve') ? (
            <ApprovalsNavLabel label={t(e.label)} />
          ) : (
            t(e.label)
          ),
      }));

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  };

  return (
    <UploadQueueProvider userId={me.user.id}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
          <div style={{ padding: '18px 24px', color: '#fff', overflow: 'hidden', whiteSpace: 'nowrap' }}>
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
              {!me.mustChangePassword && CASE_READ.some((p) => me.permissions.includes(p)) && (
                <NotificationsBell />
              )}
              <LanguageSwitch />
              <Button
                type="text"
                icon={<KeyOutlined />}
                onClick={() => void navigate(PASSWORD_PATH)}
                disabled={location.pathname === PASSWORD_PATH}
              >
                {t('nav.changePassword')}
              </Button>
              <Button
                type="text"
                icon={<LogoutOutlined />}
                onClick={onLogout}
                loading={busy(logout.isPending)}
              >
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
    </UploadQueueProvider>
  );
}
