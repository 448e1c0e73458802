import { StopOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FORM_TYPE_LABELS, type FormNumberDto, type FormRangeDto } from '@quancheng/contracts';
import { useFormRange } from '../../api/forms';
import { formatBureauTime } from '../../components/format-time';
import { MONO } from '../../components/mono';
import { PageError } from '../../components/page-state';
import { useT } from '../../i18n';
import { GapTag } from './gap-tag';
import { VoidNumberModal } from './void-number-modal';

interface Props {
  /** The pad shown, or null when the drawer is closed. */
  padId: string | null;
  onClose: () => void;
}

/** One pad: who holds it, its counts, and every number used on a case or voided with the reason. */
export function RangeDrawer({ padId, onClose }: Props) {
  const { t, lang } = useT();
  const pad = useFormRange(padId);
  const [voiding, setVoiding] = useState<FormRangeDto | null>(null);
  const none = t('common.none');
  const data = pad.data?.id === padId ? pad.data : undefined;

  const columns: TableProps<FormNumberDto>['columns'] = [
    {
      title: t('forms.number'),
      key: 'display',
      render: (_, n) => (
        <Typography.Text style={MONO} data-testid="form-number" data-status={n.status}>
          {n.display}
        </Typography.Text>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, n) =>
        n.status === 'used' ? (
          <Tag color="processing">{t('forms.status.used')}</Tag>
        ) : (
          <Tag color="default">{t('forms.status.voided')}</Tag>
        ),
    },
    {
      title: t('forms.case'),
      key: 'case',
      render: (_, n) =>
        n.caseId ? <Link to={`/cases/${n.caseId}`}>{n.caseLabel ?? t('forms.caseOpen')}</Link> : none,
    },
    { title: t('forms.reason'), key: 'reason', render: (_, n) => n.reason ?? none },
    { title: t('forms.recordedBy'), dataIndex: 'recordedByName', key: 'recordedByName' },
    {
      title: t('forms.recordedAt'),
      key: 'recordedAt',
      render: (_, n) => <Typography.Text type="secondary">{formatBureauTime(n.recordedAt)}</Typography.Text>,
    },
  ];

  const title = data
    ? t('forms.detail', { range: `${data.firstDisplay}–${data.lastDisplay}` })
    : t('forms.title');
  return (
    <Drawer
      open={padId !== null}
      title={title}
      size={880}
      onClose={onClose}
      loading={pad.isPending && padId !== null}
      rootClassName="form-range-drawer"
      extra={
        data &&
        data.abilities.void && (
          <Button
            danger
            icon={<StopOutlined />}
            onClick={() => setVoiding(data)}
            disabled={data.next === null}
          >
            {t('forms.void')}
          </Button>
        )
      }
    >
      {pad.isError && <PageError error={pad.error} onRetry={() => void pad.refetch()} />}
      {/* Inside the drawer, so antd stacks the modal above it. */}
      <VoidNumberModal pad={voiding} onClose={() => setVoiding(null)} />
      {data && (
        <Flex vertical gap={24}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('forms.formType')}>
              {FORM_TYPE_LABELS[data.formType][lang]}
            </Descriptions.Item>
            <Descriptions.Item label={t('forms.unit')}>{data.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('forms.holder')}>
              {data.holderName ?? t('forms.unitPad')}
            </Descriptions.Item>
            <Descriptions.Item label={t('forms.next')}>
              <Typography.Text style={MONO} data-testid="form-range-next">
                {data.nextDisplay ?? t('forms.usedUp')}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={`${t('forms.used')} / ${t('forms.voided')} / ${t('forms.free')}`}>
              <span data-testid="form-range-counts">
                {data.used} / {data.voided} / {data.free}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('forms.gapsColumn')}>
              <GapTag pad={data} />
            </Descriptions.Item>
            <Descriptions.Item label={t('forms.registeredAt')}>
              {formatBureauTime(data.registeredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('forms.note')}>{data.note ?? none}</Descriptions.Item>
          </Descriptions>
          <Table<FormNumberDto>
            rowKey="number"
            size="small"
            title={() => <Typography.Text strong>{t('forms.numbers')}</Typography.Text>}
            loading={pad.isFetching}
            columns={columns}
            dataSource={data.numbers}
            data-testid="form-numbers"
            pagination={data.numbers.length > 20 ? { pageSize: 20 } : false}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forms.noNumbers')} />,
            }}
          />
        </Flex>
      )}
    </Drawer>
  );
}
