import { App, DatePicker, Form, Input, Modal, Switch, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import type { CaseDto, CaseUpdateInput } from '@quancheng/contracts';
import { useCreateParty, useUpdateCase } from '../../../api/cases';
import { busy } from '../../../components/busy';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { newPartyInput, PARTY_FIELD_MAP, PartyFields, type PartyValues } from '../shared/party-fields';

interface Values extends PartyValues {
  cause: string;
  facts: string;
  violationEndedOn?: Dayjs | null;
  evidenceProvided: boolean;
  withinJurisdiction: boolean;
  reason: string;
}

const DATE = 'YYYY-MM-DD';

function toValues(c: CaseDto): Values {
  return {
    partyMode: c.partyId ? 'directory' : 'unidentified',
    partyId: c.partyId,
    partyName: c.partyId ? undefined : (c.partyName ?? undefined),
    newPartyKind: 'organisation',
    cause: c.cause,
    facts: c.facts,
    violationEndedOn: c.violationEndedOn ? dayjs(c.violationEndedOn) : null,
    evidenceProvided: c.evidenceProvided,
    withinJurisdiction: c.withinJurisdiction,
    reason: '',
  };
}

/**
 * 修改案件信息 with a reason (e.g. after 补正 the employer is identified or evidence arrives):
 * only what changed is sent, each change a ledger leaf.
 */
export function CaseEditModal({ c, open, onClose }: { c: CaseDto; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCase(c.id);
  const createParty = useCreateParty();
  const showError = useApiError();

  // Filled when the dialog opens, not when the case is re-read behind it (that would undo typing).
  const latest = useRef(c);
  latest.current = c;
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(latest.current));
    }
  }, [open, form]);

  const onFinish = async (v: Values) => {
    const input: CaseUpdateInput = { reason: v.reason.trim() };
    if (v.partyMode === 'new') {
      try {
        const party = await createParty.mutateAsync(newPartyInput(v));
        form.setFieldsValue({ partyMode: 'directory', partyId: party.id });
        input.partyId = party.id;
      } catch (error) {
        showError(error, form, PARTY_FIELD_MAP);
        return;
      }
    } else if (v.partyMode === 'directory') {
      if ((v.partyId ?? null) !== c.partyId) {
        input.partyId = v.partyId ?? null;
      }
    } else {
      const name = v.partyName?.trim() || null;
      if (c.partyId !== null) {
        input.partyId = null;
      }
      if (name !== c.partyName) {
        input.partyName = name;
      }
    }
    if (v.cause.trim() !== c.cause) {
      input.cause = v.cause.trim();
    }
    if (v.facts.trim() !== c.facts) {
      input.facts = v.facts.trim();
    }
    const ended = v.violationEndedOn ? v.violationEndedOn.format(DATE) : null;
    if (ended !== c.violationEndedOn) {
      input.violationEndedOn = ended;
    }
    if (v.evidenceProvided !== c.evidenceProvided) {
      input.evidenceProvided = v.evidenceProvided;
    }
    if (v.withinJurisdiction !== c.withinJurisdiction) {
      input.withinJurisdiction = v.withinJurisdiction;
    }
    if (Object.keys(input).length === 1) {
      form.setFields([{ name: 'reason', errors: [t('correct.nothingChanged')] }]);
      return;
    }
    update.mutate(input, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t('case.edit')}
      width={760}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy(update.isPending || createParty.isPending) }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="case-edit" onFinish={(v) => void onFinish(v)}>
        <PartyFields form={form} known={c.partyId ? { id: c.partyId, name: c.partyName ?? '' } : null} />
        <Form.Item label={t('case.cause')} name="cause" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('case.facts')} name="facts" rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={5000} rows={4} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label={t('case.violationEndedOn')} name="violationEndedOn">
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('case.evidenceProvided')} name="evidenceProvided" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label={t('case.withinJurisdiction')} name="withinJurisdiction" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item
          label={t('correct.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('correct.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} rows={2} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
