import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { CaseRegisterInput, CaseSource } from '@quancheng/contracts';
import { useCreateParty, useRegisterCase } from '../../../api/cases';
import { busy } from '../../../components/busy';
import { BUREAU_TIME_ZONE } from '../../../components/format-time';
import { useSignedIn } from '../../../components/route-guards';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';
import { newPartyInput, PARTY_FIELD_MAP, PartyFields, type PartyValues } from '../shared/party-fields';
import { OfficerSelect } from './officer-select';

interface Values extends PartyValues {
  source: CaseSource;
  receivedOn: Dayjs;
  complainantName?: string;
  complainantPhone?: string;
  complainantAddress?: string;
  cause: string;
  facts: string;
  violationEndedOn?: Dayjs | null;
  evidenceProvided: boolean;
  withinJurisdiction: boolean;
  officerIds: string[];
}

const DATE = 'YYYY-MM-DD';
const blank = (v: string | undefined) => {
  const s = v?.trim() ?? '';
  return s === '' ? null : s;
};

/** The case's fields as the server names them, and where each shows in this form. */
const CASE_FIELD_MAP = {
  'complainant.name': 'complainantName',
  'complainant.phone': 'complainantPhone',
  'complainant.address': 'complainantAddress',
  complainant: 'complainantName',
  partyName: 'partyName',
};

/** 登记: a complaint, report, referral or inspection finding becomes a matter with a registration number. */
export function RegisterCasePage() {
  const { t } = useT();
  const me = useSignedIn();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const register = useRegisterCase();
  const createParty = useCreateParty();
  const showError = useApiError();
  const source = Form.useWatch('source', form);
  const hasComplainant = source === 'complaint' || source === 'report';

  const onFinish = async (values: Values) => {
    let partyId: string | null = null;
    let partyName: string | null = null;
    if (values.partyMode === 'new') {
      try {
        const party = await createParty.mutateAsync(newPartyInput(values));
        partyId = party.id;
        // Registered now: a retry after a case error must not register it twice.
        form.setFieldsValue({ partyMode: 'directory', partyId: party.id });
      } catch (error) {
        showError(error, form, PARTY_FIELD_MAP);
        return;
      }
    } else if (values.partyMode === 'directory') {
      partyId = values.partyId ?? null;
    } else {
      partyName = blank(values.partyName);
    }
    const input: CaseRegisterInput = {
      kind: 'penalty',
      source: values.source,
      receivedOn: values.receivedOn.format(DATE),
      complainant:
        hasComplainant && blank(values.complainantName)
          ? {
              name: blank(values.complainantName) ?? '',
              phone: blank(values.complainantPhone),
              address: blank(values.complainantAddress),
            }
          : null,
      partyId,
      partyName,
      cause: values.cause.trim(),
      facts: values.facts.trim(),
      violationEndedOn: values.violationEndedOn ? values.violationEndedOn.format(DATE) : null,
      evidenceProvided: values.evidenceProvided,
      withinJurisdiction: values.withinJurisdiction,
      officerIds: values.officerIds,
    };
    register.mutate(input, {
      onSuccess: (created) => {
        void message.success(t('register.done', { number: created.regNumber }));
        void navigate(`/cases/${created.id}`);
      },
      onError: (error) => showError(error, form, CASE_FIELD_MAP),
    });
  };

  const col = { xs: 24, md: 12 };
  const today = dayjs().tz(BUREAU_TIME_ZONE).format(DATE);
  return (
    <Card
      title={
        <Space>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(-1)}
            aria-label={t('detail.back')}
          />
          {t('register.title')}
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="case-register"
        style={{ maxWidth: 960 }}
        initialValues={{
          source: 'complaint',
          receivedOn: dayjs(today),
          partyMode: me.permissions.includes('party.read') ? 'directory' : 'unidentified',
          newPartyKind: 'organisation',
          evidenceProvided: true,
          withinJurisdiction: true,
          officerIds: me.user.certifiedToday ? [me.user.id] : [],
        }}
        onFinish={(values) => void onFinish(values)}
      >
        <Row gutter={16}>
          <Col {...col}>
            <Form.Item label={t('case.source')} name="source" rules={[{ required: true }]}>
              <Select options={labels.sourceOptions} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              label={t('case.receivedOn')}
              name="receivedOn"
              rules={[{ required: true, message: t('register.required.receivedOn') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format(DATE) > today} />
            </Form.Item>
          </Col>
        </Row>
        {hasComplainant && (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('case.complainant')}
                name="complainantName"
                rules={[{ required: true, whitespace: true, message: t('register.required.complainant') }]}
              >
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('case.complainantPhone')} name="complainantPhone">
                <Input maxLength={32} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('case.complainantAddress')} name="complainantAddress">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <PartyFields form={form} />
        <Form.Item
          label={t('case.cause')}
          name="cause"
          rules={[{ required: true, whitespace: true, message: t('register.required.cause') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t('case.facts')}
          name="facts"
          rules={[{ required: true, whitespace: true, message: t('register.required.facts') }]}
        >
          <Input.TextArea maxLength={5000} rows={4} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col {...col}>
            <Form.Item
              label={t('case.violationEndedOn')}
              name="violationEndedOn"
              extra={t('register.violationEndedHelp')}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format(DATE) > today} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('case.evidenceProvided')}
              name="evidenceProvided"
              valuePropName="checked"
              extra={t('register.evidenceHelp')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label={t('case.withinJurisdiction')}
              name="withinJurisdiction"
              valuePropName="checked"
              extra={t('register.jurisdictionHelp')}
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('case.officers')}
          name="officerIds"
          required
          extra={t('register.officersHelp')}
          rules={[
            {
              validator: async (_, value: string[] | undefined) => {
                if ((value?.length ?? 0) < 2) {
                  throw new Error(t('register.required.officers'));
                }
              },
            },
          ]}
        >
          <OfficerSelect />
        </Form.Item>
        <Flex gap={8}>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy(register.isPending || createParty.isPending)}
          >
            {t('register.submit')}
          </Button>
          <Button onClick={() => void navigate('/cases')}>{t('common.cancel')}</Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('register.footnote')}
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
