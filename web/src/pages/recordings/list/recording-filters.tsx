import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RecordingCategory, RecordingKind, RecordingListQuery, UnitDto } from '@quancheng/contracts';
import type { RecordingListParams } from '../../../api/recordings';
import { BUREAU_TIME_ZONE } from '../../../components/format-time';
import { useT, type MessageId } from '../../../i18n';
import { useRecordingLabels } from '../shared/labels';
import { PersonSelect } from '../shared/person-select';

export type RecordingFilterValues = Pick<
  RecordingListParams,
  | 'q'
  | 'unitId'
  | 'deviceNumber'
  | 'officerId'
  | 'from'
  | 'to'
  | 'party'
  | 'caseCause'
  | 'category'
  | 'kind'
  | 'flag'
>;

type FlagFilter = NonNullable<RecordingListQuery['flag']>;

const FLAG_OPTIONS: { value: FlagFilter; label: MessageId }[] = [
  { value: 'any', label: 'list.flag.any' },
  { value: 'gap', label: 'flag.gap' },
  { value: 'insertion', label: 'flag.insertion' },
  { value: 'unparsable', label: 'flag.unparsable' },
  { value: 'unknown_device', label: 'flag.unknownDevice' },
  { value: 'late_upload', label: 'flag.lateUpload' },
];

interface Props {
  value: RecordingFilterValues;
  units: UnitDto[];
  onChange: (next: RecordingFilterValues) => void;
}

const DATE = 'YYYY-MM-DD';

/** A day in Beijing time, whatever the browser's zone: from its first to its last instant. */
const dayStart = (d: Dayjs) => dayjs.tz(d.format(DATE), BUREAU_TIME_ZONE).startOf('day').toISOString();
const dayEnd = (d: Dayjs) => dayjs.tz(d.format(DATE), BUREAU_TIME_ZONE).endOf('day').toISOString();
const shownDay = (iso: string | undefined) =>
  iso ? dayjs(dayjs(iso).tz(BUREAU_TIME_ZONE).format(DATE)) : null;

const text = (value: string) => value.trim() || undefined;

/** A30.1: by unit, device number, officer, capture days, party, case cause, category, kind and flags. */
export function RecordingFilters({ value, units, onChange }: Props) {
  const { t } = useT();
  const labels = useRecordingLabels();
  const set = (change: Partial<RecordingFilterValues>) => onChange({ ...value, ...change });
  const any = Object.values(value).some((v) => v !== undefined);
  return (
    <Space wrap>
      <Input.Search
        allowClear
        aria-label={t('list.search')}
        placeholder={t('list.search')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: text(q) })}
        style={{ width: 220 }}
      />
      <Input.Search
        allowClear
        aria-label={t('rec.deviceNumber')}
        placeholder={t('rec.deviceNumber')}
        defaultValue={value.deviceNumber}
        onSearch={(d) => set({ deviceNumber: text(d)?.toUpperCase() })}
        style={{ width: 180 }}
      />
      <DatePicker.RangePicker
        aria-label={t('list.captureDays')}
        placeholder={[t('list.captureFrom'), t('list.captureTo')]}
        value={[shownDay(value.from), shownDay(value.to)]}
        allowEmpty={[true, true]}
        onChange={(range) => {
          const [from, to] = range ?? [null, null];
          set({ from: from ? dayStart(from) : undefined, to: to ? dayEnd(to) : undefined });
        }}
        style={{ width: 260 }}
      />
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
      <div style={{ width: 180 }}>
        <PersonSelect
          aria-label={t('rec.officers')}
          placeholder={t('rec.officers')}
          value={value.officerId ?? null}
          onChange={(officerId) => set({ officerId: typeof officerId === 'string' ? officerId : undefined })}
        />
      </div>
      <Input.Search
        allowClear
        aria-label={t('rec.party')}
        placeholder={t('rec.party')}
        defaultValue={value.party}
        onSearch={(party) => set({ party: text(party) })}
        style={{ width: 180 }}
      />
      <Input.Search
        allowClear
        aria-label={t('rec.cause')}
        placeholder={t('rec.cause')}
        defaultValue={value.caseCause}
        onSearch={(caseCause) => set({ caseCause: text(caseCause) })}
        style={{ width: 180 }}
      />
      <Select<RecordingCategory>
        allowClear
        aria-label={t('rec.category')}
        placeholder={t('rec.category')}
        value={value.category}
        onChange={(category) => set({ category })}
        options={labels.categoryOptions}
        style={{ width: 150 }}
      />
      <Select<RecordingKind>
        allowClear
        aria-label={t('rec.kind')}
        placeholder={t('rec.kind')}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        options={labels.kindOptions}
        style={{ width: 110 }}
      />
      <Select<FlagFilter>
        allowClear
        aria-label={t('list.flags')}
        placeholder={t('list.flags')}
        value={value.flag}
        onChange={(flag) => set({ flag })}
        options={FLAG_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))}
        style={{ width: 140 }}
      />
      {any && (
        <Button type="link" onClick={() => onChange({})}>
          {t('list.clearFilters')}
        </Button>
      )}
    </Space>
  );
}
