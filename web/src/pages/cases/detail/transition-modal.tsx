import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { TransitionDto } from '@quancheng/contracts';
import { usePerform, usePropose } from '../../../api/cases';
import { busy } from '../../../components/busy';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';
import { PersonSelect } from './person-select';

export type TransitionMode = 'propose' | 'perform' | 'override';

export interface TransitionAction {
  transition: TransitionDto;
  mode: TransitionMode;
}

type InputValue = string | number | Dayjs | null | undefined;

interface Values {
  opinion?: string;
  reason?: string;
  inputs?: Record<string, InputValue>;
}

/** The form's inputs as the engine takes them: a list one item a line, a date as YYYY-MM-DD. */
function cleanInputs(
  defs: TransitionDto['inputs'],
  inputs: Record<string, InputValue> | undefined,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const value = inputs?.[def.key];
    if (value === undefined || value === null) {
      continue;
    }
    if (def.type === 'number' && typeof value === 'number') {
      out[def.key] = value;
    } else if (def.type === 'date' && dayjs.isDayjs(value)) {
      out[def.key] = value.format('YYYY-MM-DD');
    } else if (def.type === 'person' && typeof value === 'string') {
      out[def.key] = value;
    } else if (typeof value === 'string' && value.trim()) {
      out[def.key] =
        def.type === 'list'
          ? value
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
          : value.trim();
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * 提请审批 (with the proposer's opinion), 办理 (with the step's inputs) or 例外放行 (with a
 * reason, where the procedure allows it). A refusal names what is missing; the case is re-read.
 */
export function TransitionModal({
  caseId,
  action,
  onClose,
}: {
  caseId: string;
  action: TransitionAction | null;
  onClose: () => void;
}) {
  const { t } = useT();
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const propose = usePropose(caseId);
  const perform = usePerform(caseId);
  const showError = useApiError();
  const mode = action?.mode;
  const tr = action?.transition;

  useEffect(() => {
    if (action) {
      form.resetFields();
    }
  }, [action, form]);

  const onFinish = (values: Values) => {
    if (!tr) {
      return;
    }
    const inputs = cleanInputs(tr?.inputs ?? [], values.inputs);
    const done = (text: string) => () => {
      void message.success(text);
      onClose();
    };
    const onError = (error: unknown) => showError(error, form);
    if (mode === 'propose') {
      propose.mutate(
        { transition: tr.id, input: { opinion: values.opinion?.trim() ?? '', inputs } },
        { onSuccess: done(t('next.proposed')), onError },
      );
      return;
    }
    perform.mutate(
      {
        transition: tr.id,
        input: {
          inputs,
          override: mode === 'override' ? { reason: values.reason?.trim() ?? '' } : undefined,
        },
      },
      { onSuccess: done(t('next.performed', { step: labels.loc(tr.toTitle) })), onError },
    );
  };

  const title =
    mode === 'propose'
      ? t('next.proposeTitle')
      : mode === 'override'
        ? t('next.overrideTitle')
        : t('next.performTitle');
  return (
    <Modal
      open={action !== null}
      title={tr ? `${title} · ${labels.loc(tr.title)}` : title}
      okText={
        mode === 'propose' ? t('next.propose') : mode === 'override' ? t('next.override') : t('next.perform')
      }
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy(propose.isPending || perform.isPending), danger: mode === 'override' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {tr && (
        <Typography.Paragraph type="secondary">
          {t('next.moves', { to: labels.loc(tr.toTitle) })}
          {tr.approval && mode === 'propose' && (
            <> {t('next.chainNote', { chain: tr.approval.chain.length })}</>
          )}
        </Typography.Paragraph>
      )}
      {mode === 'override' && tr && tr.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('next.overrideCovers')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {tr.missing.map((m) => (
                <li key={m.code}>{labels.loc(m.message)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<Values> form={form} layout="vertical" name="case-transition" onFinish={onFinish}>
        {mode === 'propose' && (
          <Form.Item
            label={t('next.opinion')}
            name="opinion"
            rules={[{ required: true, whitespace: true, message: t('next.required.opinion') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}
        {tr?.inputs.map((input) => (
          <Form.Item
            key={input.key}
            label={labels.loc(input.label)}
            name={['inputs', input.key]}
            rules={
              input.required
                ? [
                    input.type === 'number' || input.type === 'date'
                      ? { required: true, message: t('next.required.input') }
                      : { required: true, whitespace: true, message: t('next.required.input') },
                  ]
                : []
            }
            extra={input.type === 'list' ? t('next.listHint') : undefined}
          >
            {input.type === 'person' ? (
              <PersonSelect role={input.role} />
            ) : input.type === 'number' ? (
              <InputNumber min={0} style={{ width: '100%' }} />
            ) : input.type === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : (
              <Input.TextArea rows={input.type === 'list' ? 4 : 2} maxLength={4000} />
            )}
          </Form.Item>
        ))}
        {mode === 'override' && (
          <Form.Item
            label={t('next.overrideReason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('next.required.reason') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
