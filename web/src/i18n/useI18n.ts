import { useMemo, useSyncExternalStore } from 'react';
import { en } from './en.ts';
import { formatDate, formatDateTime } from './format.ts';
import { getLanguage, type Language, setLanguage, subscribeLanguage } from './language.ts';
import { type MessageKey, zh } from './zh.ts';

export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { zh, en };

/** Looks a label up in a language and fills `{name}` placeholders. */
export function translate(lang: Language, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[lang][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
}

/** The current language, its translator and date formats; re-renders when the language changes. */
export function useI18n() {
  const lang = useSyncExternalStore(subscribeLanguage, getLanguage);
  return useMemo(
    () => ({
      lang,
      setLanguage,
      t: ((key, vars) => translate(lang, key, vars)) as Translate,
      date: (v: string | Date | null | undefined) => formatDate(v, lang),
      dateTime: (v: string | Date | null | undefined) => formatDateTime(v, lang),
    }),
    [lang],
  );
}
