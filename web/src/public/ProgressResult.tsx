import type { Answer } from '../api/client.ts';
import { useI18n } from '../i18n/useI18n.ts';

type Progress = Answer<'/api/v1/public/progress', 'post'>;

const STATUS_TONE: Record<Progress['status'], string> = {
  received: 'pub-tag-blue',
  correction_requested: 'pub-tag-amber',
  accepted: 'pub-tag-blue',
  refused: 'pub-tag-red',
  completed: 'pub-tag-green',
  terminated: 'pub-tag-red',
};

/** What the public may see of a case: masked applicant, status, current step, promised date, milestones. */
export function ProgressResult({ progress: p }: { progress: Progress }) {
  const { t, date, dateTime } = useI18n();
  const rows: [string, string][] = [
    [t('progress.caseNumber'), p.caseNumber],
    [t('item.name'), p.itemName],
    [t('item.department'), p.departmentName],
    [t('progress.applicant'), p.applicantName],
    [t('progress.currentStep'), p.currentStep ?? '—'],
    [t('progress.acceptedAt'), `${date(p.acceptedAt)}${p.deemedAccepted ? ` ${t('progress.deemed')}` : ''}`],
    [t('progress.promisedDue'), date(p.promisedDueDate)],
  ];
  return (
    <section className="pub-progress-result" aria-live="polite">
      <p className="pub-progress-status">
        <span className={`pub-tag ${STATUS_TONE[p.status]}`}>{t(`progress.status.${p.status}`)}</span>
      </p>
      <dl className="item-grid">
        {rows.map(([label, value]) => (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {p.milestones.length > 0 && (
        <ol className="pub-milestones" aria-label={t('progress.milestones')}>
          {p.milestones.map((m) => (
            <li key={`${m.at}-${m.label}`}>
              <time dateTime={m.at}>{dateTime(m.at)}</time>
              <span>{m.label}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
