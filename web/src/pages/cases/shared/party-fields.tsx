import { Col, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import { useState } from 'react';
import {
  identifierProblem,
  PARTY_KIND_LABELS,
  PARTY_KINDS,
  type PartyCreateInput,
  type PartyKind,
} from '@quancheng/contracts';
import { usePartySearch } from '../../../api/cases';
import { useSignedIn } from '../../../components/route-guards';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { useT } from '../../../i18n';

export type PartyMode = 'directory' | 'new' | 'unidentified';

/** The form values the party fields own (flat names, so server errors land on the right field). */
export interface PartyValues {
  partyMode: PartyMode;
  partyId?: string | null;
  partyName?: string;
  newPartyKind?: PartyKind;
  newPartyName?: string;
  newPartyIdentifier?: string;
  newPartyLegalRep?: string;
  newPartyAddress?: string;
  newPartyPhone?: string;
}

/** Where the party directory's 400s go in this form. */
export const PARTY_FIELD_MAP = {
  name: 'newPartyName',
  identifier: 'newPartyIdentifier',
  legalRep: 'newPartyLegalRep',
  address: 'newPartyAddress',
  phone: 'newPartyPhone',
};

const blank = (v: string | undefined) => {
  const s = v?.trim() ?? '';
  return s === '' ? null : s;
};

/** The directory entry to create, when the officer registers a new party inline. */
export function newPartyInput(v: PartyValues): PartyCreateInput {
  const common = {
    name: v.newPartyName?.trim() ?? '',
    identifier: v.newPartyIdentifier?.trim() ?? '',
    address: blank(v.newPartyAddress),
    phone: blank(v.newPartyPhone),
  };
  return v.newPartyKind === 'person'
    ? { kind: 'person', ...common }
    : { kind: 'organisation', ...common, legalRep: blank(v.newPartyLegalRep) };
}

interface KnownParty {
  id: string;
  name: string;
}

/** Picks a party from the directory, searched on the server by name or number. */
export function PartySearchSelect({
  value,
  onChange,
  known,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  known?: KnownParty | null;
  id?: string;
}) {
  const { t } = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const parties = usePartySearch(q);
  const options = new Map<string, string>();
  if (known) {
    options.set(known.id, known.name);
  }
  for (const p of parties.data?.items ?? []) {
    options.set(p.id, `${p.name}（${p.identifier}）`);
  }
  return (
    <Select<string | null>
      id={id}
      allowClear
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('party.searchPlaceholder')}
      loading={parties.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={parties.isError ? t('app.loadFailed') : t('party.noneFound')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}

/**
 * 当事人: chosen from the directory, registered inline as a new directory entry, or — for a
 * complaint that does not identify the employer (A6.3) — left unidentified with the name as told.
 */
export function PartyFields({ form, known }: { form: FormInstance; known?: KnownParty | null }) {
  const { t, tm, lang } = useT();
  const me = useSignedIn();
  const mode = Form.useWatch<PartyMode | undefined>('partyMode', form);
  const kind = Form.useWatch<PartyKind | undefined>('newPartyKind', form) ?? 'organisation';
  const mayRead = me.permissions.includes('party.read');
  const mayCreate = me.permissions.includes('party.manage');
  const col = { xs: 24, md: 12 };
  return (
    <>
      <Form.Item label={t('case.party')} name="partyMode">
        <Radio.Group
          optionType="button"
          options={[
            ...(mayRead ? [{ value: 'directory', label: t('party.mode.directory') }] : []),
            ...(mayCreate ? [{ value: 'new', label: t('party.mode.new') }] : []),
            { value: 'unidentified', label: t('party.mode.unidentified') },
          ]}
        />
      </Form.Item>
      {mode === 'directory' && (
        <Form.Item
          label={t('party.pick')}
          name="partyId"
          rules={[{ required: true, message: t('party.required.pick') }]}
        >
          <PartySearchSelect known={known} />
        </Form.Item>
      )}
      {mode === 'new' && (
        <Row gutter={16}>
          <Col {...col}>
            <Form.Item label={t('party.kind')} name="newPartyKind">
              <Radio.Group
                options={PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k][lang] }))}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              label={kind === 'person' ? t('party.personName') : t('party.orgName')}
              name="newPartyName"
              rules={[{ required: true, whitespace: true, message: t('party.required.name') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              label={kind === 'person' ? t('party.residentId') : t('party.uscc')}
              name="newPartyIdentifier"
              rules={[
                { required: true, whitespace: true, message: t('party.required.identifier') },
                {
                  validator: async (_, value: string | undefined) => {
                    const problem = value?.trim() ? identifierProblem(kind, value) : null;
                    if (problem) {
                      throw new Error(tm(problem.key, problem.params));
                    }
                  },
                },
              ]}
            >
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          {kind === 'organisation' && (
            <Col {...col}>
              <Form.Item label={t('party.legalRep')} name="newPartyLegalRep">
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          )}
          <Col {...col}>
            <Form.Item label={t('party.address')} name="newPartyAddress">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label={t('party.phone')} name="newPartyPhone">
              <Input maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {mode === 'unidentified' && (
        <Form.Item label={t('party.nameAsTold')} name="partyName" extra={t('party.unidentifiedHelp')}>
          <Input maxLength={200} />
        </Form.Item>
      )}
    </>
  );
}
