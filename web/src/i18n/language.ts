// The current language, outside React so that the API client can word its errors in it.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'onewindow.lang';
const listeners = new Set<() => void>();

function initial(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage may be blocked (kiosk, private mode): Chinese by default
  }
  return 'zh';
}

let current: Language = initial();
apply(current);

function apply(lang: Language) {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const getLanguage = (): Language => current;

export function setLanguage(lang: Language): void {
  if (lang === current) return;
  current = lang;
  apply(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; still switched for this page
  }
  for (const fn of listeners) fn();
}

export function subscribeLanguage(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
