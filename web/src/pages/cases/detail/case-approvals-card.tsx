import { Button, Card, Empty, Flex, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import type { CaseDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { useT } from '../../../i18n';
import { ApprovalChain, ApprovalStateTag } from '../../approvals/approval-chain';
import { DecideModal, type Deciding } from '../../approvals/decide-modal';
import { useCaseLabels } from '../shared/case-labels';

/** 审批: each request on the case with its chain — who decided, what they said and when. */
export function CaseApprovalsCard({ c }: { c: CaseDto }) {
  const { t } = useT();
  const labels = useCaseLabels();
  const { token } = theme.useToken();
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const approvals = [...c.approvals].sort((a, b) => b.proposedAt.localeCompare(a.proposedAt));
  return (
    <Card size="small" title={t('approvals.title')} data-testid="case-approvals">
      {approvals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.noneOnCase')} />
      ) : (
        <Flex vertical gap={12}>
          {approvals.map((a) => (
            <Flex
              key={a.id}
              vertical
              gap={8}
              data-testid="case-approval"
              data-state={a.state}
              style={{ paddingBottom: 12, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
            >
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Space wrap>
                  <Typography.Text strong>{labels.loc(a.transitionTitle)}</Typography.Text>
                  <ApprovalStateTag state={a.state} />
                </Space>
                {a.abilities.decide && (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      onClick={() => setDeciding({ approval: a, decision: 'approve' })}
                    >
                      {t('approval.approve')}
                    </Button>
                    <Button
                      danger
                      size="small"
                      onClick={() => setDeciding({ approval: a, decision: 'reject' })}
                    >
                      {t('approval.reject')}
                    </Button>
                  </Space>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('approval.proposedBy', { name: a.proposedByName, time: formatBureauTime(a.proposedAt) })}：
                {a.opinion}
              </Typography.Text>
              <div style={{ overflowX: 'auto' }}>
                <ApprovalChain approval={a} />
              </div>
            </Flex>
          ))}
        </Flex>
      )}
      <DecideModal deciding={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}
