import { Tag, Tooltip } from 'antd';
import { formatFormNumber, type FormRangeDto } from '@quancheng/contracts';
import { useT } from '../../i18n';

/** 断号 N in red when numbers below the highest accounted one are neither used nor voided. */
export function GapTag({ pad }: { pad: FormRangeDto }) {
  const { t } = useT();
  if (pad.gaps.length === 0) {
    return (
      <Tag color="success" data-testid="form-range-gaps" data-gaps={0}>
        {t('forms.noGaps')}
      </Tag>
    );
  }
  const numbers = pad.gaps.map((n) => formatFormNumber(pad.series, pad.digits, n)).join('、');
  return (
    <Tooltip title={t('forms.gapsTip', { numbers })}>
      <Tag color="error" data-testid="form-range-gaps" data-gaps={pad.gaps.length}>
        {t('forms.gaps', { count: pad.gaps.length })}
      </Tag>
    </Tooltip>
  );
}
