import { Descriptions, Typography } from 'antd';
import type { RecordingDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { MONO } from '../../../components/mono';
import { useT } from '../../../i18n';
import { formatBytes, formatDuration } from '../format-bytes';
import { useRecordingLabels } from '../shared/labels';

/** 文件信息: what the bytes are, as measured by the server (ffprobe, SHA-256); not editable. */
export function RecordingFacts({ recording }: { recording: RecordingDto }) {
  const { t } = useT();
  const labels = useRecordingLabels();
  const none = t('common.none');
  const { facts } = recording;
  const video = facts?.video;
  const audio = facts?.audio;
  const camera = [facts?.deviceTags.make, facts?.deviceTags.model, facts?.deviceTags.serial]
    .filter(Boolean)
    .join(' ');
  return (
    <Descriptions size="small" column={1} bordered data-testid="recording-facts">
      <Descriptions.Item label={t('rec.kind')}>{labels.kind(recording.kind)}</Descriptions.Item>
      <Descriptions.Item label={t('rec.originalName')}>
        <Typography.Text style={{ wordBreak: 'break-all' }}>{recording.originalName}</Typography.Text>
      </Descriptions.Item>
      {recording.kind !== 'photo' && (
        <Descriptions.Item label={t('rec.duration')}>
          {facts?.durationSeconds !== null && facts?.durationSeconds !== undefined
            ? formatDuration(facts.durationSeconds)
            : none}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('rec.format')}>
        {recording.format} · {recording.mime}
      </Descriptions.Item>
      {video && recording.kind === 'photo' && (
        <Descriptions.Item label={t('rec.image')}>
          {video.codec} · {video.width}×{video.height}
        </Descriptions.Item>
      )}
      {video && recording.kind !== 'photo' && (
        <Descriptions.Item label={t('rec.videoStream')}>
          {t('rec.videoFacts', {
            codec: video.codec,
            width: video.width,
            height: video.height,
            fps: video.frameRate !== null ? `${Math.round(video.frameRate * 100) / 100} fps` : '',
          })}
        </Descriptions.Item>
      )}
      {audio && (
        <Descriptions.Item label={t('rec.audioStream')}>
          {[
            audio.codec,
            audio.sampleRate ? `${audio.sampleRate} Hz` : '',
            audio.channels ? `${audio.channels} ch` : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('rec.size')}>
        {formatBytes(recording.sizeBytes)}{' '}
        <Typography.Text type="secondary">
          ({t('rec.bytes', { n: recording.sizeBytes.toLocaleString() })})
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="SHA-256">
        <Typography.Text style={MONO} copyable data-testid="recording-sha256">
          {recording.sha256}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('rec.embeddedTime')}>
        {facts?.creationTime ? formatBureauTime(facts.creationTime) : none}
      </Descriptions.Item>
      {camera !== '' && <Descriptions.Item label={t('upload.camera')}>{camera}</Descriptions.Item>}
      {!recording.parsable && (
        <Descriptions.Item label={t('rec.parsable')}>
          <Typography.Text type="warning">{t('rec.unparsableHelp')}</Typography.Text>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
