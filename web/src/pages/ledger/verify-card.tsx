import { AuditOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Form, Radio } from 'antd';
import { useState } from 'react';
import { useVerifySubject, type LedgerSubject, type LedgerSubjectType } from '../../api/ledger';
import { busy } from '../../components/busy';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';
import { SubjectSelect, type SubjectChoice } from './subject-select';
import { VerificationResult } from './verification-result';

interface VerifyForm {
  type: LedgerSubjectType;
  subject?: SubjectChoice;
}

interface Checked {
  subject: LedgerSubject;
  label: string;
}

/** 核验一条记录: pick a person or a unit, check its ledger entries and its current data. */
export function VerifyCard() {
  const { t } = useT();
  const showError = useApiError();
  const verify = useVerifySubject();
  const [form] = Form.useForm<VerifyForm>();
  const [checked, setChecked] = useState<Checked | null>(null);
  const type = Form.useWatch('type', form) ?? 'unit';

  const onValuesChange = (changed: Partial<VerifyForm>) => {
    if ('type' in changed) {
      form.setFieldValue('subject', undefined);
    }
    // A result stays on screen only while it answers for what the form shows.
    setChecked(null);
    verify.reset();
  };

  const onFinish = ({ type: chosen, subject }: VerifyForm) => {
    if (!subject) {
      return;
    }
    const target: LedgerSubject = { type: chosen, id: subject.value };
    verify.mutate(target, {
      onSuccess: () => setChecked({ subject: target, label: subject.label }),
      onError: (error) => showError(error),
    });
  };

  return (
    <Card title={t('ledger.verify.title')} data-testid="ledger-verify">
      <Form<VerifyForm>
        form={form}
        layout="inline"
        initialValues={{ type: 'unit' }}
        onValuesChange={onValuesChange}
        onFinish={onFinish}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="type" label={t('ledger.verify.type')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="user">{t('ledger.verify.type.user')}</Radio.Button>
            <Radio.Button value="unit">{t('ledger.verify.type.unit')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('ledger.verify.subject')}
          rules={[{ required: true, message: t('ledger.verify.required.subject') }]}
        >
          <SubjectSelect type={type} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<AuditOutlined />} loading={busy(verify.isPending)}>
            {t('ledger.verify.submit')}
          </Button>
        </Form.Item>
      </Form>
      {checked && verify.data && (
        <>
          <Divider />
          <VerificationResult subject={checked.subject} label={checked.label} result={verify.data} />
        </>
      )}
    </Card>
  );
}
