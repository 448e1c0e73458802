import { CheckCircleFilled, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import type { CaseDto, TransitionDto } from '@quancheng/contracts';
import { useT, type MessageId } from '../../../i18n';
import { ApprovalStateTag } from '../../approvals/approval-chain';
import { useCaseLabels } from '../shared/case-labels';
import { TransitionModal, type TransitionAction } from './transition-modal';

function TransitionItem({
  tr,
  onAction,
  onDraft,
  mayDraft,
}: {
  tr: TransitionDto;
  onAction: (a: TransitionAction) => void;
  onDraft: (templateId: string) => void;
  mayDraft: boolean;
}) {
  const { t, roleLabel } = useT();
  const labels = useCaseLabels();
  const { token } = theme.useToken();
  const approval = tr.approval;
  return (
    <Flex
      vertical
      gap={6}
      data-testid="transition"
      data-transition={tr.id}
      data-allowed={tr.allowed}
      style={{
        padding: 12,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        background: tr.allowed ? token.colorSuccessBg : undefined,
      }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={6} wrap>
          <Typography.Text strong>{labels.loc(tr.title)}</Typography.Text>
          <Typography.Text type="secondary">→ {labels.loc(tr.toTitle)}</Typography.Text>
          {tr.ruleIds.map((r) => (
            <Tag key={r} bordered={false}>
              {r}
            </Tag>
          ))}
        </Space>
        <Space wrap>
          {tr.abilities.propose && (
            <Button type="primary" onClick={() => onAction({ transition: tr, mode: 'propose' })}>
              {t('next.propose')}
            </Button>
          )}
          {tr.abilities.perform && (
            <Button type="primary" onClick={() => onAction({ transition: tr, mode: 'perform' })}>
              {t('next.perform')}
            </Button>
          )}
          {tr.abilities.override && !tr.allowed && (
            <Button danger onClick={() => onAction({ transition: tr, mode: 'override' })}>
              {t('next.override')}
            </Button>
          )}
        </Space>
      </Flex>
      {approval && (
        <Space size={6} wrap>
          <Typography.Text type="secondary">{t('next.approvalChain')}</Typography.Text>
          <Typography.Text>{approval.chain.map((r) => roleLabel(r)).join(' → ')}</Typography.Text>
          {approval.state === 'none' ? (
            <Tag>{t('next.notProposed')}</Tag>
          ) : (
            <ApprovalStateTag state={approval.state} />
          )}
        </Space>
      )}
      {tr.documents.length > 0 && (
        <Space size={6} wrap>
          <Typography.Text type="secondary">{t('next.documents')}</Typography.Text>
          {tr.documents.map((d) => (
            <Space key={d.templateId} size={2}>
              {d.issued ? (
                <CheckCircleFilled style={{ color: token.colorSuccess }} />
              ) : (
                <CloseCircleOutlined style={{ color: token.colorTextTertiary }} />
              )}
              <span>{d.title}</span>
              {!d.issued && mayDraft && (
                <Button type="link" size="small" onClick={() => onDraft(d.templateId)}>
                  {t('documents.draft')}
                </Button>
              )}
            </Space>
          ))}
        </Space>
      )}
      {tr.missing.length > 0 && (
        <Flex vertical gap={2} data-testid="missing">
          <Typography.Text type="secondary">{t('next.missing')}</Typography.Text>
          {tr.missing.map((m) => (
            <Typography.Text key={m.code} style={{ color: token.colorError }}>
              <ExclamationCircleOutlined /> {labels.loc(m.message)}
              {m.ruleId && (
                <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                  （{m.ruleId}）
                </Typography.Text>
              )}
            </Typography.Text>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** 下一步 / 缺少: every step the procedure offers from here, what it needs, and who may act. */
export function NextStepsCard({ c, onDraft }: { c: CaseDto; onDraft: (templateId: string) => void }) {
  const { t } = useT();
  const [action, setAction] = useState<TransitionAction | null>(null);
  const hint: MessageId = c.status === 'closed' ? 'next.closed' : 'next.none';
  return (
    <Card size="small" title={t('next.title')} data-testid="next-steps">
      {c.transitions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(hint)} />
      ) : (
        <Flex vertical gap={8}>
          {c.transitions.map((tr) => (
            <TransitionItem
              key={tr.id}
              tr={tr}
              onAction={setAction}
              onDraft={onDraft}
              mayDraft={c.abilities.draft}
            />
          ))}
        </Flex>
      )}
      <TransitionModal caseId={c.id} action={action} onClose={() => setAction(null)} />
    </Card>
  );
}
