import {
  AudioOutlined,
  CameraOutlined,
  CaretRightOutlined,
  DeleteOutlined,
  FileOutlined,
  PauseOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Button, Flex, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT, type MessageId } from '../../../i18n';
import { formatBytes } from '../format-bytes';
import { UploadOutcome } from './upload-outcome';
import type { UploadItem, UploadStatus } from './use-upload-queue';

interface Props {
  item: UploadItem;
  onPause: () => void;
  onResume: () => void;
  onRemove: () => void;
}

const STATUS: Record<UploadStatus, { label: MessageId; color: string }> = {
  queued: { label: 'upload.status.queued', color: 'default' },
  uploading: { label: 'upload.status.uploading', color: 'processing' },
  retrying: { label: 'upload.status.retrying', color: 'warning' },
  paused: { label: 'upload.status.paused', color: 'default' },
  processing: { label: 'upload.status.processing', color: 'processing' },
  done: { label: 'upload.status.done', color: 'success' },
  refused: { label: 'upload.status.refused', color: 'error' },
  interrupted: { label: 'upload.status.interrupted', color: 'error' },
};

/** What the browser says the file is; the server decides by content, this is only an icon. */
function typeIcon(file: File): ReactNode {
  if (file.type.startsWith('video/')) {
    return <VideoCameraOutlined />;
  }
  if (file.type.startsWith('audio/')) {
    return <AudioOutlined />;
  }
  if (file.type.startsWith('image/')) {
    return <CameraOutlined />;
  }
  return <FileOutlined />;
}

function progressStatus(status: UploadStatus): 'active' | 'success' | 'exception' | 'normal' {
  switch (status) {
    case 'uploading':
    case 'processing':
    case 'retrying':
      return 'active';
    case 'done':
      return 'success';
    case 'refused':
    case 'interrupted':
      return 'exception';
    case 'queued':
    case 'paused':
      return 'normal';
  }
}

/** One file of the batch: its transfer, its controls and, once stored, what the server made of it. */
export function UploadFileRow({ item, onPause, onResume, onRemove }: Props) {
  const { t } = useT();
  const { status } = item;
  const percent = item.total > 0 ? Math.floor((item.sent / item.total) * 100) : 0;
  const canPause = status === 'uploading' || status === 'retrying';
  const canResume = status === 'paused' || status === 'interrupted';
  const canRemove = status !== 'processing' && status !== 'done';

  return (
    <Flex
      vertical
      gap={6}
      data-testid="upload-file"
      data-file-name={item.file.name}
      data-status={status}
      style={{ padding: '12px 0' }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={8} style={{ minWidth: 0, flex: '1 1 240px' }}>
          {typeIcon(item.file)}
          <Typography.Text strong ellipsis={{ tooltip: item.file.name }} style={{ maxWidth: 420 }}>
            {item.file.name}
          </Typography.Text>
          <Typography.Text type="secondary">{formatBytes(item.file.size)}</Typography.Text>
        </Space>
        <Space size={4} wrap>
          <Tag color={STATUS[status].color} data-testid="upload-status">
            {status === 'retrying'
              ? t('upload.status.retryingAttempt', { attempt: item.retryAttempt })
              : t(STATUS[status].label)}
          </Tag>
          {item.resumedFrom !== null && (
            <Tooltip title={t('upload.resumedHelp')}>
              <Tag color="blue">{t('upload.resumedFrom', { size: formatBytes(item.resumedFrom) })}</Tag>
            </Tooltip>
          )}
          {canPause && (
            <Button size="small" icon={<PauseOutlined />} onClick={onPause}>
              {t('upload.pause')}
            </Button>
          )}
          {canResume && (
            <Button size="small" type="primary" ghost icon={<CaretRightOutlined />} onClick={onResume}>
              {t('upload.resume')}
            </Button>
          )}
          {canRemove && (
            <Tooltip title={status === 'queued' || status === 'refused' ? undefined : t('upload.removeHelp')}>
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('upload.remove')}
                onClick={onRemove}
              />
            </Tooltip>
          )}
        </Space>
      </Flex>
      {status !== 'refused' && (
        <Progress
          percent={percent}
          status={progressStatus(status)}
          size="small"
          aria-label={t('upload.fileProgress', { name: item.file.name })}
        />
      )}
      {status === 'processing' && (
        <Typography.Text type="secondary">{t('upload.processingHelp')}</Typography.Text>
      )}
      {status === 'interrupted' && item.failure && (
        <Typography.Text type="danger">
          {t('upload.interrupted', { reason: item.failure.message })}
        </Typography.Text>
      )}
      {status === 'refused' && item.failure && (
        <Typography.Text type="danger" data-testid="upload-refused">
          {item.failure.message}
        </Typography.Text>
      )}
      {status === 'done' && <UploadOutcome result={item.result} />}
    </Flex>
  );
}
