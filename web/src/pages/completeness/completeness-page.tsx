import { Card, Empty, Flex, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CompletenessList } from '@quancheng/contracts';
import { useCompletenessList } from '../../api/cases';
import { PageError } from '../../components/page-state';
import { useT } from '../../i18n';
import { useCaseLabels } from '../cases/shared/case-labels';

type Row = CompletenessList['items'][number];

/**
 * 记录完整性 across cases (A33.1): the cases a person may see, each with how many records its
 * completed steps still lack and how many AV records were uploaded late (A25.1) — what the
 * legal-affairs office supervises. A case's own panel names each missing record.
 */
export function CompletenessPage() {
  const { t } = useT();
  const labels = useCaseLabels();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useCompletenessList({
    ...page,
    sort: 'updatedAt',
    order: 'desc',
    ...(status === 'all' ? {} : { status }),
  });

  if (list.isError && !list.data) {
    return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  }

  const columns: TableProps<Row>['columns'] = [
    {
      title: t('completeness.state'),
      key: 'state',
      render: (_, r) =>
        r.complete ? (
          <Tag color="success">{t('completeness.complete')}</Tag>
        ) : (
          <Tag color="error">{t('completeness.missing', { count: r.missing })}</Tag>
        ),
    },
    {
      title: t('approval.case'),
      key: 'case',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <Link to={`/cases/${r.case.id}`} data-testid="completeness-case">
            {r.case.number ?? r.case.regNumber}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.case.cause}
            {r.case.partyName ? ` · ${r.case.partyName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('completeness.step'), key: 'step', render: (_, r) => labels.loc(r.case.stepTitle) },
    {
      title: t('completeness.lateUploads'),
      key: 'late',
      render: (_, r) => (r.lateUploads > 0 ? <Tag color="magenta">{r.lateUploads}</Tag> : '—'),
    },
    { title: t('completeness.unit'), key: 'unit', render: (_, r) => r.case.unitName },
  ];

  return (
    <Card
      title={t('completeness.pageTitle')}
      extra={
        <Segmented<'open' | 'closed' | 'all'>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'open', label: t('completeness.open') },
            { value: 'closed', label: t('completeness.closed') },
            { value: 'all', label: t('completeness.all') },
          ]}
        />
      }
    >
      <Table<Row>
        rowKey={(r) => r.case.id}
        size="middle"
        data-testid="completeness-table"
        scroll={{ x: 'max-content' }}
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? page.pageSize })}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('completeness.none')} />,
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </Card>
  );
}
