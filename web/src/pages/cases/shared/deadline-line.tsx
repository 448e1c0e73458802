import { InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography, theme } from 'antd';
import type { DeadlineDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { useT } from '../../../i18n';
import { useCaseLabels } from './case-labels';
import { LightTag } from './light';

/** How far off a deadline is, in working days. */
export function useDaysLeft() {
  const { t } = useT();
  return (d: DeadlineDto) => {
    if (d.status !== 'open' || d.daysLeft === null) {
      return null;
    }
    if (d.daysLeft < 0) {
      return t('deadline.overdue', { days: -d.daysLeft });
    }
    return d.daysLeft === 0 ? t('deadline.dueToday') : t('deadline.daysLeft', { days: d.daysLeft });
  };
}

/**
 * One statutory deadline: what it is, when it is due, how many working days are left, its light,
 * the law it comes from (tooltip), and a calendar warning in orange when the year's holidays are
 * not yet known.
 */
export function DeadlineLine({ deadline: d }: { deadline: DeadlineDto }) {
  const { t } = useT();
  const labels = useCaseLabels();
  const { token } = theme.useToken();
  const daysLeft = useDaysLeft()(d);
  return (
    <Flex vertical gap={2} data-testid="deadline" data-period={d.periodId} data-status={d.status}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong={d.status === 'open'} delete={d.status === 'cancelled'}>
          {labels.loc(d.label)}{' '}
          <Tooltip title={t('deadline.sourceTip', { source: d.source, started: d.startedOn })}>
            <InfoCircleOutlined
              aria-label={t('deadline.source')}
              style={{ color: token.colorTextTertiary, cursor: 'help' }}
            />
          </Tooltip>
        </Typography.Text>
        {d.status === 'open' ? (
          <LightTag light={d.light} />
        ) : (
          <Tag>
            {d.status === 'met'
              ? t('deadline.met')
              : d.status === 'extended'
                ? t('deadline.extended')
                : t('deadline.cancelled')}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('deadline.due', { date: d.dueOn })}
        {daysLeft && <span data-testid="days-left"> · {daysLeft}</span>}
        {d.status === 'met' && d.metAt && (
          <span> · {t('deadline.metAt', { time: formatBureauTime(d.metAt) })}</span>
        )}
      </Typography.Text>
      {d.warning && (
        <Typography.Text style={{ color: token.colorWarning, fontSize: 12 }} data-testid="calendar-warning">
          <WarningOutlined /> {labels.loc(d.warning)}
        </Typography.Text>
      )}
    </Flex>
  );
}
