import { Select } from 'antd';
import { useState } from 'react';
import { useUsers } from '../../../api/users';
import { useSignedIn } from '../../../components/route-guards';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { useT } from '../../../i18n';

export interface PersonOption {
  id: string;
  name: string;
}

interface Props {
  value?: string[] | string | null;
  onChange?: (value: string[] | string | null) => void;
  multiple?: boolean;
  /** Only people of this unit. */
  unitId?: string;
  /** People already chosen (from the record), so their names show before any search. */
  known?: readonly PersonOption[];
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}

/**
 * Picks enforcement officers by name, searched on the server. Someone who may not list people
 * (an officer) can still choose themselves and keep the people already on the record.
 */
export function PersonSelect({ value, onChange, multiple, unitId, known = [], placeholder, ...rest }: Props) {
  const { t } = useT();
  const me = useSignedIn();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const mayList = me.permissions.includes('user.read');
  const people = useUsers(
    {
      q: q || undefined,
      unitId,
      role: 'officer',
      active: 'true',
      page: 1,
      pageSize: 50,
      sort: 'name',
      order: 'asc',
    },
    mayList,
  );
  const options = new Map<string, string>();
  for (const person of known) {
    options.set(person.id, person.name);
  }
  options.set(me.user.id, me.user.name);
  for (const person of people.data?.items ?? []) {
    options.set(person.id, `${person.name}（${person.unitName}）`);
  }
  return (
    <Select<string[] | string | null>
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      value={value ?? (multiple ? [] : null)}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={placeholder}
      loading={mayList && people.isFetching}
      showSearch={mayList ? { filterOption: false, onSearch: setSearch } : { optionFilterProp: 'label' }}
      notFoundContent={mayList && people.isError ? t('app.loadFailed') : undefined}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      style={{ width: '100%' }}
    />
  );
}
