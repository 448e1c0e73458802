import { Descriptions, Tag, Typography } from 'antd';
import type { RecordingDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { useT, type MessageId } from '../../../i18n';
import { useRecordingLabels } from '../shared/labels';

const CAPTURE_SOURCE: Record<NonNullable<RecordingDto['captureSource']>, MessageId> = {
  metadata: 'upload.source.metadata',
  tags: 'upload.source.tags',
  file_name: 'upload.source.fileName',
};

/** 记录信息: who, where, when and about whom — the descriptive fields that corrections change. */
export function RecordingMetadata({ recording: r }: { recording: RecordingDto }) {
  const { t } = useT();
  const labels = useRecordingLabels();
  const none = t('common.none');
  return (
    <Descriptions size="small" column={1} bordered data-testid="recording-metadata">
      <Descriptions.Item label={t('rec.captureStart')}>
        {r.captureStart ? formatBureauTime(r.captureStart) : none}
        {r.captureSource && (
          <Typography.Text type="secondary"> ({t(CAPTURE_SOURCE[r.captureSource])})</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('rec.captureEnd')}>
        {r.captureEnd ? formatBureauTime(r.captureEnd) : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('rec.deviceNumber')}>
        <span data-testid="recording-device">{r.deviceNumber ?? none}</span>
        {r.device ? (
          <Typography.Text type="secondary">
            {' '}
            {[r.device.model, labels.deviceStatus(r.device.status)].filter(Boolean).join(' · ')}
          </Typography.Text>
        ) : (
          r.deviceNumber && (
            <Tag color="gold" style={{ marginLeft: 8 }}>
              {t('flag.unknownDevice')}
            </Tag>
          )
        )}
        {r.fileSequence !== null && (
          <Typography.Text type="secondary"> · {t('rec.sequence', { n: r.fileSequence })}</Typography.Text>
        )}
      </Descriptions.Item>
      {Boolean(r.badge) && <Descriptions.Item label={t('upload.badge')}>{r.badge}</Descriptions.Item>}
      <Descriptions.Item label={t('rec.officers')}>
        {r.officers.length > 0 ? r.officers.map((o) => o.name).join('、') : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('list.unit')}>{r.unitName}</Descriptions.Item>
      <Descriptions.Item label={t('rec.place')}>
        {r.place ?? none}
        {r.latitude !== null && r.longitude !== null && (
          <Typography.Text type="secondary">
            {' '}
            ({r.latitude}, {r.longitude})
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('rec.party')}>{r.party ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('rec.cause')}>{r.caseCause ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('rec.category')}>
        {r.category ? labels.category(r.category) : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('rec.confidentiality')}>
        {labels.confidentiality(r.confidentiality)}
      </Descriptions.Item>
      {Boolean(r.note) && <Descriptions.Item label={t('rec.note')}>{r.note}</Descriptions.Item>}
      <Descriptions.Item label={t('rec.uploadedBy')}>
        {r.uploadedBy.name} · {formatBureauTime(r.uploadedAt)}
        {r.source === 'import' && <Tag style={{ marginLeft: 8 }}>{t('rec.imported')}</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}
