import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Form, Input, List, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SCAN_TYPES, useAttachScan, useReviseDocument, type DocumentView } from '../../../api/documents';
import { busy } from '../../../components/busy';
import { formatBureauTime } from '../../../components/format-time';
import { MONO } from '../../../components/mono';
import { useApiError } from '../../../components/use-api-error';
import { useT } from '../../../i18n';
import { formatBytes } from '../../recordings/format-bytes';

/** An issued document: its number and fingerprint, 更正 (a new version) and the signed scans. */
export function IssuedPanel({ doc }: { doc: DocumentView }) {
  const { t } = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const revise = useReviseDocument(doc.id);
  const attach = useAttachScan(doc.id);
  const showError = useApiError();
  const [revising, setRevising] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const onRevise = ({ reason }: { reason: string }) =>
    revise.mutate(reason.trim(), {
      onSuccess: (next) => {
        setRevising(false);
        void message.success(t('document.revised', { version: next.version }));
        void navigate(`/cases/${doc.caseId}/documents/${next.id}`);
      },
      onError: (error) => showError(error, form),
    });

  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('document.number')}>
          <Typography.Text strong data-testid="document-number">
            {doc.number ?? t('document.unnumbered')}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('document.issuedAt')}>
          {doc.issuedAt ? formatBureauTime(doc.issuedAt) : t('common.none')}
          {doc.issuedByName && ` · ${doc.issuedByName}`}
        </Descriptions.Item>
        <Descriptions.Item label="SHA-256">
          <Typography.Text style={MONO} copyable data-testid="document-sha256">
            {doc.pdfSha256 ?? t('common.none')}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {(doc.abilities.revise || doc.abilities.attachScan) && (
        <Flex gap={8} wrap>
          {doc.abilities.revise && <Button onClick={() => setRevising(true)}>{t('document.revise')}</Button>}
          {doc.abilities.attachScan && (
            <Upload
              accept={SCAN_TYPES.join(',')}
              showUploadList={false}
              customRequest={({ file }) => {
                if (!(file instanceof File)) {
                  return;
                }
                attach.mutate(file, {
                  onSuccess: () => void message.success(t('document.scanAttached', { name: file.name })),
                  onError: (error) => showError(error),
                });
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy(attach.isPending)}>
                {t('document.attachScan')}
              </Button>
            </Upload>
          )}
        </Flex>
      )}
      <List
        size="small"
        header={<Typography.Text strong>{t('document.scans')}</Typography.Text>}
        locale={{ emptyText: t('document.noScans') }}
        dataSource={doc.scans}
        renderItem={(s) => (
          <List.Item data-testid="document-scan">
            <Flex vertical gap={0} style={{ minWidth: 0 }}>
              <Typography.Text>{s.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatBytes(s.sizeBytes)} · {s.uploadedByName} · {formatBureauTime(s.uploadedAt)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ ...MONO, fontSize: 12 }}>
                {s.sha256}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={revising}
        title={t('document.reviseTitle')}
        okText={t('document.revise')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy(revise.isPending) }}
        onOk={() => form.submit()}
        onCancel={() => setRevising(false)}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('document.reviseHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="document-revise" onFinish={onRevise}>
          <Form.Item
            label={t('document.reviseReason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('correct.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
