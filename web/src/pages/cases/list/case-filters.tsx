import { Button, Input, Select, Space } from 'antd';
import type { CaseKind, CaseListQuery, Light, UnitDto } from '@quancheng/contracts';
import type { CaseListParams } from '../../../api/cases';
import { useT } from '../../../i18n';
import { PersonSelect } from '../../recordings/shared/person-select';
import { useCaseLabels } from '../shared/case-labels';

export type CaseFilterValues = Pick<
  CaseListParams,
  'q' | 'kind' | 'stage' | 'status' | 'unitId' | 'officerId' | 'light'
>;

interface Props {
  value: CaseFilterValues;
  units: UnitDto[];
  onChange: (next: CaseFilterValues) => void;
}

/** By number / party / cause, kind, stage, status, unit, officer and deadline light. */
export function CaseFilters({ value, units, onChange }: Props) {
  const { t } = useT();
  const labels = useCaseLabels();
  const set = (change: Partial<CaseFilterValues>) => onChange({ ...value, ...change });
  const any = Object.values(value).some((v) => v !== undefined);
  return (
    <Space wrap>
      <Input.Search
        allowClear
        aria-label={t('cases.search')}
        placeholder={t('cases.search')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 260 }}
      />
      <Select<CaseKind>
        allowClear
        aria-label={t('case.kind')}
        placeholder={t('case.kind')}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        options={labels.kindOptions}
        style={{ width: 140 }}
      />
      <Select<string>
        allowClear
        aria-label={t('case.stage')}
        placeholder={t('case.stage')}
        value={value.stage}
        onChange={(stage) => set({ stage })}
        options={labels.stageOptions}
        style={{ width: 130 }}
      />
      <Select<NonNullable<CaseListQuery['status']>>
        allowClear
        aria-label={t('common.status')}
        placeholder={t('common.status')}
        value={value.status}
        onChange={(status) => set({ status })}
        options={[
          { value: 'open', label: t('case.status.open') },
          { value: 'closed', label: t('case.status.closed') },
        ]}
        style={{ width: 110 }}
      />
      {units.length > 1 && (
        <Select<string>
          allowClear
          aria-label={t('list.unit')}
          placeholder={t('list.unit')}
          value={value.unitId}
          onChange={(unitId) => set({ unitId })}
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 180 }}
        />
      )}
      <div style={{ width: 160 }}>
        <PersonSelect
          aria-label={t('case.officer')}
          placeholder={t('case.officer')}
          value={value.officerId ?? null}
          onChange={(officerId) => set({ officerId: typeof officerId === 'string' ? officerId : undefined })}
        />
      </div>
      <Select<Light>
        allowClear
        aria-label={t('case.light')}
        placeholder={t('case.light')}
        value={value.light}
        onChange={(light) => set({ light })}
        options={labels.lightOptions}
        style={{ width: 110 }}
      />
      {any && (
        <Button type="link" onClick={() => onChange({})}>
          {t('list.clearFilters')}
        </Button>
      )}
    </Space>
  );
}
