import { Alert, App, Button, Drawer, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  normaliseIdentifier,
  PARTY_KIND_LABELS,
  SEX_LABELS,
  type PartyDto,
  type PartyKind,
  type PartyUpdateInput,
} from '@quancheng/contracts';
import { busy } from '../../components/busy';
import { MONO } from '../../components/mono';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';
import { IdentifierStatus, identifierRules } from './identifier-field';
import { PartyTakenError, useCreateParty, useUpdateParty } from './parties-api';

interface Values {
  kind: PartyKind;
  name: string;
  identifier: string;
  legalRep?: string;
  address?: string;
  phone?: string;
  note?: string;
}

interface Props {
  open: boolean;
  /** The party being edited, or null to register one. */
  party: PartyDto | null;
  onClose: () => void;
  /** A party was registered or saved. */
  onSaved?: (party: PartyDto) => void;
  /** The number was registered already and the user chose that party instead. */
  onUseExisting: (party: PartyDto) => void;
}

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function toValues(party: PartyDto | null): Partial<Values> {
  if (!party) {
    return { kind: 'organisation' };
  }
  return {
    kind: party.kind,
    name: party.name,
    identifier: party.identifier,
    legalRep: party.legalRep ?? undefined,
    address: party.address ?? undefined,
    phone: party.phone ?? undefined,
    note: party.note ?? undefined,
  };
}

/**
 * 登记/编辑当事人: an employer by its USCC or a person by their resident ID, checked while typing.
 * The number and kind are the party's identity and are fixed once registered; a number already
 * registered offers the party that holds it instead of a duplicate.
 */
export function PartyFormDrawer({ open, party, onClose, onSaved, onUseExisting }: Props) {
  const { t, tm, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateParty();
  const update = useUpdateParty();
  const showError = useApiError();
  const [taken, setTaken] = useState<PartyTakenError | null>(null);
  const kind = Form.useWatch('kind', form) ?? party?.kind ?? 'organisation';
  const identifier = Form.useWatch('identifier', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(party));
      setTaken(null);
    }
  }, [open, party, form]);

  const saved = (result: PartyDto, note: string) => {
    void message.success(note);
    onSaved?.(result);
    onClose();
  };

  const onFinish = (values: Values) => {
    const contact = {
      name: values.name.trim(),
      address: blankToNull(values.address),
      phone: blankToNull(values.phone),
      note: blankToNull(values.note),
    };
    const legalRep = values.kind === 'organisation' ? { legalRep: blankToNull(values.legalRep) } : {};
    if (party) {
      const input: PartyUpdateInput = { ...contact, ...legalRep };
      update.mutate(
        { id: party.id, input },
        { onSuccess: (r) => saved(r, t('common.saved')), onError: (e) => showError(e, form) },
      );
      return;
    }
    const number = normaliseIdentifier(values.identifier);
    const input =
      values.kind === 'organisation'
        ? { kind: 'organisation' as const, identifier: number, ...contact, ...legalRep }
        : { kind: 'person' as const, identifier: number, ...contact };
    setTaken(null);
    create.mutate(input, {
      onSuccess: (r) => saved(r, t('parties.created', { name: r.name })),
      onError: (error) => (error instanceof PartyTakenError ? setTaken(error) : showError(error, form)),
    });
  };

  const isOrg = kind === 'organisation';
  return (
    <Drawer
      open={open}
      title={party ? t('parties.edit') : t('parties.create')}
      size={520}
      onClose={onClose}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            onClick={() => form.submit()}
            loading={busy(create.isPending || update.isPending)}
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {taken && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={taken.message}
          description={
            <Flex vertical gap={8} align="flex-start">
              <Typography.Text>
                {taken.existing.name} · <span style={MONO}>{taken.existing.identifier}</span>
              </Typography.Text>
              <Typography.Text type="secondary">{t('parties.taken.hint')}</Typography.Text>
              <Button type="primary" size="small" onClick={() => onUseExisting(taken.existing)}>
                {t('parties.taken.use')}
              </Button>
            </Flex>
          }
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="party-form"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          if ('kind' in changed) {
            setTaken(null);
            if (form.isFieldTouched('identifier')) {
              void form.validateFields(['identifier']);
            }
          }
          if ('identifier' in changed) {
            setTaken(null);
          }
        }}
      >
        <Form.Item label={t('parties.kind')} name="kind">
          <Segmented<PartyKind>
            disabled={party !== null}
            options={(['organisation', 'person'] as const).map((k) => ({
              value: k,
              label: PARTY_KIND_LABELS[k][lang],
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t(isOrg ? 'parties.identifier.organisation' : 'parties.identifier.person')}
          name="identifier"
          dependencies={['kind']}
          rules={party ? [] : identifierRules(kind, { t, tm })}
          extra={party ? t('parties.identifierFixed') : <IdentifierStatus kind={kind} value={identifier} />}
        >
          <Input disabled={party !== null} maxLength={40} autoComplete="off" style={MONO} />
        </Form.Item>
        <Form.Item
          label={t(isOrg ? 'parties.name.organisation' : 'parties.name.person')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('parties.required.name') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {isOrg ? (
          <Form.Item label={t('parties.legalRep')} name="legalRep">
            <Input maxLength={50} />
          </Form.Item>
        ) : (
          party?.sex && (
            <Form.Item label={t('parties.sex')} extra={t('parties.sexFromId')}>
              <Typography.Text>{SEX_LABELS[party.sex][lang]}</Typography.Text>
            </Form.Item>
          )
        )}
        <Form.Item label={t('parties.address')} name="address">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('parties.phone')} name="phone">
          <Input maxLength={32} inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('parties.note')} name="note">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
