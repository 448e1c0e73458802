import { Col, Flex, Row } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCase } from '../../../api/cases';
import { isApiError } from '../../../api/client';
import { useDraftDocument } from '../../../api/documents';
import { NotFound, PageError, PageLoading } from '../../../components/page-state';
import { useApiError } from '../../../components/use-api-error';
import { CaseApprovalsCard } from './case-approvals-card';
import { CaseCompletenessCard } from './case-completeness-card';
import { CaseDeadlinesCard } from './case-deadlines-card';
import { CaseDocumentsCard } from './case-documents-card';
import { CaseEditModal } from './case-edit-modal';
import { CaseFineCard } from './case-fine-card';
import { CaseHeader } from './case-header';
import { CaseTimeline } from './case-timeline';
import { NextStepsCard } from './next-steps-card';

/**
 * One case: where it stands, its deadlines with lights, what the next steps need (and what is
 * missing), its approvals, documents and the timeline of everything recorded on it.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const found = useCase(id);
  const draft = useDraftDocument(id);
  const showError = useApiError();
  const [editing, setEditing] = useState(false);

  if (found.isPending) {
    return <PageLoading />;
  }
  if (found.isError) {
    if (isApiError(found.error) && found.error.status === 404) {
      return <NotFound />;
    }
    return <PageError error={found.error} onRetry={() => void found.refetch()} />;
  }
  const c = found.data;
  const onDraft = (templateId: string) =>
    draft.mutate(templateId, {
      onSuccess: (doc) => void navigate(`/cases/${c.id}/documents/${doc.id}`),
      onError: (error) => showError(error),
    });

  return (
    <Flex vertical gap={16} data-testid="case-page">
      <CaseHeader c={c} onEdit={() => setEditing(true)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <NextStepsCard c={c} onDraft={onDraft} />
            <CaseApprovalsCard c={c} />
            <CaseDocumentsCard c={c} onDraft={onDraft} drafting={draft.isPending} />
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <CaseDeadlinesCard c={c} />
            <CaseFineCard caseId={c.id} />
            <CaseCompletenessCard caseId={c.id} />
            <CaseTimeline c={c} />
          </Flex>
        </Col>
      </Row>
      <CaseEditModal c={c} open={editing} onClose={() => setEditing(false)} />
    </Flex>
  );
}
