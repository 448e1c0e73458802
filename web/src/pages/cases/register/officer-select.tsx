import { Select, Typography } from 'antd';
import { useOfficerOptions } from '../../../api/cases';
import { useT } from '../../../i18n';

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  unitId?: string;
  id?: string;
}

/**
 * 承办人员: the people of the unit who may handle cases. Someone without a valid enforcement
 * certificate today is listed but cannot be chosen, with the reason (A3.1).
 */
export function OfficerSelect({ value, onChange, unitId, id }: Props) {
  const { t } = useT();
  const options = useOfficerOptions(unitId);
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      loading={options.isFetching}
      placeholder={t('register.officersPlaceholder')}
      notFoundContent={options.isError ? t('app.loadFailed') : undefined}
      showSearch={{ optionFilterProp: 'title' }}
      options={(options.data?.items ?? []).map((o) => ({
        value: o.id,
        title: o.name,
        disabled: !o.certifiedToday,
        label: (
          <span>
            {o.name}
            <Typography.Text type={o.certifiedToday ? 'secondary' : 'warning'} style={{ marginLeft: 6 }}>
              {o.certifiedToday
                ? t('register.certNo', { no: o.certNo ?? '' })
                : o.certNo
                  ? t('register.certInvalid')
                  : t('register.certMissing')}
            </Typography.Text>
          </span>
        ),
      }))}
      style={{ width: '100%' }}
    />
  );
}
