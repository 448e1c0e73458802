import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { LANGS, ROLE_LABELS, translate, type Lang, type MessageKey, type Role } from '@quancheng/contracts';
import { zhCN, type MessageId } from './zh-cn';
import { en } from './en';

const STORAGE_KEY = 'qc.lang';
const DICTIONARIES: Record<Lang, Record<MessageId, string>> = { 'zh-CN': zhCN, en };

type Params = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Translates a UI string of web/src/i18n. */
  t: (id: MessageId, params?: Params) => string;
  /** Translates a shared API message (password policy hints and the like). */
  tm: (key: MessageKey, params?: Params) => string;
  roleLabel: (role: Role) => string;
}

function isLang(value: string | null): value is Lang {
  return value !== null && (LANGS as readonly string[]).includes(value);
}

/** zh-CN unless the user chose otherwise on this browser. */
export function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    document.documentElement.lang = next;
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (id, params = {}) => fill(DICTIONARIES[lang][id], params),
      tm: (key, params = {}) => translate(key, lang, params),
      roleLabel: (role) => ROLE_LABELS[role][lang],
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its translators. */
export function useT(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) {
    throw new Error('useT() outside <I18nProvider>');
  }
  return ctx;
}
