import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { recordingListQuery, recordingSortKeys, type RecordingDto } from '@quancheng/contracts';
import { useRecordings, type RecordingListParams } from '../../../api/recordings';
import { useUnits } from '../../../api/units';
import { PageError } from '../../../components/page-state';
import { useSignedIn } from '../../../components/route-guards';
import { useT } from '../../../i18n';
import { useRecordingColumns } from './recording-columns';
import { RecordingFilters, type RecordingFilterValues } from './recording-filters';

type SortKey = RecordingListParams['sort'];

function isSortKey(key: unknown): key is SortKey {
  return typeof key === 'string' && (recordingSortKeys as readonly string[]).includes(key);
}

/** The list's state lives in the address, so going back from a recording finds the same page. */
function readParams(search: URLSearchParams): RecordingListParams {
  const parsed = recordingListQuery.safeParse(Object.fromEntries(search));
  return parsed.success ? parsed.data : recordingListQuery.parse({});
}

function writeParams(params: RecordingListParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      out.set(key, String(value));
    }
  }
  return out;
}

/** 音像记录: every recording the signed-in person may see, filtered, sorted and paged by the server. */
export function RecordingsPage() {
  const { t } = useT();
  const me = useSignedIn();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [filtersKey, setFiltersKey] = useState(0);
  const params = readParams(search);
  const recordings = useRecordings(params);
  const units = useUnits(me.permissions.includes('unit.read'));
  const columns = useRecordingColumns(params);

  const update = (next: RecordingListParams) => setSearch(writeParams(next), { replace: true });

  if (recordings.isError && !recordings.data) {
    return <PageError error={recordings.error} onRetry={() => void recordings.refetch()} />;
  }

  const onFilters = (filters: RecordingFilterValues) => {
    if (Object.keys(filters).length === 0) {
      setFiltersKey((k) => k + 1);
    }
    const { page: _page, sort, order, pageSize } = params;
    update({ ...filters, page: 1, pageSize, sort, order });
  };

  const onTableChange: TableProps<RecordingDto>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = one?.order && isSortKey(one.columnKey) ? one.columnKey : 'captureStart';
    const order = one?.order === 'ascend' ? 'asc' : 'desc';
    const sortChanged = sort !== params.sort || order !== params.order;
    update({
      ...params,
      sort,
      order,
      page: sortChanged ? 1 : (pagination.current ?? 1),
      pageSize: pagination.pageSize ?? params.pageSize,
    });
  };

  const { page: _p, pageSize: _s, sort: _o, order: _d, caseId: _c, step: _t, ...filters } = params;
  const filtered = Object.values(filters).some((v) => v !== undefined);
  return (
    <Card
      title={t('list.title')}
      extra={
        recordings.data?.abilities.upload && (
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={() => void navigate('/recordings/upload')}
          >
            {t('nav.upload')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <RecordingFilters
          key={filtersKey}
          value={filters}
          units={units.data?.items ?? []}
          onChange={onFilters}
        />
        <Table<RecordingDto>
          rowKey="id"
          size="middle"
          data-testid="recordings-table"
          scroll={{ x: 'max-content' }}
          loading={recordings.isFetching}
          columns={columns}
          dataSource={recordings.data?.items ?? []}
          onChange={onTableChange}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('list.emptyFiltered') : t('list.empty')}
              />
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: recordings.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Flex>
    </Card>
  );
}
