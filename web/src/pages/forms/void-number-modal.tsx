import { App, Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import type { FormRangeDto } from '@quancheng/contracts';
import { useVoidFormNumber } from '../../api/forms';
import { busy } from '../../components/busy';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';

interface Values {
  number?: number | null;
  reason: string;
}

interface Props {
  /** The pad whose number is voided; the modal is open while one is given. */
  pad: FormRangeDto | null;
  onClose: () => void;
}

/**
 * 作废编号: a spoiled, torn-out or lost form is accounted for with its reason (A10.1), so that the
 * pad has no unexplained gap. The number offered is the pad's next one, the form usually spoiled.
 */
export function VoidNumberModal({ pad, onClose }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const voidNumber = useVoidFormNumber();
  const showError = useApiError();

  useEffect(() => {
    if (pad) {
      form.resetFields();
      form.setFieldsValue({ number: pad.next ?? pad.first });
    }
  }, [pad, form]);

  const onFinish = (v: Values) => {
    if (!pad) {
      return;
    }
    voidNumber.mutate(
      { id: pad.id, input: { number: v.number ?? 0, reason: v.reason.trim() } },
      {
        onSuccess: (updated) => {
          const voided = updated.numbers.find((n) => n.number === v.number);
          void message.success(t('forms.voidDone', { number: voided?.display ?? String(v.number) }));
          onClose();
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Modal
      open={pad !== null}
      title={t('forms.void')}
      okText={t('forms.voidConfirm')}
      okButtonProps={{ danger: true, loading: busy(voidNumber.isPending) }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Alert type="warning" showIcon title={t('forms.voidHelp')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" name="form-void" onFinish={onFinish}>
        {/* The number has no min/max: antd would silently clamp a mistyped number to another, real one. */}
        <Form.Item
          label={t('forms.number')}
          name="number"
          extra={
            pad ? t('forms.voidNumberHelp', { first: pad.firstDisplay, last: pad.lastDisplay }) : undefined
          }
          rules={[{ required: true, message: t('forms.required.number') }]}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label={t('forms.reason')}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: t('forms.required.reason') },
            { min: 2, message: t('forms.required.reason') },
          ]}
        >
          <Input.TextArea maxLength={500} rows={3} placeholder={t('forms.voidReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
