import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import type { UserDto } from '@quancheng/contracts';
import { useResetUserPassword } from '../../../api/users';
import { busy } from '../../../components/busy';
import { PasswordHints } from '../../../components/password-hints';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';

interface Props {
  /** The person whose password is reset; null when closed. */
  user: UserDto | null;
  onClose: () => void;
}

/** Sets a temporary password that its owner must change at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetUserPassword();
  const showError = useApiError();
  const password = Form.useWatch('password', form) ?? '';

  useEffect(() => {
    if (user) {
      form.resetFields();
    }
  }, [user, form]);

  const onFinish = ({ password: next }: { password: string }) => {
    if (!user) {
      return;
    }
    reset.mutate(
      { id: user.id, password: next },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset', { name: user.name }));
          onClose();
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { name: user?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy(reset.isPending) }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={onFinish} name="reset-password-form">
        <Form.Item
          label={t('users.tempPassword')}
          name="password"
          extra={t('users.tempPasswordHelp')}
          rules={[{ required: true, message: t('users.required.tempPassword') }]}
          style={{ marginBottom: 8 }}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordHints password={password} username={user?.username} />
      </Form>
    </Modal>
  );
}
