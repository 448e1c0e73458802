import {
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApprovalDto, ApprovalListQuery } from '@quancheng/contracts';
import { useApprovals, type ApprovalListParams } from '../../api/cases';
import { formatBureauTime } from '../../components/format-time';
import { PageError } from '../../components/page-state';
import { useT, type MessageId } from '../../i18n';
import { useCaseLabels } from '../cases/shared/case-labels';
import { ApprovalChain, ApprovalStateTag } from './approval-chain';
import { DecideModal, type Deciding } from './decide-modal';

type Box = ApprovalListQuery['box'];
type State = NonNullable<ApprovalListQuery['state']>;
const BOXES: { key: Box; label: MessageId }[] = [
  { key: 'inbox', label: 'approvals.inbox' },
  { key: 'mine', label: 'approvals.mine' },
  { key: 'all', label: 'approvals.all' },
];
const isBox = (v: string | null): v is Box => v === 'inbox' || v === 'mine' || v === 'all';

/** 审批: what waits for me, what I proposed, and everything I may see; decided with an opinion. */
export function ApprovalsPage() {
  const { t } = useT();
  const labels = useCaseLabels();
  const [search, setSearch] = useSearchParams();
  const box: Box = isBox(search.get('box')) ? (search.get('box') as Box) : 'inbox';
  const [state, setState] = useState<State | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const params: ApprovalListParams = { box, state, ...page };
  const approvals = useApprovals(params);
  const inbox = useApprovals({ box: 'inbox', state: 'pending', page: 1, pageSize: 1 });

  const columns: TableProps<ApprovalDto>['columns'] = [
    {
      title: t('approval.case'),
      key: 'case',
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Link to={`/cases/${a.caseId}`}>{a.caseNumber ?? a.caseRegNumber}</Link>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220, fontSize: 12 }}>
            {[a.partyName, a.cause].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('approval.matter'),
      key: 'matter',
      render: (_, a) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{labels.loc(a.transitionTitle)}</Typography.Text>
          <ApprovalStateTag state={a.state} />
        </Space>
      ),
    },
    {
      title: t('approval.proposer'),
      key: 'proposer',
      render: (_, a) => (
        <Flex vertical gap={2} style={{ maxWidth: 240 }}>
          <span>{a.proposedByName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBureauTime(a.proposedAt)}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: a.opinion }} style={{ fontSize: 12 }}>
            {a.opinion}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('approval.chain'),
      key: 'chain',
      render: (_, a) => <ApprovalChain approval={a} compact />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) =>
        a.abilities.decide ? (
          <Space wrap>
            <Button
              type="primary"
              size="small"
              onClick={() => setDeciding({ approval: a, decision: 'approve' })}
            >
              {t('approval.approve')}
            </Button>
            <Button danger size="small" onClick={() => setDeciding({ approval: a, decision: 'reject' })}>
              {t('approval.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  const inboxCount = inbox.data?.total ?? 0;
  return (
    <Card title={t('approvals.title')}>
      <Tabs
        activeKey={box}
        onChange={(key) => {
          setPage((p) => ({ ...p, page: 1 }));
          setSearch(key === 'inbox' ? {} : { box: key }, { replace: true });
        }}
        items={BOXES.map((b) => ({
          key: b.key,
          label:
            b.key === 'inbox' ? (
              <Space size={6}>
                {t(b.label)}
                <Badge count={inboxCount} size="small" />
              </Space>
            ) : (
              t(b.label)
            ),
        }))}
        tabBarExtraContent={
          <Select<State>
            allowClear
            aria-label={t('common.status')}
            placeholder={t('common.status')}
            value={state}
            onChange={(s) => {
              setState(s);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={(['pending', 'approved', 'rejected', 'withdrawn'] as const).map((s) => ({
              value: s,
              label: t(`approval.state.${s}` satisfies MessageId),
            }))}
            style={{ width: 120 }}
          />
        }
      />
      {approvals.isError && !approvals.data ? (
        <PageError error={approvals.error} onRetry={() => void approvals.refetch()} />
      ) : (
        <Table<ApprovalDto>
          rowKey="id"
          size="middle"
          data-testid="approvals-table"
          scroll={{ x: 'max-content' }}
          loading={approvals.isFetching}
          columns={columns}
          dataSource={approvals.data?.items ?? []}
          onChange={(pagination) =>
            setPage({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? page.pageSize })
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={box === 'inbox' ? t('approvals.emptyInbox') : t('approvals.empty')}
              />
            ),
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: approvals.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      )}
      <DecideModal deciding={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}
