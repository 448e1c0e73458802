import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  LoadingOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCase } from '../../../api/cases';
import { isApiError } from '../../../api/client';
import { documentUrls, useDocument, useIssueDocument, useSaveDocument } from '../../../api/documents';
import { busy } from '../../../components/busy';
import { NotFound, PageError, PageLoading } from '../../../components/page-state';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { DocumentStateTag } from '../detail/case-documents-card';
import { DocumentFields, toFieldValues, toFormValues, type FormValues } from './document-fields';
import { DocumentPreview } from './document-preview';
import { DeliveriesCard } from './deliveries-card';
import { IssuedPanel } from './issued-panel';
import { useAutosave, type SaveState } from './use-autosave';

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useT();
  switch (state) {
    case 'saved':
      return (
        <Typography.Text type="success" data-testid="save-state" data-state={state}>
          <CheckCircleOutlined /> {t('document.saved')}
        </Typography.Text>
      );
    case 'pending':
    case 'saving':
      return (
        <Typography.Text type="secondary" data-testid="save-state" data-state={state}>
          <LoadingOutlined /> {t('document.saving')}
        </Typography.Text>
      );
    case 'error':
      return (
        <Typography.Text type="danger" data-testid="save-state" data-state={state}>
          <CloseCircleOutlined /> {t('document.saveFailed')}
        </Typography.Text>
      );
  }
}

/** The other versions of this document on the case (更正 makes a new one). */
function Versions({
  caseId,
  templateId,
  currentId,
}: {
  caseId: string;
  templateId: string;
  currentId: string;
}) {
  const { t } = useT();
  const found = useCase(caseId);
  const versions = (found.data?.documents ?? [])
    .filter((d) => d.templateId === templateId)
    .sort((a, b) => b.version - a.version);
  if (versions.length < 2) {
    return null;
  }
  return (
    <Space size={4} wrap data-testid="document-versions">
      <Typography.Text type="secondary">{t('document.versions')}</Typography.Text>
      {versions.map((v) =>
        v.id === currentId ? (
          <Tag key={v.id} color="blue">
            v{v.version}
          </Tag>
        ) : (
          <Link key={v.id} to={`/cases/${caseId}/documents/${v.id}`}>
            <Tag>
              v{v.version} · {t(`document.state.${v.state}`)}
            </Tag>
          </Link>
        ),
      )}
    </Space>
  );
}

/**
 * 文书编辑: the template's fields on the left, saved as you type; the rendered PDF on the right.
 * 签发 freezes it with a number; an issued document is corrected by a new version (更正).
 */
export function DocumentPage() {
  const { id: caseId = '', docId = '' } = useParams();
  // Opened from the on-site (tablet) screens: back returns there.
  const [search] = useSearchParams();
  const back = search.get('from') === 'onsite' ? `/onsite/${caseId}` : `/cases/${caseId}`;
  const { t } = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const found = useDocument(docId);
  const save = useSaveDocument(docId);
  const issue = useIssueDocument(docId);
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const doc = found.data;
  const editable = doc?.state === 'draft' && doc.abilities.edit;

  const autosave = useAutosave(async () => {
    if (!doc) {
      return;
    }
    try {
      await save.mutateAsync(toFieldValues(doc.template.fields, form.getFieldsValue(true) as FormValues));
      form.setFields(doc.template.fields.map((f) => ({ name: f.key, errors: [] })));
    } catch (error) {
      showError(error, form);
      throw error;
    }
  });

  // The form is filled once per document and state: later saves must not undo what is being typed.
  const latest = useRef(doc);
  latest.current = doc;
  const loadedKey = doc ? `${doc.id}:${doc.state}` : null;
  useEffect(() => {
    if (loadedKey !== null && latest.current) {
      form.setFieldsValue(toFormValues(latest.current));
    }
  }, [loadedKey, form]);

  if (found.isPending) {
    return <PageLoading />;
  }
  if (found.isError) {
    if (isApiError(found.error) && found.error.status === 404) {
      return <NotFound />;
    }
    return <PageError error={found.error} onRetry={() => void found.refetch()} />;
  }
  const d = found.data;
  const urls = documentUrls(d.id);
  const fileName = (ext: string) => `${d.title}${d.number ? `-${d.number}` : `-v${d.version}`}.${ext}`;

  const onIssue = () => {
    modal.confirm({
      title: t('document.issueTitle'),
      content: t('document.issueConfirm'),
      okText: t('document.issue'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (!(await autosave.flush())) {
          return;
        }
        try {
          const issued = await issue.mutateAsync(undefined);
          void message.success(t('document.issued', { number: issued.number ?? '' }));
        } catch (error) {
          showError(error, form);
        }
      },
    });
  };

  return (
    <Flex vertical gap={16} data-testid="document-page">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={8} wrap>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(back)}
            aria-label={t('detail.back')}
          />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="document-title">
            {d.title}
          </Typography.Title>
          <Tag>v{d.version}</Tag>
          <DocumentStateTag state={d.state} />
          {editable && <SaveIndicator state={autosave.state} />}
        </Space>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={urls.pdf} download={fileName('pdf')}>
            {t('document.downloadPdf')}
          </Button>
          <Button icon={<DownloadOutlined />} href={urls.docx} download={fileName('docx')}>
            {t('document.downloadDocx')}
          </Button>
          {d.state === 'draft' && d.abilities.issue && (
            <Button type="primary" onClick={onIssue} loading={busy(issue.isPending)}>
              {t('document.issue')}
            </Button>
          )}
        </Space>
      </Flex>
      <Versions caseId={caseId} templateId={d.templateId} currentId={d.id} />
      {d.supersedesId && (
        <Typography.Text type="secondary">
          {t('document.supersedes')}{' '}
          <Link to={`/cases/${caseId}/documents/${d.supersedesId}`}>{t('document.previousVersion')}</Link>
        </Typography.Text>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Flex vertical gap={16}>
            {d.state !== 'draft' && (
              <Card size="small" title={t('document.issuedTitle')}>
                <IssuedPanel doc={d} />
              </Card>
            )}
            {d.state === 'issued' && <DeliveriesCard doc={d} />}
            <Card size="small" title={t('document.fields')}>
              <Form<FormValues>
                form={form}
                layout="vertical"
                name="document-fields"
                disabled={!editable}
                onValuesChange={() => autosave.changed()}
              >
                <DocumentFields doc={d} disabled={!editable} />
              </Form>
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={13}>
          <DocumentPreview doc={d} />
        </Col>
      </Row>
    </Flex>
  );
}
