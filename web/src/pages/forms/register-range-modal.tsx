import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { formatFormNumber } from '@quancheng/contracts';
import { useOfficerOptions } from '../../api/cases';
import { useRegisterFormRange } from '../../api/forms';
import { useUnits } from '../../api/units';
import { busy } from '../../components/busy';
import { useSignedIn } from '../../components/route-guards';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';

/** The form's fields carry the API's names, so a refusal naming a field lands under it. */
interface Values {
  unitId: string;
  series?: string;
  first?: number | null;
  last?: number | null;
  digits: number;
  holderId?: string | null;
  note?: string;
}

interface Props {
  open: boolean;
  /** The legal office registers for any unit; a unit head for their own only. */
  allUnits: boolean;
  onClose: () => void;
}

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** The printed range as the officer will read it on the forms, once first and last are typed. */
function Preview({ values }: { values: Partial<Values> | undefined }) {
  const { t } = useT();
  const { series, first, last, digits } = values ?? {};
  if (typeof first !== 'number' || typeof last !== 'number' || typeof digits !== 'number' || last < first) {
    return null;
  }
  const prefix = series?.trim() ?? '';
  return (
    <Typography.Text type="secondary" data-testid="form-range-preview">
      {t('forms.preview', {
        first: formatFormNumber(prefix, digits, first),
        last: formatFormNumber(prefix, digits, last),
        count: last - first + 1,
      })}
    </Typography.Text>
  );
}

/** 登记编号段: a pad of pre-printed forms handed to the unit or one of its certified officers. */
export function RegisterRangeModal({ open, allUnits, onClose }: Props) {
  const { t } = useT();
  const me = useSignedIn();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const register = useRegisterFormRange();
  const showError = useApiError();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const unitId = values?.unitId ?? me.user.unitId;
  const units = useUnits(open && allUnits);
  const officers = useOfficerOptions(unitId);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ unitId: me.user.unitId, digits: 6 });
    }
  }, [open, form, me.user.unitId]);

  const onFinish = (v: Values) => {
    register.mutate(
      {
        series: v.series?.trim() ?? '',
        first: v.first ?? 0,
        last: v.last ?? 0,
        digits: v.digits,
        ...(allUnits ? { unitId: v.unitId } : {}),
        holderId: v.holderId ?? null,
        note: blankToNull(v.note),
      },
      {
        onSuccess: (pad) => {
          void message.success(t('forms.registered', { first: pad.firstDisplay, last: pad.lastDisplay }));
          onClose();
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('forms.register')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy(register.isPending) }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="form-range"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          if ('unitId' in changed) {
            form.setFieldValue('holderId', undefined);
          }
        }}
      >
        {allUnits && (
          <Form.Item
            label={t('forms.unit')}
            name="unitId"
            rules={[{ required: true, message: t('forms.required.unit') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isFetching}
              options={(units.data?.items ?? [])
                .filter((u) => u.active)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('forms.series')} name="series" extra={t('forms.seriesHelp')}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('forms.first')}
          name="first"
          rules={[{ required: true, message: t('forms.required.first') }]}
        >
          <InputNumber min={0} max={99_999_999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label={t('forms.last')}
          name="last"
          rules={[{ required: true, message: t('forms.required.last') }]}
        >
          <InputNumber min={0} max={99_999_999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('forms.digits')} name="digits" extra={t('forms.digitsHelp')}>
          <InputNumber min={1} max={8} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('forms.holder')} name="holderId" extra={t('forms.holderHelp')}>
          <Select<string>
            allowClear
            placeholder={t('forms.holderPlaceholder')}
            loading={officers.isFetching}
            notFoundContent={officers.isError ? t('app.loadFailed') : undefined}
            showSearch={{ optionFilterProp: 'title' }}
            options={(officers.data?.items ?? []).map((o) => ({
              value: o.id,
              title: o.name,
              label: (
                <span>
                  {o.name}
                  <Typography.Text
                    type={o.certifiedToday ? 'secondary' : 'warning'}
                    style={{ marginLeft: 6 }}
                  >
                    {o.certifiedToday
                      ? t('register.certNo', { no: o.certNo ?? '' })
                      : t('register.certInvalid')}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('forms.note')} name="note">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Preview values={values} />
      </Form>
    </Modal>
  );
}
