import { Button, Popconfirm, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { UserDto, UserListQuery } from '@quancheng/contracts';
import { useT } from '../../../i18n';

export interface UserActions {
  onEdit: (user: UserDto) => void;
  onResetPassword: (user: UserDto) => void;
  onUnlock: (user: UserDto) => void;
  onSetActive: (user: UserDto, active: boolean) => void;
}

interface Sorting {
  sort: UserListQuery['sort'];
  order: UserListQuery['order'];
}

function isLocked(user: UserDto): boolean {
  return user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());
}

/** The people table's columns; which buttons show is decided by each row's abilities. */
export function useUserColumns({ sort, order }: Sorting, actions: UserActions): TableColumnsType<UserDto> {
  const { t, roleLabel } = useT();
  const sortOrder = (key: UserListQuery['sort']) =>
    sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null;
  const none = t('common.none');

  return [
    { title: t('users.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrder('username'),
    },
    { title: t('users.unit'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (_, user) => (
        <Space wrap size={4}>
          {user.roles.map((role) => (
            <Tag key={role}>{roleLabel(role)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.certNo'),
      dataIndex: 'certNo',
      key: 'certNo',
      render: (_, user) =>
        user.certNo ? (
          <Space size={4}>
            <span>{user.certNo}</span>
            <Tag color={user.certifiedToday ? 'success' : 'warning'}>
              {user.certifiedToday ? t('users.certified') : t('users.notCertified')}
            </Tag>
          </Space>
        ) : (
          none
        ),
    },
    {
      title: t('users.certValidTo'),
      dataIndex: 'certValidTo',
      key: 'certValidTo',
      sorter: true,
      sortOrder: sortOrder('certValidTo'),
      render: (_, user) => user.certValidTo ?? none,
    },
    { title: t('users.phone'), dataIndex: 'phone', key: 'phone', render: (_, user) => user.phone ?? none },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, user) => (
        <Space wrap size={4}>
          {user.active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
          {isLocked(user) && (
            <Tooltip title={dayjs(user.lockedUntil).format('YYYY-MM-DD HH:mm')}>
              <Tag color="error">{t('users.locked')}</Tag>
            </Tooltip>
          )}
          {user.mustChangePassword && <Tag color="processing">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (_, user) => (
        <Typography.Text type="secondary">{dayjs(user.createdAt).format('YYYY-MM-DD')}</Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => <RowActions user={user} actions={actions} />,
    },
  ];
}

function RowActions({ user, actions }: { user: UserDto; actions: UserActions }) {
  const { t } = useT();
  const { abilities } = user;
  return (
    <Space size={0} wrap>
      {abilities.update && (
        <Button type="link" size="small" onClick={() => actions.onEdit(user)}>
          {t('common.edit')}
        </Button>
      )}
      {abilities.resetPassword && (
        <Button type="link" size="small" onClick={() => actions.onResetPassword(user)}>
          {t('users.resetPassword')}
        </Button>
      )}
      {abilities.unlock && isLocked(user) && (
        <Button type="link" size="small" onClick={() => actions.onUnlock(user)}>
          {t('users.unlock')}
        </Button>
      )}
      {abilities.disable &&
        (user.active ? (
          <Popconfirm
            title={t('users.confirmDisable', { name: user.name })}
            okText={t('common.disable')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => actions.onSetActive(user, false)}
          >
            <Button type="link" size="small" danger>
              {t('common.disable')}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="link" size="small" onClick={() => actions.onSetActive(user, true)}>
            {t('common.enable')}
          </Button>
        ))}
    </Space>
  );
}
