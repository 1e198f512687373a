import { useI18n } from '../i18n/useI18n.ts';

/** 中文 | EN: a plain two-button switch, light enough for the public pages. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { lang, setLanguage, t } = useI18n();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form field set
    <div className={`ow-lang ${className}`} role="group" aria-label={t('lang.switch')}>
      <button type="button" aria-pressed={lang === 'zh'} onClick={() => setLanguage('zh')}>
        中文
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLanguage('en')} lang="en">
        EN
      </button>
    </div>
  );
}
