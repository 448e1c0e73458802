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
import {
  PARTY_KIND_LABELS,
  PARTY_KINDS,
  PARTY_SORT_KEYS,
  SEX_LABELS,
  type PartyDto,
  type PartyKind,
  type PartyListQuery,
} from '@quancheng/contracts';
import { formatBureauTime } from '../../components/format-time';
import { MONO } from '../../components/mono';
import { PageError } from '../../components/page-state';
import { useT } from '../../i18n';
import { useParties, type PartyListParams } from './parties-api';
import { PartyFormDrawer } from './party-form-drawer';

const KIND_COLOR: Record<PartyKind, string> = { organisation: 'blue', person: 'green' };
const isSortable = (key: unknown): key is PartyListQuery['sort'] =>
  typeof key === 'string' && (PARTY_SORT_KEYS as readonly string[]).includes(key);

/** 当事人名录: employers and persons, one record per number, searched and paged on the server. */
export function PartiesPage() {
  const { t, lang } = useT();
  const [params, setParams] = useState<PartyListParams>({
    page: 1,
    pageSize: 20,
    sort: 'name',
    order: 'asc',
  });
  const [editing, setEditing] = useState<PartyDto | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [search, setSearch] = useState('');
  const parties = useParties(params);
  const none = t('common.none');

  const openForm = (party: PartyDto | null) => {
    setEditing(party);
    setFormOpen(true);
  };

  if (parties.isError && !parties.data) {
    return <PageError error={parties.error} onRetry={() => void parties.refetch()} />;
  }

  const sortOrder = (key: PartyListQuery['sort']) =>
    params.sort === key ? (params.order === 'asc' ? 'ascend' : 'descend') : null;
  const items = parties.data?.items ?? [];
  const anyEditable = items.some((p) => p.abilities.update);

  const onTableChange: TableProps<PartyDto>['onChange'] = (pagination, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setParams((p) => {
      const sort = one?.order && isSortable(one.columnKey) ? one.columnKey : 'name';
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

  const columns: TableProps<PartyDto>['columns'] = [
    {
      title: t('parties.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
    },
    {
      title: t('parties.kind'),
      key: 'kind',
      render: (_, p) => <Tag color={KIND_COLOR[p.kind]}>{PARTY_KIND_LABELS[p.kind][lang]}</Tag>,
    },
    {
      title: t('parties.identifier'),
      dataIndex: 'identifier',
      key: 'identifier',
      sorter: true,
      sortOrder: sortOrder('identifier'),
      render: (_, p) => <Typography.Text style={MONO}>{p.identifier}</Typography.Text>,
    },
    {
      title: `${t('parties.legalRep')} / ${t('parties.sex')}`,
      key: 'legalRepOrSex',
      render: (_, p) =>
        p.kind === 'organisation' ? (p.legalRep ?? none) : p.sex ? SEX_LABELS[p.sex][lang] : none,
    },
    { title: t('parties.phone'), key: 'phone', render: (_, p) => p.phone ?? none },
    {
      title: t('parties.address'),
      key: 'address',
      render: (_, p) => (
        <Typography.Text ellipsis={{ tooltip: p.address }} style={{ maxWidth: 240 }}>
          {p.address ?? none}
        </Typography.Text>
      ),
    },
    {
      title: t('parties.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, p) => <Typography.Text type="secondary">{formatBureauTime(p.updatedAt)}</Typography.Text>,
    },
    ...(anyEditable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, p: PartyDto) =>
              p.abilities.update && (
                <Button type="link" size="small" onClick={() => openForm(p)}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const filtered = params.q !== undefined || params.kind !== undefined;
  return (
    <Card
      title={t('parties.title')}
      extra={
        parties.data?.abilities.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
            {t('parties.create')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Space wrap>
          <Input.Search
            allowClear
            aria-label={t('parties.search')}
            placeholder={t('parties.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setParams((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
            style={{ width: 300 }}
          />
          <Select<PartyKind>
            allowClear
            aria-label={t('parties.kind')}
            placeholder={t('parties.kind')}
            value={params.kind}
            onChange={(kind) => setParams((p) => ({ ...p, kind, page: 1 }))}
            options={PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k][lang] }))}
            style={{ width: 140 }}
          />
        </Space>
        <Table<PartyDto>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={parties.isFetching}
          columns={columns}
          dataSource={items}
          onChange={onTableChange}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('parties.emptyFiltered') : t('parties.empty')}
              />
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: parties.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Flex>
      <PartyFormDrawer
        open={formOpen}
        party={editing}
        onClose={() => setFormOpen(false)}
        onUseExisting={(existing) => {
          // In the directory, using the registered party means opening it: show it and edit it.
          setSearch(existing.identifier);
          setParams((p) => ({ ...p, q: existing.identifier, kind: undefined, page: 1 }));
          openForm(existing);
        }}
      />
    </Card>
  );
}
