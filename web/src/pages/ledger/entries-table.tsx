import { CheckOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography, theme, type TableColumnsType } from 'antd';
import type { SubjectVerificationDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../components/format-time';
import { useT } from '../../i18n';
import { actionLabelId } from './ledger-actions';

type Entry = SubjectVerificationDto['entries'][number];

/** Every ledger entry of one record, oldest first, and whether a signed head already covers it. */
export function EntriesTable({ entries }: { entries: Entry[] }) {
  const { t } = useT();
  const { token } = theme.useToken();

  const columns: TableColumnsType<Entry> = [
    { title: t('ledger.entries.seq'), dataIndex: 'seq', width: 90, align: 'right' },
    {
      title: t('ledger.entries.at'),
      dataIndex: 'at',
      width: 190,
      render: (at: string) => formatBureauTime(at),
    },
    {
      title: t('ledger.entries.action'),
      dataIndex: 'action',
      render: (action: string) => {
        const label = actionLabelId(action);
        return (
          <Space size={8}>
            {label && <Tag color="blue">{t(label)}</Tag>}
            <Typography.Text type="secondary" code>
              {action}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('ledger.entries.actor'),
      dataIndex: 'actorName',
      render: (name: string | null) =>
        name ?? <Typography.Text type="secondary">{t('ledger.entries.system')}</Typography.Text>,
    },
    {
      title: t('ledger.entries.included'),
      dataIndex: 'included',
      width: 150,
      align: 'center',
      render: (included: boolean) =>
        included ? (
          <CheckOutlined
            style={{ color: token.colorSuccess }}
            aria-label={t('ledger.entries.includedYes')}
            title={t('ledger.entries.includedYes')}
          />
        ) : (
          <Typography.Text type="secondary" title={t('ledger.entries.includedNo')}>
            {t('common.none')}
          </Typography.Text>
        ),
    },
  ];

  return (
    <Table<Entry>
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={entries}
      pagination={{
        pageSize: 50,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { total }),
      }}
      data-testid="ledger-entries"
    />
  );
}
