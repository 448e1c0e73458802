import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { passwordProblems } from '@quancheng/contracts';
import { useChangePassword } from '../../api/auth';
import { busy } from '../../components/busy';
import { PasswordHints } from '../../components/password-hints';
import { useSignedIn } from '../../components/route-guards';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; the only page open while the password must be changed. */
export function ChangePasswordPage() {
  const { t } = useT();
  const me = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const change = useChangePassword();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';

  const onFinish = ({ currentPassword, newPassword: next }: Values) => {
    change.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          void navigate('/', { replace: true });
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Card title={t('password.title')} style={{ maxWidth: 520 }}>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        {/* Lets password managers tie the new password to this account. */}
        <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
        <Form.Item
          label={t('password.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('password.required.current') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('password.new')}
          name="newPassword"
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('password.required.new') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (!value) {
                  return;
                }
                if (passwordProblems(value, me.user.username).length > 0) {
                  throw new Error(t('password.policyFailed'));
                }
                if (value === getFieldValue('currentPassword')) {
                  throw new Error(t('password.rule.same'));
                }
              },
            }),
          ]}
          style={{ marginBottom: 8 }}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordHints password={newPassword} username={me.user.username} />
        <Form.Item
          label={t('password.confirm')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required.confirm') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) {
                  throw new Error(t('password.mismatch'));
                }
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy(change.isPending)}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
