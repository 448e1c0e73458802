import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { RecordingDto } from '@quancheng/contracts';
import { isApiError } from '../../../api/client';
import { recordingUrls, useRecording } from '../../../api/recordings';
import { NotFound, PageError, PageLoading } from '../../../components/page-state';
import { useT } from '../../../i18n';
import { CorrectionModal } from '../shared/correction-modal';
import { FlagTags } from '../shared/flag-tags';
import { useRecordingLabels } from '../shared/labels';
import { canPlay, JobStatus } from './job-status';
import { MediaViewer } from './media-viewer';
import { RecordingFacts } from './recording-facts';
import { RecordingHistory } from './recording-history';
import { RecordingMetadata } from './recording-metadata';

/**
 * Why there is no player yet: the browser copy is still being made, it failed, or there is nothing
 * a browser can show (an unparsable file). `abilities.play` means "playable now" (the server
 * checked visibility already: this page would be a 404 otherwise).
 */
function NotPlayable({ recording }: { recording: RecordingDto }) {
  const { t } = useT();
  switch (recording.proxy.state) {
    case 'pending':
      return (
        <Alert
          type="info"
          showIcon
          title={t('detail.notPlayableYet')}
          description={t('detail.notPlayableHelp')}
        />
      );
    case 'failed':
      return (
        <Alert
          type="error"
          showIcon
          title={t('detail.proxyFailed')}
          description={t('detail.proxyFailedHelp')}
        />
      );
    case 'none':
    case 'done':
      return (
        <Alert type="warning" showIcon title={t('detail.noPlay')} description={t('detail.noPlayHelp')} />
      );
  }
}

/** One recording: play or view it, its measured facts, its metadata with corrections, its history. */
export function RecordingPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const labels = useRecordingLabels();
  const navigate = useNavigate();
  const recording = useRecording(id);
  const [correcting, setCorrecting] = useState(false);

  if (recording.isPending) {
    return <PageLoading />;
  }
  if (recording.isError) {
    if (isApiError(recording.error) && recording.error.status === 404) {
      return <NotFound />;
    }
    return <PageError error={recording.error} onRetry={() => void recording.refetch()} />;
  }
  const r = recording.data;
  const urls = recordingUrls(r.id);
  const playable = canPlay(r);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={8} wrap style={{ minWidth: 0 }}>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(-1)}
            aria-label={t('detail.back')}
          />
          <Typography.Title
            level={4}
            style={{ margin: 0, wordBreak: 'break-all' }}
            data-testid="recording-title"
          >
            {r.originalName}
          </Typography.Title>
          <Typography.Text type="secondary">{labels.kind(r.kind)}</Typography.Text>
          <FlagTags flags={r.flags} />
        </Space>
        <Space wrap>
          {r.abilities.edit && (
            <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
              {t('correct.open')}
            </Button>
          )}
          {r.abilities.download && (
            <Button icon={<DownloadOutlined />} href={urls.original} download={r.originalName}>
              {t('detail.downloadOriginal')}
            </Button>
          )}
        </Space>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card size="small" data-testid="recording-media">
              <Flex vertical gap={12}>
                {playable ? (
                  <MediaViewer
                    kind={r.kind}
                    streamUrl={urls.stream}
                    posterUrl={r.poster.state === 'done' ? urls.poster : null}
                    title={r.originalName}
                  />
                ) : (
                  <NotPlayable recording={r} />
                )}
                <JobStatus recording={r} />
              </Flex>
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            {r.flags.length > 0 && (
              <Card size="small" title={t('detail.flags')}>
                <Flex vertical gap={8}>
                  {r.flags.map((flag, index) => (
                    <Alert
                      key={`${flag.kind}-${flag.otherId ?? index}`}
                      type="warning"
                      showIcon
                      title={labels.localized(flag.text)}
                      action={
                        flag.otherId && (
                          <Button
                            size="small"
                            type="link"
                            onClick={() => void navigate(`/recordings/${flag.otherId}`)}
                          >
                            {t('detail.openOther')}
                          </Button>
                        )
                      }
                    />
                  ))}
                </Flex>
              </Card>
            )}
            <Card size="small" title={t('detail.metadata')}>
              <RecordingMetadata recording={r} />
            </Card>
            <Card size="small" title={t('detail.facts')}>
              <RecordingFacts recording={r} />
            </Card>
          </Flex>
        </Col>
      </Row>
      <Card size="small" title={t('detail.history')}>
        <RecordingHistory recording={r} />
      </Card>
      <CorrectionModal recording={correcting ? r : null} onClose={() => setCorrecting(false)} />
    </Flex>
  );
}
