import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { UnitDto } from '@quancheng/contracts';
import { useCreateUnit, useUpdateUnit } from '../../../api/units';
import { busy } from '../../../components/busy';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';

interface Values {
  name: string;
  code?: string;
  parentId?: string;
}

interface Props {
  open: boolean;
  /** The unit being edited, or null to create one. */
  unit: UnitDto | null;
  units: UnitDto[];
  onClose: () => void;
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function UnitFormModal({ open, unit, units, onClose }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const showError = useApiError();

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        name: unit?.name ?? '',
        code: unit?.code ?? undefined,
        parentId: unit?.parentId ?? undefined,
      });
    }
  }, [open, unit, form]);

  const parents = units
    .filter((u) => u.active && u.id !== unit?.id)
    .map((u) => ({ value: u.id, label: u.name }));

  const onFinish = (values: Values) => {
    const input = {
      name: values.name.trim(),
      code: blankToNull(values.code),
      parentId: values.parentId ?? null,
    };
    const onError = (error: unknown) => showError(error, form);
    if (unit) {
      update.mutate(
        { id: unit.id, input },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          void message.success(t('units.created', { name: created.name }));
          onClose();
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open={open}
      title={unit ? t('units.edit') : t('units.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy(create.isPending || update.isPending) }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={onFinish} name="unit-form">
        <Form.Item
          label={t('units.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('units.required.name') }]}
        >
          <Input maxLength={64} autoFocus />
        </Form.Item>
        <Form.Item label={t('units.code')} name="code">
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item label={t('units.parent')} name="parentId">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={parents} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
