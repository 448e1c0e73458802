import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Flex, Form, Progress, Space, Typography, Upload } from 'antd';
import { useSignedIn } from '../../../components/route-guards';
import { useT } from '../../../i18n';
import { formatBytes } from '../format-bytes';
import { toUploadMetadata, UploadMetadataForm, type UploadMetadataValues } from './upload-metadata-form';
import { UploadFileRow } from './upload-file-row';
import { isActive, totals, useUploadQueue } from './use-upload-queue';

/** 音像记录上传: many files by drag and drop, each resumable, with the batch's shared metadata. */
export function UploadPage() {
  const { t } = useT();
  const me = useSignedIn();
  const [form] = Form.useForm<UploadMetadataValues>();
  const queue = useUploadQueue();
  const initialValues: UploadMetadataValues = {
    officerIds: me.user.roles.includes('officer') ? [me.user.id] : [],
    confidentiality: 'normal',
  };
  const { items } = queue;

  const queued = items.filter((item) => item.status === 'queued').length;
  const running = items.some(isActive);
  const finished = items.filter((item) => item.status === 'done' || item.status === 'refused').length;
  const { sent, total } = totals(items);
  const started = items.some((item) => item.status !== 'queued');
  const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;

  const onStart = async () => {
    const values = await form.validateFields();
    queue.startQueued(toUploadMetadata(values));
  };

  return (
    <Card title={t('upload.title')}>
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('upload.intro')} description={t('upload.resumeHint')} />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('upload.batchTitle')}
        </Typography.Title>
        <UploadMetadataForm form={form} initialValues={initialValues} />
        <Upload.Dragger
          multiple
          showUploadList={false}
          fileList={[]}
          beforeUpload={(file) => {
            queue.add([file]);
            return false;
          }}
          aria-label={t('upload.dropZone')}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('upload.dropZone')}</p>
          <p className="ant-upload-hint">{t('upload.dropHint')}</p>
        </Upload.Dragger>
        {items.length > 0 && (
          <>
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Space wrap>
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  disabled={queued === 0}
                  onClick={() => void onStart().catch(() => undefined)}
                >
                  {queued > 0 ? t('upload.startCount', { count: queued }) : t('upload.start')}
                </Button>
                <Button disabled={finished === 0} onClick={queue.clearFinished}>
                  {t('upload.clearFinished')}
                </Button>
              </Space>
              <Typography.Text type="secondary">
                {t('upload.summary', { files: items.length, size: formatBytes(total) })}
              </Typography.Text>
            </Flex>
            {started && (
              <div data-testid="upload-total">
                <Typography.Text>
                  {t('upload.totalProgress', { sent: formatBytes(sent), total: formatBytes(total) })}
                </Typography.Text>
                <Progress
                  percent={percent}
                  status={running ? 'active' : percent === 100 ? 'success' : 'normal'}
                  aria-label={t('upload.totalProgressLabel')}
                />
              </div>
            )}
            <Divider style={{ margin: 0 }} />
            <Flex vertical>
              {items.map((item, index) => (
                <div key={item.key}>
                  {index > 0 && <Divider style={{ margin: 0 }} />}
                  <UploadFileRow
                    item={item}
                    onPause={() => queue.pause(item.key)}
                    onResume={() => queue.resume(item.key)}
                    onRemove={() => queue.remove(item.key)}
                  />
                </div>
              ))}
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}
