import { Alert, App, Button, Card, ConfigProvider, Flex, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CaseRegisterInput } from '@quancheng/contracts';
import { useCreateParty, useOfficerOptions, useRegisterCase } from '../../api/cases';
import { busy } from '../../components/busy';
import { BUREAU_TIME_ZONE } from '../../components/format-time';
import { useSignedIn } from '../../components/route-guards';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';
import { OfficerSelect } from '../cases/register/officer-select';
import { newPartyInput, PARTY_FIELD_MAP, PartyFields, type PartyValues } from '../cases/shared/party-fields';
import { Announcement } from './announcement';

interface Values extends PartyValues {
  cause: string;
  facts: string;
  officerIds: string[];
}

/**
 * 现场执法 on a tablet: the A22.1 announcement to read out with the camera on, the certificates to
 * show (A22.2), then the party and the facts — registered for the simplified procedure (A10.1).
 */
export function OnsiteStartPage() {
  const { t } = useT();
  const me = useSignedIn();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const register = useRegisterCase();
  const createParty = useCreateParty();
  const showError = useApiError();
  const officers = useOfficerOptions();
  const officerIds = Form.useWatch('officerIds', form) ?? [];
  const [announced, setAnnounced] = useState(false);

  const onFinish = async (values: Values) => {
    let partyId: string | null = null;
    let partyName: string | null = null;
    if (values.partyMode === 'new') {
      try {
        partyId = (await createParty.mutateAsync(newPartyInput(values))).id;
        form.setFieldsValue({ partyMode: 'directory', partyId });
      } catch (error) {
        showError(error, form, PARTY_FIELD_MAP);
        return;
      }
    } else if (values.partyMode === 'directory') {
      partyId = values.partyId ?? null;
    } else {
      partyName = values.partyName?.trim() || null;
    }
    const input: CaseRegisterInput = {
      kind: 'penalty',
      procedure: 'simplified',
      source: 'inspection',
      receivedOn: dayjs().tz(BUREAU_TIME_ZONE).format('YYYY-MM-DD'),
      complainant: null,
      partyId,
      partyName,
      cause: values.cause.trim(),
      facts: values.facts.trim(),
      evidenceProvided: true,
      withinJurisdiction: true,
      officerIds: values.officerIds,
    };
    register.mutate(input, {
      onSuccess: (created) => {
        void message.success(t('onsite.register.done', { number: created.regNumber }));
        void navigate(`/onsite/${created.id}`);
      },
      onError: (error) => showError(error, form),
    });
  };

  const shown = (officers.data?.items ?? []).filter((o) => officerIds.includes(o.id));
  return (
    <ConfigProvider componentSize="large">
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Card title={t('onsite.title')}>
          <Announcement officers={shown} announced={announced} onChange={setAnnounced} />
        </Card>
        <Card title={t('onsite.register.title')}>
          <Form<Values>
            form={form}
            layout="vertical"
            name="onsite-register"
            disabled={!announced}
            initialValues={{
              partyMode: 'directory',
              newPartyKind: 'organisation',
              officerIds: me.user.certifiedToday ? [me.user.id] : [],
            }}
            onFinish={(values) => void onFinish(values)}
          >
            {!announced && (
              <Alert
                type="warning"
                showIcon
                title={t('onsite.announce.required')}
                style={{ marginBottom: 16 }}
              />
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
              <Input.TextArea maxLength={5000} rows={4} />
            </Form.Item>
            <Form.Item
              label={t('case.officers')}
              name="officerIds"
              required
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
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={busy(register.isPending || createParty.isPending)}
            >
              {t('onsite.register.submit')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </ConfigProvider>
  );
}
