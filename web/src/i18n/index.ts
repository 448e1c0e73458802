export { I18nProvider, useT, storedLang, type I18n } from './i18n-context';
export type { MessageId } from './zh-cn';
