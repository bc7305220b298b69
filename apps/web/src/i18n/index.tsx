import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { en, zh, type MessageKey } from './messages';

export type Language = 'zh' | 'en';
const KEY = 'quanzi-language';

/** A choice made in the app wins; otherwise Chinese for a zh browser, English for the rest. */
export function initialLanguage(): Language {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'zh' || chosen === 'en') return chosen;
  return (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
interface I18n {
  language: Language;
  t: Translate;
  setLanguage(language: Language): void;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  const messages = language === 'zh' ? zh : en;
  const t: Translate = (key, values) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? ''));
  const setLanguage = (next: Language) => {
    localStorage.setItem(KEY, next);
    setLanguageState(next);
  };
  return <Context.Provider value={{ language, t, setLanguage }}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
