import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import type { TransitionDto } from '@quancheng/contracts';
import { usePerform, usePropose } from '../../../api/cases';
import { busy } from '../../../components/busy';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';

export type TransitionMode = 'propose' | 'perform' | 'override';

export interface TransitionAction {
  transition: TransitionDto;
  mode: TransitionMode;
}

interface Values {
  opinion?: string;
  reason?: string;
  inputs?: Record<string, string>;
}

function cleanInputs(inputs: Record<string, string> | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(inputs ?? {})) {
    if (value?.trim()) {
      out[key] = value.trim();
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
    const inputs = cleanInputs(values.inputs);
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
              input.required ? [{ required: true, whitespace: true, message: t('next.required.input') }] : []
            }
          >
            <Input.TextArea rows={2} maxLength={2000} />
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
