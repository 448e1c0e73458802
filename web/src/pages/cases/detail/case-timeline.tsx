import { Card, Empty, Flex, Timeline, Typography } from 'antd';
import type { CaseDto, CaseEventDto } from '@quancheng/contracts';
import { formatBureauTime } from '../../../components/format-time';
import { useT } from '../../../i18n';
import { useCaseLabels, type Localized } from '../shared/case-labels';

const COLOR: Record<string, string> = {
  'approval.approved': 'green',
  'approval.rejected': 'red',
  'case.opened': 'green',
  'document.issued': 'green',
  'case.overridden': 'red',
};

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** A short line from an event's detail: the step it concerns, the number, the opinion or reason. */
function useDetailLine() {
  const labels = useCaseLabels();
  return (e: CaseEventDto) => {
    const d = e.detail ?? {};
    const transition = str(d.transition);
    // The server names the transition in the event's language pair (`transitionTitle`).
    const title = d.transitionTitle as Localized | undefined;
    const parts = [
      transition ? (title ? labels.loc(title) : transition) : null,
      str(d.title),
      str(d.number) ?? str(d.caseNumber),
      str(d.opinion),
      str(d.reason),
    ].filter((p): p is string => p !== null);
    return parts.join(' · ');
  };
}

/** 时间线: every recorded event of the case, newest first, with who did it. */
export function CaseTimeline({ c }: { c: CaseDto }) {
  const { t } = useT();
  const labels = useCaseLabels();
  const detailLine = useDetailLine();
  const events = [...c.timeline].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card size="small" title={t('timeline.title')} data-testid="case-timeline">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />
      ) : (
        <Timeline
          items={events.map((e) => {
            const line = detailLine(e);
            return {
              key: e.id,
              color: COLOR[e.action] ?? 'blue',
              content: (
                <Flex vertical gap={0} data-testid="timeline-event" data-action={e.action}>
                  <Typography.Text strong>{labels.action(e.action)}</Typography.Text>
                  {line && <Typography.Text style={{ fontSize: 13 }}>{line}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.actorName} · {formatBureauTime(e.at)}
                  </Typography.Text>
                </Flex>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
