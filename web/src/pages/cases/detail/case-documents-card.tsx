import { DownOutlined, FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Empty, Table, Tag, Typography, type MenuProps, type TableProps } from 'antd';
import { Link } from 'react-router';
import type { CaseDocumentSummary, CaseDto } from '@quancheng/contracts';
import { useDocumentTemplates } from '../../../api/documents';
import { formatBureauTime } from '../../../components/format-time';
import { MONO } from '../../../components/mono';
import { useT, type MessageId } from '../../../i18n';

const STATE_COLOR: Record<CaseDocumentSummary['state'], string> = {
  draft: 'processing',
  issued: 'success',
  superseded: 'default',
};

/** The state tag of a document. */
export function DocumentStateTag({ state }: { state: CaseDocumentSummary['state'] }) {
  const { t } = useT();
  return <Tag color={STATE_COLOR[state]}>{t(`document.state.${state}` satisfies MessageId)}</Tag>;
}

/** The templates this step's transitions name (their documents and approval forms). */
function stepTemplateIds(c: CaseDto): Set<string> {
  const ids = new Set<string>();
  for (const tr of c.transitions) {
    for (const d of tr.documents) {
      ids.add(d.templateId);
    }
    if (tr.approval?.form) {
      ids.add(tr.approval.form);
    }
  }
  return ids;
}

/** 文书: the case's documents with state, version and number; 起草 from the step's templates. */
export function CaseDocumentsCard({
  c,
  onDraft,
  drafting,
}: {
  c: CaseDto;
  onDraft: (templateId: string) => void;
  drafting: boolean;
}) {
  const { t } = useT();
  const templates = useDocumentTemplates();
  const none = t('common.none');
  const forStep = stepTemplateIds(c);
  const all = templates.data ?? [];
  const menu: MenuProps['items'] = [
    {
      type: 'group',
      key: 'step',
      label: t('documents.forStep'),
      children: all.filter((tp) => forStep.has(tp.id)).map((tp) => ({ key: tp.id, label: tp.title })),
    },
    {
      type: 'group',
      key: 'other',
      label: t('documents.other'),
      children: all.filter((tp) => !forStep.has(tp.id)).map((tp) => ({ key: tp.id, label: tp.title })),
    },
  ];

  const columns: TableProps<CaseDocumentSummary>['columns'] = [
    {
      title: t('document.title'),
      key: 'title',
      render: (_, d) => (
        <Link to={`/cases/${c.id}/documents/${d.id}`} data-testid="document-link">
          {d.title}
        </Link>
      ),
    },
    { title: t('document.version'), key: 'version', render: (_, d) => `v${d.version}` },
    { title: t('common.status'), key: 'state', render: (_, d) => <DocumentStateTag state={d.state} /> },
    {
      title: t('document.number'),
      key: 'number',
      render: (_, d) => (d.number ? <Typography.Text style={MONO}>{d.number}</Typography.Text> : none),
    },
    {
      title: t('document.issuedAt'),
      key: 'issuedAt',
      render: (_, d) => (d.issuedAt ? formatBureauTime(d.issuedAt) : none),
    },
  ];

  return (
    <Card
      size="small"
      title={t('documents.title')}
      data-testid="case-documents"
      extra={
        c.abilities.draft && (
          <Dropdown
            trigger={['click']}
            disabled={templates.isPending || drafting}
            menu={{ items: menu, onClick: ({ key }) => onDraft(key) }}
          >
            <Button size="small" icon={<FileAddOutlined />} loading={drafting}>
              {t('documents.draft')} <DownOutlined />
            </Button>
          </Dropdown>
        )
      }
    >
      <Table<CaseDocumentSummary>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={columns}
        dataSource={c.documents}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.empty')} />,
        }}
      />
    </Card>
  );
}
