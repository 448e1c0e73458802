import { App, Descriptions, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import type { ApprovalDto } from '@quancheng/contracts';
import { useDecide } from '../../api/cases';
import { busy } from '../../components/busy';
import { useApiError } from '../../components/use-api-error';
import { useT } from '../../i18n';
import { useCaseLabels } from '../cases/shared/case-labels';

export interface Deciding {
  approval: ApprovalDto;
  decision: 'approve' | 'reject';
}

/** 同意 / 不同意 with an opinion: the decision is recorded with the name, role and time. */
export function DecideModal({ deciding, onClose }: { deciding: Deciding | null; onClose: () => void }) {
  const { t, roleLabel } = useT();
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ opinion: string }>();
  const decide = useDecide();
  const showError = useApiError();
  const approve = deciding?.decision === 'approve';

  useEffect(() => {
    if (deciding) {
      form.setFieldsValue({ opinion: deciding.decision === 'approve' ? t('approval.defaultApprove') : '' });
    }
  }, [deciding, form, t]);

  const onFinish = ({ opinion }: { opinion: string }) => {
    if (!deciding) {
      return;
    }
    decide.mutate(
      { id: deciding.approval.id, input: { decision: deciding.decision, opinion: opinion.trim() } },
      {
        onSuccess: () => {
          void message.success(approve ? t('approval.approvedDone') : t('approval.rejectedDone'));
          onClose();
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  const a = deciding?.approval;
  return (
    <Modal
      open={deciding !== null}
      title={approve ? t('approval.approveTitle') : t('approval.rejectTitle')}
      okText={approve ? t('approval.approve') : t('approval.reject')}
      okButtonProps={{ danger: !approve, loading: busy(decide.isPending) }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {a && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('approval.matter')}>{labels.loc(a.transitionTitle)}</Descriptions.Item>
          <Descriptions.Item label={t('approval.case')}>
            {a.caseNumber ?? a.caseRegNumber} · {a.cause}
          </Descriptions.Item>
          <Descriptions.Item label={t('approval.proposer')}>
            {a.proposedByName}：{a.opinion}
          </Descriptions.Item>
          {a.nextRole && (
            <Descriptions.Item label={t('approval.as')}>{roleLabel(a.nextRole)}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Form form={form} layout="vertical" name="approval-decide" onFinish={onFinish}>
        <Form.Item
          label={t('approval.opinion')}
          name="opinion"
          rules={[{ required: true, whitespace: true, message: t('approval.required.opinion') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
