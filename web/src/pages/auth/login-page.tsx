import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginInput } from '@quancheng/contracts';
import { useLogin, useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { sessionLostNotice } from '../../api/sign-out-notes';
import { busy } from '../../components/busy';
import { LanguageSwitch } from '../../components/language-switch';
import { PageLoading } from '../../components/page-state';
import { PASSWORD_PATH } from '../../components/route-guards';
import { useT } from '../../i18n';

function fromState(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/login') ? state.from : '/';
  }
  return '/';
}

export function LoginPage() {
  const { t } = useT();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginInput>();
  const [error, setError] = useState<string | null>(null);
  const lostNotice = sessionLostNotice();

  if (me.isPending) {
    return <PageLoading />;
  }
  if (me.data) {
    return <Navigate to={me.data.mustChangePassword ? PASSWORD_PATH : fromState(location.state)} replace />;
  }

  const onFinish = (values: LoginInput) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (result) => {
        void navigate(result.mustChangePassword ? PASSWORD_PATH : fromState(location.state), {
          replace: true,
        });
      },
      onError: (e) => {
        setError(isApiError(e) ? e.message : t('app.loadFailed'));
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          <LanguageSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t('login.heading')}</Typography.Paragraph>
        {lostNotice && !error && (
          <Alert
            type="info"
            showIcon
            title={lostNotice}
            style={{ marginBottom: 16 }}
            data-testid="session-lost"
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.required.username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.required.password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy(login.isPending)}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
