import { Space, Tag, Tooltip } from 'antd';
import type { RecordingDto, RecordingFlagKind } from '@quancheng/contracts';
import { useT, type MessageId } from '../../../i18n';
import { formatDuration } from '../format-bytes';
import { useRecordingLabels } from './labels';

type Flag = RecordingDto['flags'][number];

const FLAG: Record<RecordingFlagKind, { label: MessageId; color: string }> = {
  gap: { label: 'flag.gap', color: 'orange' },
  overlap: { label: 'flag.insertion', color: 'red' },
  order: { label: 'flag.insertion', color: 'red' },
  unparsable: { label: 'flag.unparsable', color: 'volcano' },
  unknown_device: { label: 'flag.unknownDevice', color: 'gold' },
  late_upload: { label: 'flag.lateUpload', color: 'magenta' },
};

/** 断续录制 (with its length), 疑似插入, 无法解析, 未登记设备: short tags, the server's full text on hover. */
export function FlagTags({ flags }: { flags: readonly Flag[] }) {
  const { t } = useT();
  const { localized } = useRecordingLabels();
  if (flags.length === 0) {
    return null;
  }
  return (
    <Space size={4} wrap>
      {flags.map((flag, index) => {
        const { label, color } = FLAG[flag.kind];
        const length =
          flag.kind === 'gap' && flag.seconds !== null
            ? ` ${formatDuration(flag.seconds)}`
            : flag.kind === 'late_upload' && flag.seconds !== null
              ? ` ${Math.round(flag.seconds / 360) / 10} h`
              : '';
        return (
          <Tooltip key={`${flag.kind}-${flag.otherId ?? index}`} title={localized(flag.text)}>
            <Tag color={color} data-testid="recording-flag" data-kind={flag.kind}>
              {t(label)}
              {length}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}
