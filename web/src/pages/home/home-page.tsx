import { ApartmentOutlined, CheckOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import type { Permission } from '@quancheng/contracts';
import { useSignedIn } from '../../components/route-guards';
import { useT, type MessageId } from '../../i18n';
import { MyDeadlinesCard } from '../deadlines/my-deadlines-card';

/** Where a permission leads, when it has a page of its own. */
const PERMISSION_PAGES: Partial<Record<Permission, string>> = {
  'unit.manage': '/admin/units',
  'user.read': '/admin/users',
  'ledger.verify': '/ledger',
  'recording.upload': '/recordings/upload',
  'recording.read': '/recordings',
  'recording.read_all': '/recordings',
  'device.manage': '/admin/devices',
  'device.manage_unit': '/admin/devices',
  'case.read': '/cases',
  'case.read_all': '/cases',
  'case.register': '/cases/new',
  'case.approve': '/approvals',
};

/** 工作台: who I am, my certificate today, my roles and what they let me do. */
export function HomePage() {
  const me = useSignedIn();
  const { t, roleLabel } = useT();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const { user } = me;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: user.name })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('home.unit')}>
            <ApartmentOutlined style={{ marginRight: 6 }} />
            {user.unitName}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            <Space wrap size={4}>
              {user.roles.map((role) => (
                <Tag key={role} color="blue">
                  {roleLabel(role)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.cert')}>
            {user.certifiedToday ? (
              <Tag color="success" icon={<SafetyCertificateOutlined />} data-testid="cert-status">
                {t('home.certValid')}
              </Tag>
            ) : (
              <Tag color="warning" data-testid="cert-status">
                {t('home.certInvalid')}
              </Tag>
            )}
            {user.certNo && user.certValidTo && (
              <Typography.Text type="secondary">
                {t('home.certDetail', { no: user.certNo, to: user.certValidTo })}
              </Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">
          {t('home.session', {
            time: dayjs(me.sessionExpiresAt).format('YYYY-MM-DD HH:mm'),
            minutes: me.idleTimeoutMinutes,
          })}
        </Typography.Text>
      </Card>
      {!user.certifiedToday && user.roles.includes('officer') && (
        <Alert type="warning" showIcon title={t('home.certInvalidOfficer')} />
      )}
      {(me.permissions.includes('case.read') || me.permissions.includes('case.read_all')) && (
        <MyDeadlinesCard />
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.rolesCard')} style={{ height: '100%' }}>
            <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {user.roles.map((role) => (
                <li key={role}>
                  <Typography.Text strong>{roleLabel(role)}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {t(`role.${role}.duty` satisfies MessageId)}
                  </Typography.Paragraph>
                </li>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.abilitiesCard')} style={{ height: '100%' }}>
            {me.permissions.length === 0 && (
              <Typography.Text type="secondary">{t('home.noAbilities')}</Typography.Text>
            )}
            <Flex vertical gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {me.permissions.map((permission) => {
                const page = PERMISSION_PAGES[permission];
                return (
                  <Flex key={permission} component="li" justify="space-between" align="center">
                    <span>
                      <CheckOutlined style={{ color: token.colorSuccess }} />{' '}
                      {t(`perm.${permission}` satisfies MessageId)}
                    </span>
                    {page && (
                      <Button type="link" size="small" onClick={() => void navigate(page)}>
                        {t('home.open')}
                      </Button>
                    )}
                  </Flex>
                );
              })}
            </Flex>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
