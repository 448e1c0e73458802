import {
  ArrowLeftOutlined,
  EditOutlined,
  SafetyCertificateOutlined,
  TabletOutlined,
} from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { CaseDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { useT } from '../../../i18n';
import { useCaseLabels } from '../shared/case-labels';

/** The case at a glance: its numbers, kind, step, party and cause, then the facts and officers. */
export function CaseHeader({ c, onEdit }: { c: CaseDto; onEdit: () => void }) {
  const { t } = useT();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const none = t('common.none');
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  // The tablet screens: the simplified procedure, or an on-site inspection under investigation.
  const onSite =
    c.status === 'open' &&
    c.abilities.draft &&
    (c.procedure.id === 'penalty_simplified' || (c.procedure.id === 'penalty' && c.step === 'investigation'));
  return (
    <Card size="small">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Space size={8} wrap align="center" style={{ minWidth: 0 }}>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => void navigate('/cases')}
              aria-label={t('detail.back')}
            />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-number">
              {c.number ?? c.regNumber}
            </Typography.Title>
            {c.number && (
              <Typography.Text type="secondary" data-testid="case-reg-number">
                {t('case.regNumberShort', { number: c.regNumber })}
              </Typography.Text>
            )}
            <Tag>{labels.kind(c.kind)}</Tag>
            <Tag color={c.status === 'closed' ? 'default' : 'blue'} data-testid="case-step">
              {labels.loc(c.stageTitle) === labels.loc(c.stepTitle)
                ? labels.loc(c.stepTitle)
                : `${labels.loc(c.stageTitle)} · ${labels.loc(c.stepTitle)}`}
            </Tag>
            {c.status === 'closed' && <Tag>{t('case.status.closed')}</Tag>}
          </Space>
          <Space size={8} wrap>
            {onSite && (
              <Button icon={<TabletOutlined />} onClick={() => void navigate(`/onsite/${c.id}`)}>
                {t(c.procedure.id === 'penalty_simplified' ? 'onsite.openOnSite' : 'onsite.openInspection')}
              </Button>
            )}
            {c.abilities.update && c.status === 'open' && (
              <Button icon={<EditOutlined />} onClick={onEdit}>
                {t('case.edit')}
              </Button>
            )}
          </Space>
        </Flex>
        <Typography.Text>
          <Typography.Text type="secondary">{t('case.party')}：</Typography.Text>
          <span data-testid="case-party">
            {c.partyName ?? <Typography.Text type="warning">{t('case.partyUnidentified')}</Typography.Text>}
          </span>
          <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
            {t('case.cause')}：
          </Typography.Text>
          {c.cause}
        </Typography.Text>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
          {!c.number && (
            <Descriptions.Item label={t('case.regNumber')}>
              <span data-testid="case-reg-number">{c.regNumber}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('case.source')}>{labels.source(c.source)}</Descriptions.Item>
          <Descriptions.Item label={t('case.receivedOn')}>{c.receivedOn}</Descriptions.Item>
          {c.complainant && (
            <Descriptions.Item label={t('case.complainant')}>
              {[c.complainant.name, c.complainant.phone, c.complainant.address].filter(Boolean).join(' · ')}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('case.violationEndedOn')}>
            {c.violationEndedOn ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.evidenceProvided')}>
            {yesNo(c.evidenceProvided)}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.withinJurisdiction')}>
            {yesNo(c.withinJurisdiction)}
          </Descriptions.Item>
          <Descriptions.Item label={t('list.unit')}>{c.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('case.procedure')}>
            {labels.loc(c.procedure.title)} v{c.procedure.version}
          </Descriptions.Item>
          {c.openedAt && (
            <Descriptions.Item label={t('case.openedAt')}>{formatBureauTime(c.openedAt)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('case.officers')} span="filled">
            <Space wrap size={[12, 4]} data-testid="case-officers">
              {c.officers.map((o) => (
                <span key={o.userId}>
                  <SafetyCertificateOutlined /> {o.name}
                  {o.position === 'lead' && <Tag style={{ marginLeft: 4 }}>{t('case.lead')}</Tag>}
                  <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
                    {t('register.certNo', { no: o.certNo })}
                  </Typography.Text>
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.facts')} span="filled">
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {c.facts}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
}
