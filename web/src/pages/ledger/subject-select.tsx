import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useLedgerSubjects, type LedgerSubjectType } from '../../api/ledger';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n';

/** The chosen record with the words that name it, so the result can say what was checked. */
export interface SubjectChoice {
  value: string;
  label: string;
}

interface SubjectSelectProps {
  type: LedgerSubjectType;
  /** Set by <Form.Item>: the id its label points at, the value and its change handler. */
  id?: string;
  value?: SubjectChoice;
  onChange?: (value: SubjectChoice | undefined) => void;
}

/**
 * Picks the record to verify, searched by name on the server (one request per pause in typing);
 * the ledger's own search, so supervisors need not hold the right to list people.
 */
export function SubjectSelect({ type, id, value, onChange }: SubjectSelectProps) {
  const { t } = useT();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const subjects = useLedgerSubjects(type, q);
  const options: SubjectChoice[] = (subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.label }));
  const loading = subjects.isFetching;

  return (
    <Select<SubjectChoice, SubjectChoice>
      id={id}
      labelInValue
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={loading}
      placeholder={t(type === 'unit' ? 'ledger.verify.pick.unit' : 'ledger.verify.pick.user')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      style={{ width: 360 }}
      data-testid="ledger-subject"
    />
  );
}
