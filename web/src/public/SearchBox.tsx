import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';

/**
 * The big search box of the guide: searches as you type (after a short pause) and on Enter. Finds items
 * by Chinese name, full pinyin (jianshe) or initials (jsyd) — the server does the matching.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(next.trim()), 300);
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    clearTimeout(timer.current);
    onSearch(text.trim());
  };

  return (
    <search>
      <form className="pub-search" onSubmit={submit}>
        <label htmlFor="guide-q" className="sr-only">
          {t('guide.search.label')}
        </label>
        <input
          id="guide-q"
          type="search"
          value={text}
          onChange={(e) => change(e.target.value)}
          placeholder={t('guide.search.placeholder')}
          autoComplete="off"
          enterKeyHint="search"
          maxLength={100}
        />
        <button type="submit">{t('action.search')}</button>
      </form>
    </search>
  );
}
