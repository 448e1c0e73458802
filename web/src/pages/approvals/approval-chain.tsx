import { Flex, Steps, Tag, Typography } from 'antd';
import type { ApprovalDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../components/format-time';
import { useT, type MessageId } from '../../i18n';

type State = ApprovalDto['state'];
const STATE_COLOR: Record<State, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** The 审批 state tag. */
export function ApprovalStateTag({ state }: { state: State }) {
  const { t } = useT();
  return <Tag color={STATE_COLOR[state]}>{t(`approval.state.${state}` satisfies MessageId)}</Tag>;
}

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** An approval chain as steps: each role's decision with the name, opinion and time. */
export function ApprovalChain({ approval, compact }: { approval: ApprovalDto; compact?: boolean }) {
  const { t, roleLabel } = useT();
  const items = approval.chain.map((role, index) => {
    const decision = approval.decisions[index];
    const current = approval.state === 'pending' && index === approval.decisions.length;
    let status: StepStatus = 'wait';
    if (decision) {
      status = decision.decision === 'approve' ? 'finish' : 'error';
    } else if (current) {
      status = 'process';
    }
    return {
      key: `${role}-${index}`,
      status,
      title: roleLabel(role),
      content: decision ? (
        <Flex vertical gap={0} data-testid="approval-decision">
          <Typography.Text style={{ fontSize: 12 }}>
            {decision.decision === 'approve' ? t('approval.approved') : t('approval.rejected')} ·{' '}
            {decision.actorName}
          </Typography.Text>
          {!compact && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {decision.opinion}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBureauTime(decision.at)}
          </Typography.Text>
        </Flex>
      ) : current ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('approval.waiting')}
        </Typography.Text>
      ) : undefined,
    };
  });
  return <Steps size="small" items={items} style={{ minWidth: compact ? 280 : undefined }} />;
}
