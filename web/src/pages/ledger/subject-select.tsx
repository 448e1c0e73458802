import { Select, Spin } from 'antd';
import { useState } from 'react';
import type { LedgerSubjectType } from '../../api/ledger';
import { useUnits } from '../../api/units';
import { useUsers } from '../../api/users';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n';

/** The chosen record with the words that name it, so the result can say what was checked. */
export interface SubjectChoice {
  value: string;
  label: string;
}

interface SubjectSelectProps {
  type: LedgerSubjectType;
  /** Set by <Form.Item>: the id its label points at, the value and its change handler. */
  id?: string;
  value?: SubjectChoice;
  onChange?: (value: SubjectChoice | undefined) => void;
}

const PEOPLE_PAGE_SIZE = 20;

/**
 * Picks the record to verify: units from the (short) unit list, filtered in the browser; people
 * searched by name on the server, one request per pause in typing.
 */
export function SubjectSelect({ type, id, value, onChange }: SubjectSelectProps) {
  const { t } = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const units = useUnits(type === 'unit');
  const users = useUsers(
    { q: q || undefined, page: 1, pageSize: PEOPLE_PAGE_SIZE, sort: 'name', order: 'asc' },
    type === 'user',
  );

  const options: SubjectChoice[] =
    type === 'unit'
      ? (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))
      : (users.data?.items ?? []).map((u) => ({
          value: u.id,
          label: t('ledger.verify.userOption', { name: u.name, username: u.username, unit: u.unitName }),
        }));
  const loading = type === 'unit' ? units.isFetching : users.isFetching;

  return (
    <Select<SubjectChoice, SubjectChoice>
      id={id}
      labelInValue
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={loading}
      placeholder={t(type === 'unit' ? 'ledger.verify.pick.unit' : 'ledger.verify.pick.user')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      showSearch={
        type === 'unit' ? { optionFilterProp: 'label' } : { filterOption: false, onSearch: setSearch }
      }
      style={{ width: 360 }}
      data-testid="ledger-subject"
    />
  );
}
