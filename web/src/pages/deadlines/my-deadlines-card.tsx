import { Button, Card, Empty, Flex, List, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useMyDeadlines } from '../../api/cases';
import { useT } from '../../i18n';
import { useCaseLabels } from '../cases/shared/case-labels';
import { useDaysLeft } from '../cases/shared/deadline-line';
import { LightTag } from '../cases/shared/light';

/** 我的期限 on the workbench: the five soonest open deadlines of my cases, with their lights. */
export function MyDeadlinesCard() {
  const { t } = useT();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const daysLeft = useDaysLeft();
  const deadlines = useMyDeadlines({ page: 1, pageSize: 5 });
  return (
    <Card
      title={t('deadlines.title')}
      data-testid="home-deadlines"
      extra={
        <Button type="link" size="small" onClick={() => void navigate('/deadlines')}>
          {t('home.open')}
        </Button>
      }
      loading={deadlines.isPending}
    >
      {deadlines.isError ? (
        <Typography.Text type="danger">{t('app.loadFailed')}</Typography.Text>
      ) : (deadlines.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.empty')} />
      ) : (
        <List
          size="small"
          dataSource={deadlines.data?.items ?? []}
          renderItem={(d) => (
            <List.Item>
              <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                <Flex vertical gap={0} style={{ minWidth: 0 }}>
                  <Link to={`/cases/${d.caseId}`}>{d.caseNumber ?? d.regNumber}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {labels.loc(d.label)} · {d.dueOn} · {daysLeft(d)}
                  </Typography.Text>
                </Flex>
                <LightTag light={d.light} />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
