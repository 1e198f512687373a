import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { materialFormLabel, materialSourceLabel } from './labels.ts';

export interface FileLink {
  url: string;
  filename: string;
}

/**
 * 申请材料: a dense table on a desk, a stack of cards on a phone (CSS). Blank forms and samples are
 * download links; `fileLink` maps a file id to its address (public or staff route).
 */
export function MaterialsTable({
  materials,
  fileLink,
}: {
  materials: Schema<'Material'>[];
  fileLink: (id: string) => FileLink | undefined;
}) {
  const { t } = useI18n();
  if (!materials.length) return <p className="pub-muted">{t('materials.none')}</p>;
  const link = (id: string | null, label: string) => {
    const f = id ? fileLink(id) : undefined;
    return f ? (
      <a href={f.url} download={f.filename} className="mat-file" title={f.filename}>
        {label}
      </a>
    ) : null;
  };
  return (
    <table className="mat-table">
      <thead>
        <tr>
          <th scope="col">{t('materials.no')}</th>
          <th scope="col">{t('materials.name')}</th>
          <th scope="col">{t('materials.issuer')}</th>
          <th scope="col">{t('materials.copies')}</th>
          <th scope="col">{t('materials.form')}</th>
          <th scope="col">{t('materials.files')}</th>
        </tr>
      </thead>
      <tbody>
        {materials.map((m, i) => (
          <tr key={m.id}>
            <td data-label={t('materials.no')}>{i + 1}</td>
            <td data-label={t('materials.name')} className="mat-name">
              <strong>{m.name}</strong>
              <span className={m.required ? 'pub-tag pub-tag-red' : 'pub-tag'}>
                {m.required ? t('materials.required') : t('materials.optional')}
              </span>
              {m.deferrable && <span className="pub-tag pub-tag-amber">{t('materials.deferrable')}</span>}
              {m.situations.length > 0 && (
                <span className="mat-note">
                  {t('materials.situations')}
                  {m.situations.join('、')}
                </span>
              )}
              {m.fillNotes && (
                <span className="mat-note">
                  {t('materials.fillNotes')}
                  {m.fillNotes}
                </span>
              )}
              {m.acceptanceStandard && (
                <span className="mat-note">
                  {t('materials.standard')}
                  {m.acceptanceStandard}
                </span>
              )}
            </td>
            <td data-label={t('materials.issuer')}>
              <span>
                {m.issuer || '—'}
                <span className="mat-note">{materialSourceLabel(t, m.source)}</span>
              </span>
            </td>
            <td data-label={t('materials.copies')}>
              {t('materials.copiesValue', { o: m.originals, c: m.copies })}
            </td>
            <td data-label={t('materials.form')}>{materialFormLabel(t, m.form)}</td>
            <td data-label={t('materials.files')}>
              <span>
                {link(m.blankFormFileId, t('materials.blankForm'))}
                {link(m.sampleFileId, t('materials.sample'))}
                {!m.blankFormFileId && !m.sampleFileId && '—'}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
