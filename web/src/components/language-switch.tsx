import { Segmented } from 'antd';
import type { Lang } from '@quancheng/contracts';
import { useT } from '../i18n';

/** 中文 / English, remembered on this browser. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.switch')}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh-CN', label: t('lang.zh-CN') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
