/** A user-facing text in both of the system's languages (zh-CN first, English second). */
export interface LocalizedText {
  zh: string;
  en: string;
}
