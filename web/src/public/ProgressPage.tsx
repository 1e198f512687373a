import { useState } from 'react';
import { type Answer, api } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { ProgressResult } from './ProgressResult.tsx';
import { PublicError } from './PublicError.tsx';

type Progress = Answer<'/api/v1/public/progress', 'post'>;

/** 办件进度查询: case number and the query code printed on the receipt. No login. */
export default function ProgressPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.progress'));
  const [caseNumber, setCaseNumber] = useState('');
  const [queryCode, setQueryCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Progress | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await api.post('/api/v1/public/progress', {
          body: { caseNumber: caseNumber.trim(), queryCode: queryCode.trim() },
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // A server without the intake module answers 404 for the route itself.
  const notYet = error instanceof ApiError && error.isMissingRoute;

  return (
    <div className="pub-progress">
      <h1>{t('progress.title')}</h1>
      <p className="pub-muted">{t('progress.intro')}</p>
      <form className="pub-form" onSubmit={submit}>
        <label>
          <span>{t('progress.caseNumber')}</span>
          <input
            name="caseNumber"
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.target.value)}
            required
            maxLength={64}
            autoComplete="off"
            placeholder={t('progress.caseNumber.placeholder')}
          />
        </label>
        <label>
          <span>{t('progress.queryCode')}</span>
          <input
            name="queryCode"
            value={queryCode}
            onChange={(e) => setQueryCode(e.target.value)}
            required
            maxLength={32}
            autoComplete="off"
            placeholder={t('progress.queryCode.placeholder')}
          />
        </label>
        <button type="submit" className="pub-primary" disabled={busy}>
          {busy ? t('state.searching') : t('progress.submit')}
        </button>
      </form>
      {notYet ? (
        <div className="pub-notice" role="status">
          <strong>{t('progress.notYet.title')}</strong>
          <p>{t('progress.notYet.text')}</p>
        </div>
      ) : (
        <PublicError error={error} />
      )}
      {result && <ProgressResult progress={result} />}
    </div>
  );
}
