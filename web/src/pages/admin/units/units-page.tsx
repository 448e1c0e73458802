import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { UnitDto } from '@quancheng/contracts';
import { useUnits, useUpdateUnit } from '../../../api/units';
import { PageError } from '../../../components/page-state';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { UnitFormModal } from './unit-form-modal';

type Editing = { unit: UnitDto | null } | null;

/** 单位管理: the bureau's units, created, renamed, re-parented and deactivated here. */
export function UnitsPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const units = useUnits();
  const update = useUpdateUnit();
  const showError = useApiError();
  const [editing, setEditing] = useState<Editing>(null);

  if (units.isError) {
    return <PageError error={units.error} onRetry={() => void units.refetch()} />;
  }
  const items = units.data?.items ?? [];
  const nameOf = new Map(items.map((u) => [u.id, u.name]));

  const setActive = (unit: UnitDto, active: boolean) => {
    update.mutate(
      { id: unit.id, input: { active } },
      {
        onSuccess: () =>
          void message.success(t(active ? 'units.activated' : 'units.deactivated', { name: unit.name })),
        onError: (error) => showError(error),
      },
    );
  };

  const columns: TableColumnsType<UnitDto> = [
    { title: t('units.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    { title: t('units.code'), dataIndex: 'code', render: (code: string | null) => code ?? t('common.none') },
    {
      title: t('units.parent'),
      dataIndex: 'parentId',
      render: (parentId: string | null) =>
        parentId ? (nameOf.get(parentId) ?? t('common.none')) : t('common.none'),
    },
    { title: t('units.peopleCount'), dataIndex: 'peopleCount', align: 'right', width: 90 },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) =>
        active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, unit) =>
        unit.abilities.update && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing({ unit })}>
              {t('common.edit')}
            </Button>
            {unit.active ? (
              <Popconfirm
                title={t('units.confirmDeactivate', { name: unit.name })}
                okText={t('units.deactivate')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => setActive(unit, false)}
              >
                <Button type="link" size="small" danger>
                  {t('units.deactivate')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" onClick={() => setActive(unit, true)}>
                {t('units.activate')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('units.title')}
      extra={
        units.data?.abilities.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })}>
            {t('units.create')}
          </Button>
        )
      }
    >
      <Table<UnitDto>
        rowKey="id"
        size="middle"
        loading={units.isPending}
        columns={columns}
        dataSource={items}
        pagination={{
          pageSize: 50,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <UnitFormModal
        open={editing !== null}
        unit={editing?.unit ?? null}
        units={items}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
