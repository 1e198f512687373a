import type { ReactNode } from 'react';
import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { type Flow, FlowChart } from './FlowChart.tsx';
import { ItemFacts } from './ItemFacts.tsx';
import { audienceLabel, channelLabel, exerciseLevelLabel, handlingLabel, itemTypeLabel } from './labels.ts';
import { type FileLink, MaterialsTable } from './MaterialsTable.tsx';

const Text = ({ value }: { value: string }) =>
  value ? <p className="item-text">{value}</p> : <p className="pub-muted">—</p>;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="item-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * 办事指南 of one item version: every public field, the materials, the flow. Shared by the public page
 * and the catalogue's read-only view.
 */
export function ItemGuide({
  item,
  flow,
  fileLink,
  aside,
}: {
  item: Schema<'ItemVersion'>;
  flow: Flow;
  fileLink: (id: string) => FileLink | undefined;
  aside?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const yes = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  const list = (values: string[]) => values.join(lang === 'zh' ? '、' : ', ') || '—';
  // The OpenAPI document loses the default of `fee` (a $ref), so the type says optional; the server always sends it.
  const fee = item.fee ?? { charged: false, standard: '', basis: '', waiver: '' };
  const sample = item.resultSampleFileId ? fileLink(item.resultSampleFileId) : undefined;
  const rows: [string, ReactNode][] = [
    [t('item.itemType'), itemTypeLabel(t, item.itemType)],
    [t('item.basicCode'), item.basicCode],
    [t('item.implementationCode'), item.implementationCode],
    [t('item.exerciseLevel'), exerciseLevelLabel(t, item.exerciseLevel)],
    [
      t('item.department'),
      <>
        {item.department.name}
        {item.department.creditCode && <small className="pub-muted"> {item.department.creditCode}</small>}
      </>,
    ],
    [t('item.handlingType'), handlingLabel(t, item.handlingType)],
    [
      t('item.isJoint'),
      item.isJoint
        ? `${t('common.yes')}${item.leadDepartment ? ` · ${t('item.lead')}${item.leadDepartment.name}` : ''}`
        : t('common.no'),
    ],
    [t('item.jointAgencies'), list(item.jointAgencies)],
    [t('item.audiences'), list(item.audiences.map((a) => audienceLabel(t, a)))],
    [t('item.themes'), list(item.themes)],
    [t('item.channels'), list(item.channels.map((c) => channelLabel(t, c)))],
    [t('item.appointment'), yes(item.appointment)],
    [t('item.onlinePayment'), yes(item.onlinePayment)],
    [t('item.expressDelivery'), yes(item.expressDelivery)],
    [t('item.quantityLimit'), item.quantityLimit || '—'],
    [t('item.intermediary'), item.intermediaryServices || '—'],
    [
      t('item.result'),
      <>
        {item.resultName || '—'}
        {sample && (
          <a href={sample.url} download={sample.filename} className="mat-file">
            {t('item.resultSample')}
          </a>
        )}
      </>,
    ],
    [t('item.place'), item.place || '—'],
    [t('item.hours'), item.hours || '—'],
    [t('item.consultPhone'), item.consultPhone || '—'],
    [t('item.supervisionPhone'), item.supervisionPhone || '—'],
  ];

  return (
    <article className="item">
      <header className="item-head">
        <div className="item-tags">
          <span className="pub-tag pub-tag-blue">{itemTypeLabel(t, item.itemType)}</span>
          <span className="pub-tag">{handlingLabel(t, item.handlingType)}</span>
        </div>
        <h1>{item.name}</h1>
        <p className="item-sub">
          {item.department.name} · {t('item.implementationCode')} {item.implementationCode}
        </p>
        {aside}
      </header>
      <ItemFacts item={item} />
      <nav className="item-toc" aria-label={t('item.toc')}>
        <a href="#basic">{t('item.section.basic')}</a>
        <a href="#conditions">{t('item.section.conditions')}</a>
        <a href="#materials">{t('item.section.materials')}</a>
        <a href="#process">{t('item.section.process')}</a>
        <a href="#fees">{t('item.section.fees')}</a>
        <a href="#faqs">{t('item.section.faqs')}</a>
      </nav>
      <Section id="basic" title={t('item.section.basic')}>
        <dl className="item-grid">
          {rows.map(([label, value]) => (
            <div key={label} className="field">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section id="conditions" title={t('item.section.conditions')}>
        <Text value={item.conditions} />
      </Section>
      <Section id="materials" title={t('item.section.materials')}>
        <MaterialsTable materials={item.materials} fileLink={fileLink} />
      </Section>
      <Section id="process" title={t('item.section.process')}>
        <FlowChart flow={flow} />
        {item.procedureText && <Text value={item.procedureText} />}
      </Section>
      <Section id="fees" title={t('item.section.fees')}>
        {fee.charged ? (
          <dl className="item-grid">
            <div className="field">
              <dt>{t('item.fee.standard')}</dt>
              <dd>{fee.standard || '—'}</dd>
            </div>
            <div className="field">
              <dt>{t('item.fee.basis')}</dt>
              <dd>{fee.basis || '—'}</dd>
            </div>
            <div className="field">
              <dt>{t('item.fee.waiver')}</dt>
              <dd>{fee.waiver || '—'}</dd>
            </div>
          </dl>
        ) : (
          <p>{t('item.fee.none')}</p>
        )}
      </Section>
      <Section id="basis" title={t('item.section.basis')}>
        <Text value={item.legalBasis} />
      </Section>
      <Section id="faqs" title={t('item.section.faqs')}>
        {item.faqs.length ? (
          item.faqs.map((f) => (
            <details key={f.question} className="item-faq">
              <summary>{f.question}</summary>
              <p className="item-text">{f.answer}</p>
            </details>
          ))
        ) : (
          <p className="pub-muted">{t('item.noFaqs')}</p>
        )}
      </Section>
    </article>
  );
}
