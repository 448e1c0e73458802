import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { ROLES, type Role, type UnitDto, type UserDto } from '@quancheng/contracts';
import { useCreateUser, useUpdateUser } from '../../../api/users';
import { busy } from '../../../components/busy';
import { PasswordHints } from '../../../components/password-hints';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';

interface Values {
  username: string;
  name: string;
  unitId?: string;
  roles: Role[];
  certNo?: string;
  certValidity?: [Dayjs | null, Dayjs | null] | null;
  phone?: string;
  password?: string;
}

interface Props {
  open: boolean;
  /** The person being edited, or null to create one. */
  user: UserDto | null;
  units: UnitDto[];
  onClose: () => void;
}

/** The server names the two dates separately; the form shows them as one range. */
const FIELD_MAP = { certValidFrom: 'certValidity', certValidTo: 'certValidity' };
const DATE = 'YYYY-MM-DD';

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function toValues(user: UserDto | null): Partial<Values> {
  if (!user) {
    return { roles: [] };
  }
  return {
    username: user.username,
    name: user.name,
    unitId: user.unitId,
    roles: user.roles,
    certNo: user.certNo ?? undefined,
    certValidity:
      user.certValidFrom && user.certValidTo ? [dayjs(user.certValidFrom), dayjs(user.certValidTo)] : null,
    phone: user.phone ?? undefined,
  };
}

function certFields(values: Values) {
  const [from, to] = values.certValidity ?? [null, null];
  return {
    certNo: blankToNull(values.certNo),
    certValidFrom: from ? from.format(DATE) : null,
    certValidTo: to ? to.format(DATE) : null,
    phone: blankToNull(values.phone),
  };
}

export function UserFormDrawer({ open, user, units, onClose }: Props) {
  const { t, roleLabel } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const showError = useApiError();
  const username = Form.useWatch('username', form) ?? '';
  const password = Form.useWatch('password', form) ?? '';

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(user));
    }
  }, [open, user, form]);

  const unitOptions = units
    .filter((u) => u.active || u.id === user?.unitId)
    .map((u) => ({ value: u.id, label: u.name }));
  const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

  const onFinish = (values: Values) => {
    const onError = (error: unknown) => showError(error, form, FIELD_MAP);
    const common = {
      name: values.name.trim(),
      unitId: values.unitId ?? '',
      roles: values.roles,
      ...certFields(values),
    };
    if (user) {
      update.mutate(
        { id: user.id, input: common },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { ...common, username: values.username.trim(), password: values.password ?? '' },
      {
        onSuccess: (created) => {
          void message.success(t('users.created', { name: created.name }));
          onClose();
        },
        onError,
      },
    );
  };

  return (
    <Drawer
      open={open}
      title={user ? t('users.edit') : t('users.create')}
      size={520}
      onClose={onClose}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            onClick={() => form.submit()}
            loading={busy(create.isPending || update.isPending)}
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={onFinish} name="user-form">
        <Form.Item
          label={t('users.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('users.required.username') }]}
        >
          <Input disabled={user !== null} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('users.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('users.required.name') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          label={t('users.unit')}
          name="unitId"
          rules={[{ required: true, message: t('users.required.unit') }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item
          label={t('users.roles')}
          name="roles"
          rules={[{ required: true, type: 'array', min: 1, message: t('users.required.roles') }]}
        >
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={roleOptions} />
        </Form.Item>
        <Form.Item label={t('users.certNo')} name="certNo">
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          label={t('users.certValidity')}
          name="certValidity"
          dependencies={['certNo']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: Values['certValidity']) => {
                const certNo = getFieldValue('certNo') as string | undefined;
                if (certNo?.trim() && !(value?.[0] && value[1])) {
                  throw new Error(t('users.required.certValidity'));
                }
              },
            }),
          ]}
        >
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            format={DATE}
            placeholder={[t('users.certStart'), t('users.certEnd')]}
          />
        </Form.Item>
        <Form.Item label={t('users.phone')} name="phone">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        {user === null && (
          <>
            <Form.Item
              label={t('users.initialPassword')}
              name="password"
              extra={t('users.initialPasswordHelp')}
              rules={[{ required: true, message: t('users.required.password') }]}
              style={{ marginBottom: 8 }}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <PasswordHints password={password} username={username} />
          </>
        )}
      </Form>
    </Drawer>
  );
}
