import { Select } from 'antd';
import { useState } from 'react';
import type { Role } from '@quancheng/contracts';
import { useUsers } from '../../../api/users';
import { useT } from '../../../i18n';

/**
 * Choose a person (e.g. the hearing's presiding officer from the legal office): active people of
 * the role, searched by name on the server. Form.Item binds `value` / `onChange` through the props.
 */
export function PersonSelect({
  role,
  ...bound
}: {
  role: Role | null;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const people = useUsers({
    ...(role ? { role } : {}),
    ...(q ? { q } : {}),
    active: 'true',
    page: 1,
    pageSize: 50,
    sort: 'name',
    order: 'asc',
  });
  return (
    <Select
      {...bound}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={people.isFetching}
      placeholder={t('next.personPlaceholder')}
      data-testid="person-select"
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: p.unitName ? `${p.name}（${p.unitName}）` : p.name,
      }))}
    />
  );
}
