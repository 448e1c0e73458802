import { Alert, Flex, Image, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n';

export type MediaKind = 'video' | 'audio' | 'photo';

interface Props {
  kind: MediaKind;
  /** HTTP Range stream of the browser-playable bytes (the proxy when one was made). */
  streamUrl: string;
  posterUrl: string | null;
  title: string;
}

/**
 * Plays a video or audio recording with the browser's own controls (seeking uses HTTP Range),
 * or shows a photo that opens full screen with zoom and rotation. Viewing is read-only: nothing
 * here can change the evidence.
 */
export function MediaViewer({ kind, streamUrl, posterUrl, title }: Props) {
  const { t } = useT();
  const [failed, setFailed] = useState(false);

  if (failed) {
    return <Alert type="error" showIcon title={t('rec.playFailed')} description={t('rec.playFailedHelp')} />;
  }
  switch (kind) {
    case 'video':
      return (
        <video
          data-testid="recording-video"
          controls
          preload="metadata"
          playsInline
          src={streamUrl}
          poster={posterUrl ?? undefined}
          aria-label={title}
          onError={() => setFailed(true)}
          style={{ width: '100%', maxHeight: '70vh', background: '#000', display: 'block' }}
        />
      );
    case 'audio':
      return (
        <Flex vertical gap={8} style={{ padding: '24px 0' }}>
          <Typography.Text type="secondary">{title}</Typography.Text>
          <audio
            data-testid="recording-audio"
            controls
            preload="metadata"
            src={streamUrl}
            aria-label={title}
            onError={() => setFailed(true)}
            style={{ width: '100%' }}
          />
        </Flex>
      );
    case 'photo':
      return (
        <Flex vertical align="center" gap={8} data-testid="recording-photo">
          <Image
            src={streamUrl}
            alt={title}
            placeholder={posterUrl ? <Image src={posterUrl} preview={false} alt={title} /> : undefined}
            onError={() => setFailed(true)}
            style={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' }}
          />
          <Typography.Text type="secondary">{t('rec.photoZoomHint')}</Typography.Text>
        </Flex>
      );
  }
}
