import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { FORM_TYPE_LABELS, type FormRangeDto } from '@quancheng/contracts';
import { useFormRanges, type FormRangeParams } from '../../api/forms';
import { useUnits } from '../../api/units';
import { MONO } from '../../components/mono';
import { PageError } from '../../components/page-state';
import { useT } from '../../i18n';
import { GapTag } from './gap-tag';
import { RangeDrawer } from './range-drawer';
import { RegisterRangeModal } from './register-range-modal';

/**
 * 预印编号管理 (A10.1): the pads of pre-printed numbered forms the user's unit holds, each with what
 * is used, voided and still blank, the next number to use and any unexplained gap; a pad opens to
 * its numbers, where a spoiled or lost form is voided with its reason.
 */
export function FormsPage() {
  const { t, lang } = useT();
  const [params, setParams] = useState<FormRangeParams>({});
  const pads = useFormRanges(params);
  // What the user may do comes from the API, never from their roles.
  const abilities = pads.data?.abilities;
  const can = {
    readsAllUnits: abilities?.readAllUnits ?? false,
    register: abilities?.register ?? false,
    allUnits: abilities?.registerAnyUnit ?? false,
  };
  const units = useUnits(can.readsAllUnits);
  const [registering, setRegistering] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  if (pads.isError && !pads.data) {
    return <PageError error={pads.error} onRetry={() => void pads.refetch()} />;
  }

  const filtered = params.unitId !== undefined || params.open !== undefined;
  const count = (n: number, testId: string) => <span data-testid={testId}>{n}</span>;
  const columns: TableProps<FormRangeDto>['columns'] = [
    {
      title: t('forms.formType'),
      key: 'formType',
      render: (_, r) => FORM_TYPE_LABELS[r.formType][lang],
    },
    {
      title: t('forms.range'),
      key: 'range',
      render: (_, r) => (
        <Typography.Link style={MONO} data-testid="form-range" onClick={() => setOpenId(r.id)}>
          {r.firstDisplay}–{r.lastDisplay}
        </Typography.Link>
      ),
    },
    { title: t('forms.unit'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('forms.holder'), key: 'holder', render: (_, r) => r.holderName ?? t('forms.unitPad') },
    {
      title: t('forms.used'),
      key: 'used',
      align: 'right',
      render: (_, r) => count(r.used, 'form-range-used'),
    },
    {
      title: t('forms.voided'),
      key: 'voided',
      align: 'right',
      render: (_, r) => count(r.voided, 'form-range-voided'),
    },
    {
      title: t('forms.free'),
      key: 'free',
      align: 'right',
      render: (_, r) => count(r.free, 'form-range-free'),
    },
    {
      title: t('forms.next'),
      key: 'next',
      render: (_, r) =>
        r.nextDisplay ? (
          <Typography.Text style={MONO} data-testid="form-range-next">
            {r.nextDisplay}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="form-range-next">
            {t('forms.usedUp')}
          </Typography.Text>
        ),
    },
    { title: t('forms.gapsColumn'), key: 'gaps', render: (_, r) => <GapTag pad={r} /> },
  ];

  return (
    <Card
      title={t('forms.title')}
      extra={
        can.register && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('forms.register')}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('forms.intro')}
        </Typography.Paragraph>
        <Space wrap>
          {can.readsAllUnits && (
            <Select<string>
              allowClear
              aria-label={t('forms.unit')}
              placeholder={t('forms.unit')}
              value={params.unitId}
              onChange={(unitId) => setParams((p) => ({ ...p, unitId }))}
              showSearch={{ optionFilterProp: 'label' }}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              style={{ width: 200 }}
            />
          )}
          <Checkbox
            checked={params.open === true}
            onChange={(e) => setParams((p) => ({ ...p, open: e.target.checked || undefined }))}
          >
            {t('forms.openOnly')}
          </Checkbox>
        </Space>
        <Table<FormRangeDto>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={pads.isFetching}
          columns={columns}
          dataSource={pads.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          data-testid="form-ranges"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('list.emptyFiltered') : t('forms.empty')}
              />
            ),
          }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Flex>
      {can.register && (
        <RegisterRangeModal
          open={registering}
          allUnits={can.allUnits}
          onClose={() => setRegistering(false)}
        />
      )}
      <RangeDrawer padId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
