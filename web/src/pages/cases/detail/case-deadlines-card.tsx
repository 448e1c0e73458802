import { Card, Empty, Flex } from 'antd';
import type { CaseDto } from '@quancheng/contracts';
import { useT } from '../../../i18n';
import { DeadlineLine } from '../shared/deadline-line';

const ORDER = { open: 0, met: 1, extended: 2, cancelled: 3 } as const;

/** 期限: the case's statutory deadlines, open ones first by due date. */
export function CaseDeadlinesCard({ c }: { c: CaseDto }) {
  const { t } = useT();
  const deadlines = [...c.deadlines].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.dueOn.localeCompare(b.dueOn),
  );
  return (
    <Card size="small" title={t('deadlines.caseTitle')} data-testid="case-deadlines">
      {deadlines.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.noneOnCase')} />
      ) : (
        <Flex vertical gap={12}>
          {deadlines.map((d) => (
            <DeadlineLine key={d.id} deadline={d} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
