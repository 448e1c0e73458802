import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import type { DeviceDto, DeviceListQuery, DeviceStatus } from '@quancheng/contracts';
import { useDevices, type DeviceListParams } from '../../../api/devices';
import { useUnits } from '../../../api/units';
import { formatBureauTime } from '../../../components/format-time';
import { MONO } from '../../../components/mono';
import { PageError } from '../../../components/page-state';
import { useSignedIn } from '../../../components/route-guards';
import { useT } from '../../../i18n';
import { useRecordingLabels } from '../../recordings/shared/labels';
import { DeviceFormModal } from './device-form-modal';

const STATUS_COLOR: Record<DeviceStatus, string> = {
  active: 'success',
  repair: 'warning',
  retired: 'default',
};
const SORTABLE: readonly DeviceListQuery['sort'][] = ['deviceNumber', 'updatedAt', 'status'];
const isSortable = (key: unknown): key is DeviceListQuery['sort'] =>
  typeof key === 'string' && (SORTABLE as readonly string[]).includes(key);

/** 执法记录仪: the device registry — number, model, unit, assigned officer, status (A31.1). */
export function DevicesPage() {
  const { t } = useT();
  const me = useSignedIn();
  const labels = useRecordingLabels();
  const [params, setParams] = useState<DeviceListParams>({
    page: 1,
    pageSize: 20,
    sort: 'deviceNumber',
    order: 'asc',
  });
  const [editing, setEditing] = useState<{ device: DeviceDto | null }>({ device: null });
  const [formOpen, setFormOpen] = useState(false);
  const openForm = (device: DeviceDto | null) => {
    setEditing({ device });
    setFormOpen(true);
  };
  const devices = useDevices(params);
  const units = useUnits(me.permissions.includes('unit.read'));
  const none = t('common.none');

  if (devices.isError && !devices.data) {
    return <PageError error={devices.error} onRetry={() => void devices.refetch()} />;
  }

  const sortOrder = (key: DeviceListQuery['sort']) =>
    params.sort === key ? (params.order === 'asc' ? 'ascend' : 'descend') : null;
  const items = devices.data?.items ?? [];
  const anyEditable = items.some((d) => d.abilities.update);

  const onTableChange: TableProps<DeviceDto>['onChange'] = (pagination, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setParams((p) => {
      const sort = one?.order && isSortable(one.columnKey) ? one.columnKey : 'deviceNumber';
      const order = one?.order === 'descend' ? 'desc' : 'asc';
      const changed = sort !== p.sort || order !== p.order;
      return {
        ...p,
        sort,
        order,
        page: changed ? 1 : (pagination.current ?? 1),
        pageSize: pagination.pageSize ?? p.pageSize,
      };
    });
  };

  const columns: TableProps<DeviceDto>['columns'] = [
    {
      title: t('rec.deviceNumber'),
      dataIndex: 'deviceNumber',
      key: 'deviceNumber',
      sorter: true,
      sortOrder: sortOrder('deviceNumber'),
      render: (_, d) => <Typography.Text style={MONO}>{d.deviceNumber}</Typography.Text>,
    },
    { title: t('devices.model'), key: 'model', render: (_, d) => d.model ?? none },
    { title: t('list.unit'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('devices.officer'), key: 'officer', render: (_, d) => d.officerName ?? none },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (_, d) => <Tag color={STATUS_COLOR[d.status]}>{labels.deviceStatus(d.status)}</Tag>,
    },
    {
      title: t('rec.note'),
      key: 'note',
      render: (_, d) => (
        <Typography.Text ellipsis={{ tooltip: d.note }} style={{ maxWidth: 200 }}>
          {d.note ?? none}
        </Typography.Text>
      ),
    },
    {
      title: t('devices.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, d) => <Typography.Text type="secondary">{formatBureauTime(d.updatedAt)}</Typography.Text>,
    },
    ...(anyEditable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: DeviceDto) =>
              d.abilities.update && (
                <Button type="link" size="small" onClick={() => openForm(d)}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const filtered = params.q !== undefined || params.unitId !== undefined || params.status !== undefined;
  return (
    <Card
      title={t('devices.title')}
      extra={
        devices.data?.abilities.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
            {t('devices.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Space wrap>
          <Input.Search
            allowClear
            aria-label={t('devices.search')}
            placeholder={t('devices.search')}
            onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
            style={{ width: 240 }}
          />
          <Select<string>
            allowClear
            aria-label={t('list.unit')}
            placeholder={t('list.unit')}
            value={params.unitId}
            onChange={(unitId) => setParams((p) => ({ ...p, unitId, page: 1 }))}
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            style={{ width: 200 }}
          />
          <Select<DeviceStatus>
            allowClear
            aria-label={t('common.status')}
            placeholder={t('common.status')}
            value={params.status}
            onChange={(status) => setParams((p) => ({ ...p, status, page: 1 }))}
            options={labels.deviceStatusOptions}
            style={{ width: 140 }}
          />
        </Space>
        <Table<DeviceDto>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={devices.isFetching}
          columns={columns}
          dataSource={items}
          onChange={onTableChange}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('list.emptyFiltered') : t('devices.empty')}
              />
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: devices.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Flex>
      <DeviceFormModal
        open={formOpen}
        device={editing.device}
        units={units.data?.items ?? []}
        onClose={() => setFormOpen(false)}
      />
    </Card>
  );
}
