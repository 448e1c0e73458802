import { Checkbox, Typography } from 'antd';
import { useT } from '../../i18n';

/**
 * A22.1 the words the officer reads out when the body camera starts, A22.2 the certificates to
 * show, and the officer's confirmation that both were done (nothing is entered before it).
 */
export function Announcement({
  officers,
  announced,
  onChange,
}: {
  officers: { name: string; certNo: string | null }[];
  announced: boolean;
  onChange: (announced: boolean) => void;
}) {
  const { t } = useT();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('onsite.announce.title')}
      </Typography.Title>
      <Typography.Paragraph
        data-testid="onsite-announcement"
        style={{ fontSize: 24, lineHeight: 1.6, fontWeight: 600 }}
      >
        {t('onsite.announce.text')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('onsite.announce.rule')}</Typography.Paragraph>
      {officers.length > 0 && (
        <Typography.Paragraph style={{ fontSize: 18 }}>
          {t('onsite.announce.certificates')}
          {officers.map((o) => `${o.name}（${o.certNo ?? ''}）`).join('、')}
        </Typography.Paragraph>
      )}
      <Checkbox checked={announced} onChange={(e) => onChange(e.target.checked)} style={{ fontSize: 18 }}>
        {t('onsite.announce.confirm')}
      </Checkbox>
    </>
  );
}
