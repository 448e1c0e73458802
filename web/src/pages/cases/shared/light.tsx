import { Badge, Tag } from 'antd';
import type { Light } from '@quancheng/contracts';
import { useCaseLabels } from './case-labels';

const STATUS: Record<Light, 'error' | 'warning' | 'success'> = {
  red: 'error',
  yellow: 'warning',
  green: 'success',
};

/** A deadline's light as a coloured tag: 红 overdue or due today, 黄 due soon, 绿 in time. */
export function LightTag({ light }: { light: Light | null }) {
  const labels = useCaseLabels();
  if (!light) {
    return null;
  }
  return (
    <Tag color={STATUS[light]} data-light={light} data-testid="light">
      {labels.light(light)}
    </Tag>
  );
}

/** A light dot beside a text (a due date in a list). */
export function LightDot({ light, text }: { light: Light | null; text: string }) {
  const labels = useCaseLabels();
  if (!light) {
    return <span>{text}</span>;
  }
  return (
    <Badge
      status={STATUS[light]}
      text={text}
      title={labels.light(light)}
      data-light={light}
      data-testid="light-dot"
    />
  );
}
