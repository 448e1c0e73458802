import { Input, Select, Space } from 'antd';
import { ROLES, type Role, type UnitDto } from '@quancheng/contracts';
import type { UserListParams } from '../../../api/users';
import { useT } from '../../../i18n';

export type UserFilterValues = Pick<UserListParams, 'q' | 'unitId' | 'role' | 'active'>;

interface Props {
  value: UserFilterValues;
  units: UnitDto[];
  onChange: (next: UserFilterValues) => void;
}

/** Search box and the unit, role and status filters of the people list; all applied by the server. */
export function UserFilters({ value, units, onChange }: Props) {
  const { t, roleLabel } = useT();
  return (
    <Space wrap>
      <Input.Search
        allowClear
        aria-label={t('users.search')}
        placeholder={t('users.search')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ width: 280 }}
      />
      <Select<string>
        allowClear
        aria-label={t('users.filterUnit')}
        placeholder={t('users.filterUnit')}
        value={value.unitId}
        onChange={(unitId) => onChange({ ...value, unitId })}
        showSearch={{ optionFilterProp: 'label' }}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
        style={{ width: 200 }}
      />
      <Select<Role>
        allowClear
        aria-label={t('users.filterRole')}
        placeholder={t('users.filterRole')}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        options={ROLES.map((role) => ({ value: role, label: roleLabel(role) }))}
        style={{ width: 180 }}
      />
      <Select<'true' | 'false'>
        allowClear
        aria-label={t('users.filterStatus')}
        placeholder={t('users.filterStatus')}
        value={value.active}
        onChange={(active) => onChange({ ...value, active })}
        options={[
          { value: 'true', label: t('common.active') },
          { value: 'false', label: t('common.inactive') },
        ]}
        style={{ width: 140 }}
      />
    </Space>
  );
}
