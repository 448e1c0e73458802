import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { caseListQuery, type CaseSummaryDto } from '@quancheng/contracts';
import { useCases, type CaseListParams } from '../../../api/cases';
import { useUnits } from '../../../api/units';
import { PageError } from '../../../components/page-state';
import { useSignedIn } from '../../../components/route-guards';
import { useT } from '../../../i18n';
import { useCaseColumns } from './case-columns';
import { CaseFilters, type CaseFilterValues } from './case-filters';

const SORT_KEYS: readonly CaseListParams['sort'][] = ['updatedAt', 'receivedOn', 'nextDueOn'];
const isSortKey = (key: unknown): key is CaseListParams['sort'] =>
  typeof key === 'string' && (SORT_KEYS as readonly string[]).includes(key);

/** The list's state lives in the address, so going back from a case finds the same page. */
function readParams(search: URLSearchParams): CaseListParams {
  const parsed = caseListQuery.safeParse(Object.fromEntries(search));
  return parsed.success ? parsed.data : caseListQuery.parse({});
}

function writeParams(params: CaseListParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      out.set(key, String(value));
    }
  }
  return out;
}

/** 案件: every matter the signed-in person may see, filtered, sorted and paged by the server. */
export function CasesPage() {
  const { t } = useT();
  const me = useSignedIn();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [filtersKey, setFiltersKey] = useState(0);
  const params = readParams(search);
  const cases = useCases(params);
  const units = useUnits(me.permissions.includes('unit.read'));
  const columns = useCaseColumns(params);

  const update = (next: CaseListParams) => setSearch(writeParams(next), { replace: true });

  if (cases.isError && !cases.data) {
    return <PageError error={cases.error} onRetry={() => void cases.refetch()} />;
  }

  const onFilters = (filters: CaseFilterValues) => {
    if (Object.keys(filters).length === 0) {
      setFiltersKey((k) => k + 1);
    }
    const { sort, order, pageSize } = params;
    update({ ...filters, page: 1, pageSize, sort, order });
  };

  const onTableChange: TableProps<CaseSummaryDto>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = one?.order && isSortKey(one.columnKey) ? one.columnKey : 'updatedAt';
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

  const { page: _p, pageSize: _s, sort: _o, order: _d, ...filters } = params;
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const data = cases.data;
  return (
    <Card
      title={t('cases.title')}
      extra={
        data?.abilities.register && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
            {t('cases.register')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <CaseFilters key={filtersKey} value={filters} units={units.data?.items ?? []} onChange={onFilters} />
        <Table<CaseSummaryDto>
          rowKey="id"
          size="middle"
          data-testid="cases-table"
          scroll={{ x: 'max-content' }}
          loading={cases.isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          onChange={onTableChange}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('list.emptyFiltered') : t('cases.empty')}
              />
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) =>
              data && !data.totalExact ? t('cases.totalAtLeast', { total }) : t('common.total', { total }),
          }}
        />
      </Flex>
    </Card>
  );
}
