import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { DeviceDto, DeviceStatus, UnitDto } from '@quancheng/contracts';
import { useCreateDevice, useUpdateDevice } from '../../../api/devices';
import { busy } from '../../../components/busy';
import { useSignedIn } from '../../../components/route-guards';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { useRecordingLabels } from '../../recordings/shared/labels';
import { PersonSelect } from '../../recordings/shared/person-select';

interface Values {
  deviceNumber: string;
  model?: string;
  unitId?: string;
  officerId?: string | null;
  status: DeviceStatus;
  note?: string;
}

interface Props {
  open: boolean;
  /** The device being edited, or null to register one. */
  device: DeviceDto | null;
  units: UnitDto[];
  onClose: () => void;
}

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** 登记/编辑执法记录仪: the number is the device's identity on its recordings and is fixed once registered. */
export function DeviceFormModal({ open, device, units, onClose }: Props) {
  const { t } = useT();
  const me = useSignedIn();
  const { message } = App.useApp();
  const labels = useRecordingLabels();
  const [form] = Form.useForm<Values>();
  const create = useCreateDevice();
  const update = useUpdateDevice();
  const showError = useApiError();
  const unitId = Form.useWatch('unitId', form);

  useEffect(() => {
    if (!open) {
      return;
    }
    form.resetFields();
    form.setFieldsValue(
      device
        ? {
            deviceNumber: device.deviceNumber,
            model: device.model ?? undefined,
            unitId: device.unitId,
            officerId: device.officerId,
            status: device.status,
            note: device.note ?? undefined,
          }
        : { status: 'active', unitId: me.user.unitId, officerId: null },
    );
  }, [open, device, form, me.user.unitId]);

  const onFinish = (values: Values) => {
    const common = {
      model: blankToNull(values.model),
      unitId: values.unitId ?? '',
      officerId: values.officerId ?? null,
      status: values.status,
      note: blankToNull(values.note),
    };
    const onError = (error: unknown) => showError(error, form);
    if (device) {
      update.mutate(
        { id: device.id, input: common },
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
      { ...common, deviceNumber: values.deviceNumber.trim().toUpperCase() },
      {
        onSuccess: (created) => {
          void message.success(t('devices.created', { number: created.deviceNumber }));
          onClose();
        },
        onError,
      },
    );
  };

  const unitOptions = units
    .filter((u) => u.active || u.id === device?.unitId)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <Modal
      open={open}
      title={device ? t('devices.edit') : t('devices.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy(create.isPending || update.isPending) }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="device-form"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          if ('unitId' in changed) {
            form.setFieldValue('officerId', null);
          }
        }}
      >
        <Form.Item
          label={t('rec.deviceNumber')}
          name="deviceNumber"
          extra={device ? t('devices.numberFixed') : undefined}
          rules={[
            { required: true, whitespace: true, message: t('devices.required.number') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, message: t('upload.deviceInvalid') },
          ]}
        >
          <Input disabled={device !== null} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('devices.model')} name="model">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          label={t('list.unit')}
          name="unitId"
          rules={[{ required: true, message: t('devices.required.unit') }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item label={t('devices.officer')} name="officerId">
          <PersonSelect
            unitId={unitId}
            known={
              device?.officerId && device.officerName
                ? [{ id: device.officerId, name: device.officerName }]
                : []
            }
          />
        </Form.Item>
        <Form.Item label={t('common.status')} name="status">
          <Select options={labels.deviceStatusOptions} />
        </Form.Item>
        <Form.Item label={t('rec.note')} name="note">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
