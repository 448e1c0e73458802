import { Alert, Descriptions, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import {
  fieldLabel,
  RECORDING_CATEGORIES,
  CONFIDENTIALITY_LEVELS,
  type RecordingDto,
} from '@quancheng/contracts';
import { useRecordingHistory } from '../../../api/recordings';
import { useUnits } from '../../../api/units';
import { formatBureauTime } from '../../../components/format-time';
import { useT, type MessageId } from '../../../i18n';
import { useRecordingLabels } from '../shared/labels';

type HistoryEntry = NonNullable<ReturnType<typeof useRecordingHistory>['data']>['items'][number];

const ACTIONS: Record<string, MessageId> = {
  'recording.ingested': 'history.action.ingested',
  'recording.created': 'history.action.ingested',
  'recording.corrected': 'history.action.corrected',
  'recording.viewed': 'history.action.viewed',
  'recording.downloaded': 'history.action.downloaded',
  'recording.updated': 'history.action.corrected',
  'recording.linked': 'history.action.linked',
  'recording.unlinked': 'history.action.unlinked',
  'recording.flagged': 'history.action.flagged',
  'recording.flags_changed': 'history.action.flagged',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Values as stored (ids, enum keys, ISO instants) shown as people read them. */
function useValueText(recording: RecordingDto) {
  const { t } = useT();
  const labels = useRecordingLabels();
  const units = useUnits();
  // Stored values name people and units by id; show the names the page knows.
  const names = new Map<string, string>([
    ...recording.officers.map((o): [string, string] => [o.id, o.name]),
    ...(units.data?.items ?? []).map((u): [string, string] => [u.id, u.name]),
    [recording.unitId, recording.unitName],
    [recording.uploadedBy.id, recording.uploadedBy.name],
  ]);
  const one = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') {
      return t('common.none');
    }
    if (typeof value === 'string') {
      if (field === 'category' && (RECORDING_CATEGORIES as readonly string[]).includes(value)) {
        return labels.category(value as (typeof RECORDING_CATEGORIES)[number]);
      }
      if (field === 'confidentiality' && (CONFIDENTIALITY_LEVELS as readonly string[]).includes(value)) {
        return labels.confidentiality(value as (typeof CONFIDENTIALITY_LEVELS)[number]);
      }
      if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
        return formatBureauTime(value);
      }
      return names.get(value) ?? value;
    }
    if (Array.isArray(value)) {
      return value.map((v) => one(field, v)).join('、') || t('common.none');
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return JSON.stringify(value);
  };
  return one;
}

function Entry({ entry, recording }: { entry: HistoryEntry; recording: RecordingDto }) {
  const { t, lang } = useT();
  const valueText = useValueText(recording);
  const action = ACTIONS[entry.action];
  const changes = Object.entries(entry.changes ?? {});
  // The starting values that said something; empty fields would only be noise.
  const initial = Object.entries(entry.initial ?? {}).filter(
    ([, value]) => value !== null && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  return (
    <Flex vertical gap={4} data-testid="history-entry" data-action={entry.action}>
      <Typography.Text strong>
        {action ? t(action) : entry.action}
        <Typography.Text type="secondary">
          {' '}
          · {formatBureauTime(entry.at)} · {entry.actor?.name ?? t('history.system')} · #{entry.seq}
        </Typography.Text>
      </Typography.Text>
      {entry.reason && <Typography.Text>{t('history.reason', { reason: entry.reason })}</Typography.Text>}
      {changes.length > 0 && (
        <Descriptions size="small" column={1} bordered>
          {changes.map(([field, change]) => (
            <Descriptions.Item key={field} label={fieldLabel(field, lang)}>
              <Typography.Text delete type="secondary" data-testid="history-from">
                {valueText(field, change.from)}
              </Typography.Text>
              {' → '}
              <Typography.Text data-testid="history-to">{valueText(field, change.to)}</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {initial.length > 0 && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} title={t('history.initial')}>
          {initial.map(([field, value]) => (
            <Descriptions.Item key={field} label={fieldLabel(field, lang)}>
              {valueText(field, value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Flex>
  );
}

/** 变更记录: every ledgered change of the recording, newest first, with the values it replaced. */
export function RecordingHistory({ recording }: { recording: RecordingDto }) {
  const { t } = useT();
  const history = useRecordingHistory(recording.id);
  if (history.isPending) {
    return <Spin />;
  }
  if (history.isError) {
    return <Alert type="error" showIcon title={t('app.loadFailed')} description={history.error.message} />;
  }
  const items = [...history.data.items].sort((a, b) => b.seq - a.seq);
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;
  }
  return (
    <Timeline
      items={items.map((entry) => ({
        key: entry.seq,
        color: entry.changes ? 'orange' : 'blue',
        content: <Entry entry={entry} recording={recording} />,
      }))}
    />
  );
}
