import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CaseSummaryDto } from '@quancheng/contracts';
import type { CaseListParams } from '../../../api/cases';
import { formatBureauTime } from '../../../components/format-time';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';
import { LightDot } from '../shared/light';

type Sorting = Pick<CaseListParams, 'sort' | 'order'>;

/** The cases table: the number links to the case; sortable columns sort on the server. */
export function useCaseColumns({ sort, order }: Sorting): TableColumnsType<CaseSummaryDto> {
  const { t } = useT();
  const labels = useCaseLabels();
  const none = t('common.none');
  const sortOrder = (key: CaseListParams['sort']) =>
    sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null;

  return [
    {
      title: t('case.number'),
      key: 'number',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Link to={`/cases/${c.id}`} data-testid="case-link">
            {c.number ?? c.regNumber}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.number ? c.regNumber : t('case.notOpened')} · {labels.source(c.source)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('case.party'),
      key: 'party',
      render: (_, c) => (
        <Typography.Text ellipsis={{ tooltip: c.partyName }} style={{ maxWidth: 200 }}>
          {c.partyName ?? <Typography.Text type="secondary">{t('case.partyUnidentified')}</Typography.Text>}
        </Typography.Text>
      ),
    },
    {
      title: t('case.cause'),
      key: 'cause',
      render: (_, c) => (
        <Typography.Text ellipsis={{ tooltip: c.cause }} style={{ maxWidth: 220 }}>
          {c.cause}
        </Typography.Text>
      ),
    },
    {
      title: t('case.step'),
      key: 'step',
      render: (_, c) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={c.status === 'closed' ? 'default' : 'blue'}>{labels.loc(c.stepTitle)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.loc(c.stageTitle)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('case.leadOfficer'), dataIndex: 'leadOfficerName', key: 'leadOfficerName' },
    {
      title: t('case.receivedOn'),
      dataIndex: 'receivedOn',
      key: 'receivedOn',
      sorter: true,
      sortOrder: sortOrder('receivedOn'),
    },
    {
      title: t('case.deadline'),
      key: 'nextDueOn',
      sorter: true,
      sortOrder: sortOrder('nextDueOn'),
      render: (_, c) => (c.nextDueOn ? <LightDot light={c.light} text={c.nextDueOn} /> : none),
    },
    {
      title: t('case.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, c) => <Typography.Text type="secondary">{formatBureauTime(c.updatedAt)}</Typography.Text>,
    },
  ];
}
