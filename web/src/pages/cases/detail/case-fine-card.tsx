import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  RECEIPT_SCAN_MAX_BYTES,
  RECEIPT_SCAN_TYPES,
  type FineAccountDto,
  type PaymentInput,
} from '@quancheng/contracts';
import { casePath } from '../../../api/cases';
import { useCasePayments, useRecordPayment } from '../../../api/payments';
import { busy } from '../../../components/busy';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';

/** 123450 fen → "1,234.50" */
const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

type ScanType = (typeof RECEIPT_SCAN_TYPES)[number];
interface Values {
  paidOn?: Dayjs;
  amount?: number;
  receiptNumber?: string;
  note?: string;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Finance records one payment from its bill, with the bill's scan if they have it. */
function RecordPaymentModal({
  caseId,
  open,
  onClose,
}: {
  caseId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [scan, setScan] = useState<File | null>(null);
  const record = useRecordPayment(caseId);
  const showError = useApiError();
  const submit = async (v: Values) => {
    const type = scan?.type as ScanType | undefined;
    const input: PaymentInput = {
      paidOn: v.paidOn?.format('YYYY-MM-DD') ?? '',
      amountFen: Math.round((v.amount ?? 0) * 100),
      receiptNumber: v.receiptNumber ?? '',
      note: v.note?.trim() || null,
      receiptScan:
        scan && type && RECEIPT_SCAN_TYPES.includes(type)
          ? { fileName: scan.name, contentType: type, dataBase64: await readBase64(scan) }
          : null,
    };
    record.mutate(input, {
      onSuccess: () => {
        void message.success(t('fine.recorded'));
        form.resetFields();
        setScan(null);
        onClose();
      },
      onError: (error) => showError(error, form, { amountFen: 'amount' }),
    });
  };
  return (
    <Modal
      open={open}
      title={t('fine.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy(record.isPending) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="paidOn" label={t('fine.form.paidOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="amount" label={t('fine.form.amount')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="receiptNumber" label={t('fine.form.receiptNumber')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="note" label={t('fine.form.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label={t('fine.form.scan')}>
          <input
            type="file"
            accept={RECEIPT_SCAN_TYPES.join(',')}
            aria-label={t('fine.form.chooseScan')}
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              if (file && file.size > RECEIPT_SCAN_MAX_BYTES) {
                void message.error(t('fine.form.scanTooLarge'));
                e.target.value = '';
                setScan(null);
                return;
              }
              setScan(file);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AccountLines({ a }: { a: FineAccountDto }) {
  const { t } = useT();
  const row = (label: string, value: string, strong = false) => (
    <Flex justify="space-between" gap={8}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong={strong}>{value}</Typography.Text>
    </Flex>
  );
  return (
    <Flex vertical gap={4} data-testid="fine-account">
      {row(t('fine.amount'), t('fine.yuan', { amount: yuan(a.fineFen) }))}
      {a.servedOn ? (
        row(t('fine.servedOn'), a.servedOn)
      ) : (
        <Typography.Text>{t('fine.notServed')}</Typography.Text>
      )}
      {a.basis === 'instalments' ? (
        <Typography.Text type="secondary">{t('fine.basis.instalments')}</Typography.Text>
      ) : null}
      {a.schedule.map((s, i) => (
        <Flex key={s.dueOn} justify="space-between" gap={8} data-testid="fine-due">
          <Typography.Text type="secondary">
            {a.basis === 'instalments'
              ? `${t('fine.instalment', { n: i + 1 })} `
              : `${t(`fine.basis.${a.basis}`)} `}
            {t('fine.dueOn', { date: s.dueOn })}
          </Typography.Text>
          <span>
            {t('fine.yuan', { amount: yuan(s.amountFen) })}
            {s.balanceFen > 0 && s.overdueDays > 0 ? (
              <Tag color="error" style={{ marginInlineStart: 8 }}>
                {t('fine.overdueDays', { days: s.overdueDays })}
              </Tag>
            ) : null}
          </span>
        </Flex>
      ))}
      {row(t('fine.paid'), t('fine.yuan', { amount: yuan(a.paidFen) }))}
      {row(t('fine.surcharge'), t('fine.yuan', { amount: yuan(a.surchargeFen) }))}
      {row(t('fine.balance'), t('fine.yuan', { amount: yuan(Math.max(0, a.balanceFen)) }), true)}
    </Flex>
  );
}

/**
 * 罚款缴纳: the fine account the server computes (due date or approved deferral / instalments,
 * paid, surcharge, balance), the payments with their bills, a hand-over to compulsion if there
 * was one, and — for finance — recording a payment. Shown only when the decision imposes a fine.
 */
export function CaseFineCard({ caseId }: { caseId: string }) {
  const { t } = useT();
  const found = useCasePayments(caseId);
  const [recording, setRecording] = useState(false);
  const data = found.data;
  if (!data?.account) {
    return found.isError ? <Alert type="error" showIcon title={found.error.message} /> : null;
  }
  const a = data.account;
  const status = a.paidInFull ? (
    <Tag color="success">{t('fine.paidInFull')}</Tag>
  ) : a.overdue ? (
    <Tag color="error">{t('fine.overdue')}</Tag>
  ) : (
    <Tag>{t('fine.notDue')}</Tag>
  );
  return (
    <Card size="small" title={t('fine.title')} extra={status} data-testid="case-fine">
      <Flex vertical gap={12}>
        <AccountLines a={a} />
        {data.handover ? (
          <Alert
            type="warning"
            showIcon
            title={t('fine.handover', {
              date: data.handover.on,
              principal: yuan(data.handover.principalBalanceFen),
              surcharge: yuan(data.handover.surchargeFen),
              total: yuan(data.handover.balanceFen),
            })}
          />
        ) : null}
        <Typography.Text strong>{t('fine.payments')}</Typography.Text>
        {data.items.length === 0 ? (
          <Typography.Text type="secondary">{t('fine.noPayments')}</Typography.Text>
        ) : (
          data.items.map((p) => (
            <Flex key={p.id} vertical gap={0} data-testid="fine-payment">
              <Flex justify="space-between" gap={8}>
                <span>{p.paidOn}</span>
                <Typography.Text strong>{t('fine.yuan', { amount: yuan(p.amountFen) })}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('fine.receipt', { number: p.receiptNumber })} ·{' '}
                {t('fine.recordedBy', { name: p.recordedByName })}
                {p.receiptScan ? (
                  <>
                    {' · '}
                    <a href={casePath(caseId, `/payments/${p.id}/receipt`)} target="_blank" rel="noreferrer">
                      {t('fine.scan')}
                    </a>
                  </>
                ) : null}
              </Typography.Text>
            </Flex>
          ))
        )}
        {data.abilities.record ? (
          <Button type="primary" onClick={() => setRecording(true)}>
            {t('fine.record')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('fine.rule')}
        </Typography.Text>
      </Flex>
      <RecordPaymentModal caseId={caseId} open={recording} onClose={() => setRecording(false)} />
    </Card>
  );
}
