import { Card, Empty, Flex, Segmented, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DeadlineDto, Light } from '@quancheng/contracts';
import { useMyDeadlines } from '../../api/cases';
import { PageError } from '../../components/page-state';
import { useT } from '../../i18n';
import { useCaseLabels } from '../cases/shared/case-labels';
import { useDaysLeft } from '../cases/shared/deadline-line';
import { LightTag } from '../cases/shared/light';

/** 我的期限: the open deadlines of my cases, soonest first, with their lights. */
export function DeadlinesPage() {
  const { t } = useT();
  const labels = useCaseLabels();
  const daysLeft = useDaysLeft();
  const [light, setLight] = useState<Light | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const deadlines = useMyDeadlines({ ...page, light: light === 'all' ? undefined : light });

  if (deadlines.isError && !deadlines.data) {
    return <PageError error={deadlines.error} onRetry={() => void deadlines.refetch()} />;
  }

  const columns: TableProps<DeadlineDto>['columns'] = [
    { title: t('case.light'), key: 'light', render: (_, d) => <LightTag light={d.light} /> },
    {
      title: t('deadline.dueOn'),
      key: 'dueOn',
      render: (_, d) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{d.dueOn}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {daysLeft(d)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('deadline.what'),
      key: 'label',
      render: (_, d) => (
        <Flex vertical gap={0} style={{ maxWidth: 320 }}>
          <span>{labels.loc(d.label)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.source}
          </Typography.Text>
          {d.warning && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {labels.loc(d.warning)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('approval.case'),
      key: 'case',
      render: (_, d) => <Link to={`/cases/${d.caseId}`}>{d.caseNumber ?? d.regNumber}</Link>,
    },
    { title: t('deadline.startedOn'), dataIndex: 'startedOn', key: 'startedOn' },
  ];

  return (
    <Card
      title={t('deadlines.title')}
      extra={
        <Segmented<Light | 'all'>
          value={light}
          onChange={(v) => {
            setLight(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[{ value: 'all', label: t('deadlines.allLights') }, ...labels.lightOptions]}
        />
      }
    >
      <Table<DeadlineDto>
        rowKey="id"
        size="middle"
        data-testid="deadlines-table"
        scroll={{ x: 'max-content' }}
        loading={deadlines.isFetching}
        columns={columns}
        dataSource={deadlines.data?.items ?? []}
        onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? page.pageSize })}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.empty')} />,
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: deadlines.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </Card>
  );
}
