import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, type TableProps } from 'antd';
import { useState } from 'react';
import type { UserDto, UserListQuery } from '@quancheng/contracts';
import { useUnits } from '../../../api/units';
import { useUnlockUser, useUpdateUser, useUsers, type UserListParams } from '../../../api/users';
import { PageError } from '../../../components/page-state';
import { useSignedIn } from '../../../components/route-guards';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { ResetPasswordModal } from './reset-password-modal';
import { useUserColumns } from './user-columns';
import { UserFilters, type UserFilterValues } from './user-filters';
import { UserFormDrawer } from './user-form-drawer';

const SORTABLE: readonly UserListQuery['sort'][] = ['name', 'username', 'createdAt', 'certValidTo'];

function isSortable(key: unknown): key is UserListQuery['sort'] {
  return typeof key === 'string' && (SORTABLE as readonly string[]).includes(key);
}

/** 人员管理: the bureau's people, paged, searched, filtered and sorted by the server. */
export function UsersPage() {
  const { t } = useT();
  const me = useSignedIn();
  const { message } = App.useApp();
  const showError = useApiError();
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20, sort: 'name', order: 'asc' });
  const [editing, setEditing] = useState<{ user: UserDto | null } | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const users = useUsers(params);
  const units = useUnits(me.permissions.includes('unit.read'));
  const update = useUpdateUser();
  const unlock = useUnlockUser();

  const columns = useUserColumns(params, {
    onEdit: (user) => setEditing({ user }),
    onResetPassword: setResetting,
    onUnlock: (user) =>
      unlock.mutate(user.id, {
        onSuccess: () => void message.success(t('users.unlocked', { name: user.name })),
        onError: (error) => showError(error),
      }),
    onSetActive: (user, active) =>
      update.mutate(
        { id: user.id, input: { active } },
        {
          onSuccess: () =>
            void message.success(t(active ? 'users.enabled' : 'users.disabled', { name: user.name })),
          onError: (error) => showError(error),
        },
      ),
  });

  if (users.isError && !users.data) {
    return <PageError error={users.error} onRetry={() => void users.refetch()} />;
  }

  const onFilters = (filters: UserFilterValues) => setParams((p) => ({ ...p, ...filters, page: 1 }));

  const onTableChange: TableProps<UserDto>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setParams((p) => {
      const sortKey = one?.order && isSortable(one.columnKey) ? one.columnKey : 'name';
      const order = one?.order === 'descend' ? 'desc' : 'asc';
      const sortChanged = sortKey !== p.sort || order !== p.order;
      return {
        ...p,
        sort: sortKey,
        order,
        page: sortChanged ? 1 : (pagination.current ?? 1),
        pageSize: pagination.pageSize ?? p.pageSize,
      };
    });
  };

  const unitItems = units.data?.items ?? [];
  const items = users.data?.items ?? [];
  const anyAction = items.some((u) => u.abilities.update || u.abilities.disable || u.abilities.resetPassword);
  return (
    <Card
      title={t('users.title')}
      extra={
        users.data?.abilities.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
            {t('users.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <UserFilters
          value={{ q: params.q, unitId: params.unitId, role: params.role, active: params.active }}
          units={unitItems}
          onChange={onFilters}
        />
        <Table<UserDto>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={users.isFetching}
          columns={anyAction ? columns : columns.filter((c) => c.key !== 'actions')}
          dataSource={items}
          onChange={onTableChange}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Flex>
      <UserFormDrawer
        open={editing !== null}
        user={editing?.user ?? null}
        units={unitItems}
        onClose={() => setEditing(null)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
