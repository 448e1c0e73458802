import { CheckCircleOutlined, CopyOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ingestResultDto, type IngestResultDto, type RecordingDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { MONO } from '../../../components/mono';
import { useT } from '../../../i18n';
import { CorrectionModal } from '../shared/correction-modal';
import { FlagTags } from '../shared/flag-tags';
import { useRecordingLabels } from '../shared/labels';

/** Where the capture time shown came from, as the uploader should read it. */
function CaptureSource({ recording }: { recording: RecordingDto }) {
  const { t } = useT();
  switch (recording.captureSource) {
    case 'metadata':
      return <>{t('upload.source.metadata')}</>;
    case 'tags':
      return <>{t('upload.source.tags')}</>;
    case 'file_name':
      return <>{t('upload.source.fileName')}</>;
    case null:
      return <>{t('upload.source.none')}</>;
  }
}

/** What was read from the file name and the embedded tags, for the uploader to confirm or correct. */
function Parsed({ recording, parsed }: { recording: RecordingDto; parsed: IngestResultDto['parsed'] }) {
  const { t } = useT();
  const none = t('common.none');
  const fromName = parsed.fileName;
  const tags = parsed.tags;
  const camera = [tags?.make, tags?.model, tags?.serial].filter(Boolean).join(' ');
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="upload-parsed">
      <Descriptions.Item label={t('rec.deviceNumber')}>
        <span data-testid="parsed-device">{recording.deviceNumber ?? none}</span>
        {fromName?.deviceNumber && (
          <Typography.Text type="secondary">
            {' '}
            {t('upload.fromFileName', { value: fromName.deviceNumber })}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('rec.captureStart')}>
        <span data-testid="parsed-capture">
          {recording.captureStart ? formatBureauTime(recording.captureStart) : none}
        </span>
        <Typography.Text type="secondary">
          {' '}
          (<CaptureSource recording={recording} />)
        </Typography.Text>
      </Descriptions.Item>
      {fromName?.badge ? (
        <Descriptions.Item label={t('upload.badge')}>{fromName.badge}</Descriptions.Item>
      ) : null}
      {camera !== '' && <Descriptions.Item label={t('upload.camera')}>{camera}</Descriptions.Item>}
    </Descriptions>
  );
}

/** A duplicate of a recording the uploader may not see: said so, without naming it. */
function HiddenDuplicate({ result }: { result: IngestResultDto }) {
  const { t } = useT();
  return (
    <Alert
      type="info"
      icon={<CopyOutlined />}
      showIcon
      data-testid="upload-outcome"
      data-outcome="duplicate"
      title={t('upload.duplicateHidden', {
        time: result.duplicateOf ? formatBureauTime(result.duplicateOf.uploadedAt) : t('common.none'),
      })}
      description={t('upload.duplicateHelp')}
    />
  );
}

/** What the server made of a stored file: recorded (with a link), or a duplicate of which recording. */
export function UploadOutcome({ result }: { result: unknown }) {
  const { t } = useT();
  const labels = useRecordingLabels();
  const [correcting, setCorrecting] = useState<RecordingDto | null>(null);
  const parsed = ingestResultDto.safeParse(result);
  if (!parsed.success) {
    return <Alert type="warning" showIcon title={t('upload.unknownResult')} />;
  }
  const outcome = parsed.data;
  const { recording } = outcome;
  if (!recording) {
    return <HiddenDuplicate result={outcome} />;
  }
  const duplicate = outcome.status === 'duplicate';
  const link = (
    <Link to={`/recordings/${recording.id}`} data-testid="upload-recording-link">
      {recording.originalName}
    </Link>
  );
  return (
    <Alert
      type={duplicate ? 'info' : 'success'}
      icon={duplicate ? <CopyOutlined /> : <CheckCircleOutlined />}
      showIcon
      data-testid="upload-outcome"
      data-outcome={outcome.status}
      title={
        <Space wrap size={8}>
          {duplicate ? (
            <span>
              {t('upload.duplicateOf')} {link}
            </span>
          ) : (
            <span>
              {t('upload.recorded', { kind: labels.kind(recording.kind) })} {link}
            </span>
          )}
          <FlagTags flags={recording.flags} />
        </Space>
      }
      description={
        <Flex vertical gap={4}>
          {duplicate && <Typography.Text type="secondary">{t('upload.duplicateHelp')}</Typography.Text>}
          {!recording.parsable && (
            <Typography.Text type="warning">{t('upload.unparsableHelp')}</Typography.Text>
          )}
          <Parsed recording={recording} parsed={outcome.parsed} />
          <Typography.Text type="secondary" style={MONO}>
            SHA-256 {recording.sha256}
          </Typography.Text>
          {!duplicate && recording.abilities.edit && (
            <div>
              <Button size="small" icon={<EditOutlined />} onClick={() => setCorrecting(recording)}>
                {t('upload.correct')}
              </Button>
            </div>
          )}
          <CorrectionModal recording={correcting} onClose={() => setCorrecting(null)} />
        </Flex>
      }
    />
  );
}
