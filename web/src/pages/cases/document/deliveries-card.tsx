import {
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  type DeliveryDto,
  type DeliveryInput,
  type DeliveryMethod,
} from '@quancheng/contracts';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useRecordings } from '../../../api/recordings';
import { useDeliveries, useRecordDelivery, type DocumentView } from '../../../api/documents';
import { busy } from '../../../components/busy';
import { formatBureauTime } from '../../../components/format-time';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';

interface Values {
  method: DeliveryMethod;
  outcome: 'served' | 'failed';
  atHome?: boolean;
  servedOn?: Dayjs | null;
  recipient?: string;
  witnesses?: string;
  agent?: string;
  trackingNumber?: string;
  reason?: string;
  publication?: string;
  recordingId?: string;
  note?: string;
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function toInput(v: Values): DeliveryInput {
  return {
    method: v.method,
    outcome: v.outcome,
    atHome: v.atHome ?? false,
    servedOn: v.servedOn ? v.servedOn.format('YYYY-MM-DD') : null,
    recipient: blank(v.recipient) ?? null,
    witnesses: (v.witnesses ?? '')
      .split(/[,，、\n]/)
      .map((w) => w.trim())
      .filter(Boolean),
    agent: blank(v.agent) ?? null,
    trackingNumber: blank(v.trackingNumber) ?? null,
    reason: blank(v.reason) ?? null,
    publication: blank(v.publication) ?? null,
    recordingId: v.recordingId ?? null,
    note: blank(v.note) ?? null,
  };
}

/**
 * 送达 (A18): every attempt to serve the issued document, and a form for the next one that asks
 * only for what the chosen way needs — the signer, witnesses, the entrusted body, the tracking
 * number, the publication — and the AV record where A18.5 requires it (chosen from the case's).
 */
export function DeliveriesCard({ doc }: { doc: DocumentView }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useDeliveries(doc.id);
  const record = useRecordDelivery(doc.id, doc.caseId);
  const recordings = useRecordings({
    caseId: doc.caseId,
    page: 1,
    pageSize: 50,
    sort: 'captureStart',
    order: 'desc',
  });
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);
  const method = Form.useWatch('method', form);
  const outcome = Form.useWatch('outcome', form);

  if (list.data && !list.data.needsService) {
    return null;
  }
  const label = (m: DeliveryMethod) => DELIVERY_METHOD_LABELS[m][lang];
  const line = (d: DeliveryDto) =>
    [
      d.servedOn,
      d.recipient,
      d.witnesses.length ? `${t('delivery.witnesses')}：${d.witnesses.join('、')}` : null,
      d.agent,
      d.trackingNumber,
      d.publication,
      d.reason,
    ]
      .filter(Boolean)
      .join(' · ');

  const onFinish = (values: Values) =>
    record.mutate(toInput(values), {
      onSuccess: () => {
        void message.success(t('delivery.recorded'));
        form.resetFields();
        setAdding(false);
      },
      onError: (error) => showError(error, form),
    });

  return (
    <Card
      size="small"
      title={t('delivery.title')}
      data-testid="deliveries"
      extra={
        list.data?.effectiveOn ? (
          <Tag color="success">{t('delivery.effective', { date: list.data.effectiveOn })}</Tag>
        ) : (
          <Tag color="warning">{t('delivery.notYet')}</Tag>
        )
      }
    >
      <Flex vertical gap={8}>
        {(list.data?.items ?? []).map((d) => (
          <Flex key={d.id} vertical gap={2} data-testid="delivery" data-outcome={d.outcome}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{label(d.method)}</Typography.Text>
              {d.atHome && <Tag>{t('delivery.atHome')}</Tag>}
              <Tag color={d.outcome === 'served' ? 'success' : 'error'}>
                {d.outcome === 'served' ? t('delivery.served') : t('delivery.failed')}
              </Tag>
              {d.effectiveOn && d.effectiveOn !== d.servedOn && (
                <Typography.Text type="secondary">
                  {t('delivery.effective', { date: d.effectiveOn })}
                </Typography.Text>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {line(d)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.recordedByName} · {formatBureauTime(d.recordedAt)}
            </Typography.Text>
          </Flex>
        ))}
        {!adding ? (
          <Button onClick={() => setAdding(true)} data-testid="delivery-add">
            {t('delivery.add')}
          </Button>
        ) : (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ method: 'direct', outcome: 'served', atHome: false }}
            onFinish={onFinish}
          >
            <Form.Item name="method" label={t('delivery.method')}>
              <Select options={DELIVERY_METHODS.map((m) => ({ value: m, label: label(m) }))} />
            </Form.Item>
            {method !== 'public_notice' && (
              <Form.Item name="outcome" label={t('delivery.outcome')}>
                <Select
                  options={[
                    { value: 'served', label: t('delivery.served') },
                    { value: 'failed', label: t('delivery.failed') },
                  ]}
                />
              </Form.Item>
            )}
            {method === 'direct' && (
              <Form.Item name="atHome" valuePropName="checked">
                <Checkbox>{t('delivery.atHomeAv')}</Checkbox>
              </Form.Item>
            )}
            {outcome !== 'failed' && (
              <Form.Item
                name="servedOn"
                label={method === 'public_notice' ? t('delivery.publishedOn') : t('delivery.servedOn')}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            )}
            {(method === 'direct' || method === 'lien') && outcome !== 'failed' && (
              <Form.Item name="recipient" label={t('delivery.recipient')}>
                <Input maxLength={100} />
              </Form.Item>
            )}
            {method === 'lien' && (
              <Form.Item name="witnesses" label={t('delivery.witnesses')} extra={t('delivery.witnessesHint')}>
                <Input maxLength={300} />
              </Form.Item>
            )}
            {method === 'entrusted' && (
              <Form.Item name="agent" label={t('delivery.agent')}>
                <Input maxLength={200} />
              </Form.Item>
            )}
            {method === 'mail' && (
              <Form.Item name="trackingNumber" label={t('delivery.trackingNumber')}>
                <Input maxLength={64} />
              </Form.Item>
            )}
            {method === 'public_notice' && (
              <Form.Item name="publication" label={t('delivery.publication')}>
                <Input maxLength={200} />
              </Form.Item>
            )}
            {(outcome === 'failed' || method === 'public_notice') && (
              <Form.Item name="reason" label={t('delivery.reason')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            )}
            <Form.Item name="recordingId" label={t('delivery.recording')} extra={t('delivery.recordingHint')}>
              <Select
                allowClear
                loading={recordings.isFetching}
                options={(recordings.data?.items ?? []).map((r) => ({
                  value: r.id,
                  label: `${r.originalName}${r.captureStart ? ` · ${formatBureauTime(r.captureStart)}` : ''}`,
                }))}
              />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={busy(record.isPending)}>
                {t('delivery.save')}
              </Button>
              <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
            </Flex>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
