import { AudioOutlined, CameraOutlined, LoadingOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Flex, Space, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { RecordingDto, RecordingKind } from '@quancheng/contracts';
import { recordingUrls, type RecordingListParams } from '../../../api/recordings';
import { formatBureauTime } from '../../../components/format-time';
import { useT } from '../../../i18n';
import { formatBytes, formatDuration } from '../format-bytes';
import { FlagTags } from '../shared/flag-tags';
import { useRecordingLabels } from '../shared/labels';

const KIND_ICON: Record<RecordingKind, typeof VideoCameraOutlined> = {
  video: VideoCameraOutlined,
  audio: AudioOutlined,
  photo: CameraOutlined,
};

const THUMB = { width: 96, height: 54 };

/** The poster frame once it is made; until then (or for audio) the kind's icon. */
export function Thumbnail({ recording }: { recording: RecordingDto }) {
  const { token } = theme.useToken();
  const Icon = KIND_ICON[recording.kind];
  const box = {
    ...THUMB,
    borderRadius: 4,
    background: token.colorFillSecondary,
    flex: 'none',
  } as const;
  if (recording.poster.state === 'done') {
    return (
      <img
        data-testid="recording-thumb"
        src={recordingUrls(recording.id).poster}
        alt=""
        loading="lazy"
        style={{ ...box, objectFit: 'cover', display: 'block' }}
      />
    );
  }
  return (
    <Flex align="center" justify="center" style={{ ...box, color: token.colorTextTertiary, fontSize: 22 }}>
      {recording.poster.state === 'pending' ? <LoadingOutlined /> : <Icon />}
    </Flex>
  );
}

type Sorting = Pick<RecordingListParams, 'sort' | 'order'>;

/** The recordings table: thumbnail and name link to the recording; sortable columns sort on the server. */
export function useRecordingColumns({ sort, order }: Sorting): TableColumnsType<RecordingDto> {
  const { t } = useT();
  const labels = useRecordingLabels();
  const none = t('common.none');
  const sortOrder = (key: RecordingListParams['sort']) =>
    sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null;

  return [
    {
      title: t('list.thumbnail'),
      key: 'thumbnail',
      width: 112,
      render: (_, r) => (
        <Link to={`/recordings/${r.id}`} aria-label={r.originalName}>
          <Thumbnail recording={r} />
        </Link>
      ),
    },
    {
      title: t('list.name'),
      dataIndex: 'originalName',
      key: 'originalName',
      sorter: true,
      sortOrder: sortOrder('originalName'),
      render: (_, r) => (
        <Flex vertical gap={2} style={{ maxWidth: 280 }}>
          <Link to={`/recordings/${r.id}`}>
            <Typography.Text ellipsis={{ tooltip: r.originalName }} style={{ color: 'inherit' }}>
              {r.originalName}
            </Typography.Text>
          </Link>
          <Space size={4} wrap>
            <Tag>{labels.kind(r.kind)}</Tag>
            {r.category && <Tag color="blue">{labels.category(r.category)}</Tag>}
          </Space>
        </Flex>
      ),
    },
    {
      title: t('rec.captureStart'),
      dataIndex: 'captureStart',
      key: 'captureStart',
      sorter: true,
      sortOrder: sortOrder('captureStart'),
      render: (_, r) => (r.captureStart ? formatBureauTime(r.captureStart) : none),
    },
    {
      title: t('rec.duration'),
      key: 'duration',
      sorter: true,
      sortOrder: sortOrder('duration'),
      render: (_, r) =>
        r.facts?.durationSeconds !== null && r.facts?.durationSeconds !== undefined
          ? formatDuration(r.facts.durationSeconds)
          : none,
    },
    {
      title: t('rec.deviceNumber'),
      dataIndex: 'deviceNumber',
      key: 'deviceNumber',
      sorter: true,
      sortOrder: sortOrder('deviceNumber'),
      render: (_, r) => r.deviceNumber ?? none,
    },
    {
      title: t('rec.officers'),
      key: 'officers',
      render: (_, r) => (r.officers.length > 0 ? r.officers.map((o) => o.name).join('、') : none),
    },
    { title: t('list.unit'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('list.partyCause'),
      key: 'party',
      render: (_, r) => (
        <Flex vertical style={{ maxWidth: 220 }}>
          <Typography.Text ellipsis>{r.party ?? none}</Typography.Text>
          {r.caseCause && (
            <Typography.Text type="secondary" ellipsis>
              {r.caseCause}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('rec.size'),
      dataIndex: 'sizeBytes',
      key: 'sizeBytes',
      sorter: true,
      sortOrder: sortOrder('sizeBytes'),
      render: (_, r) => formatBytes(r.sizeBytes),
    },
    {
      title: t('list.flags'),
      key: 'flags',
      render: (_, r) => <FlagTags flags={r.flags} />,
    },
    {
      title: t('rec.uploadedAt'),
      dataIndex: 'uploadedAt',
      key: 'uploadedAt',
      sorter: true,
      sortOrder: sortOrder('uploadedAt'),
      render: (_, r) => <Typography.Text type="secondary">{formatBureauTime(r.uploadedAt)}</Typography.Text>,
    },
  ];
}
