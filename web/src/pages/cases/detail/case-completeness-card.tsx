import {
  CheckCircleFilled,
  ClockCircleFilled,
  CloseCircleFilled,
  MinusCircleFilled,
} from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Spin, Tag, Typography, theme } from 'antd';
import { Link } from 'react-router';
import type { CompletenessItem } from '@quancheng/contracts';
import { useCaseCompleteness } from '../../../api/cases';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';

/**
 * 记录完整性: for every step the case has completed, the documents, approvals and AV records its
 * procedure requires — present, missing or waived — with rule IDs; AV uploaded more than 24 hours
 * after it ended is marked 逾期上传 (A25.1). What the legal-affairs office supervises (A33.1).
 */
export function CaseCompletenessCard({ caseId }: { caseId: string }) {
  const { t } = useT();
  const labels = useCaseLabels();
  const { token } = theme.useToken();
  const report = useCaseCompleteness(caseId);
  const icon = (i: CompletenessItem) =>
    i.status === 'present' ? (
      <CheckCircleFilled style={{ color: token.colorSuccess }} />
    ) : i.status === 'waived' ? (
      <MinusCircleFilled style={{ color: token.colorWarning }} />
    ) : (
      <CloseCircleFilled style={{ color: token.colorError }} />
    );
  return (
    <Card
      size="small"
      title={t('completeness.title')}
      data-testid="case-completeness"
      extra={
        report.data &&
        (report.data.complete ? (
          <Tag color="success">{t('completeness.complete')}</Tag>
        ) : (
          <Tag color="error">{t('completeness.missing', { count: report.data.missing })}</Tag>
        ))
      }
    >
      {report.isPending ? (
        <Spin size="small" />
      ) : report.isError ? (
        <Alert type="error" showIcon title={report.error.message} />
      ) : report.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('completeness.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {report.data.items.map((i) => (
            <Flex
              key={`${i.transition}:${i.occurrence}:${i.kind}:${i.ruleId}:${labels.loc(i.label)}`}
              vertical
              gap={2}
              data-testid="completeness-item"
              data-status={i.status}
            >
              <Flex gap={8} align="baseline" wrap>
                {icon(i)}
                <Typography.Text>{labels.loc(i.label)}</Typography.Text>
                {i.ruleId && <Tag>{i.ruleId}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {labels.loc(i.transitionTitle)}
                  {i.occurrence > 1 ? ` #${i.occurrence}` : ''}
                </Typography.Text>
                {i.status !== 'present' && (
                  <Typography.Text
                    type={i.status === 'missing' ? 'danger' : 'warning'}
                    style={{ fontSize: 12 }}
                  >
                    {t(`completeness.status.${i.status}`)}
                  </Typography.Text>
                )}
              </Flex>
              {i.recordings.map((r) => (
                <Flex key={r.recordingId} gap={8} style={{ paddingLeft: 22, fontSize: 12 }} wrap>
                  <Link to={`/recordings/${r.recordingId}`}>{r.fileName}</Link>
                  {r.uploadHours !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('completeness.uploadHours', { hours: r.uploadHours })}
                    </Typography.Text>
                  )}
                  {r.late && (
                    <Tag color="error" icon={<ClockCircleFilled />} data-testid="late-upload">
                      {t('completeness.late')}
                    </Tag>
                  )}
                </Flex>
              ))}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
