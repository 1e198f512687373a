import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { FacetBar } from './FacetBar.tsx';
import { ItemCard } from './ItemCard.tsx';
import { Pager } from './Pager.tsx';
import { PublicError } from './PublicError.tsx';
import { SearchBox } from './SearchBox.tsx';
import { useGuideFacets } from './useGuideFacets.ts';

const PAGE_SIZE = 20;
type Audience = 'natural_person' | 'enterprise';

/** 办事指南: browse by department or theme, or search by name or pinyin. The filters live in the URL. */
export function GuideHome() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.guide'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const departmentId = params.get('department') ?? undefined;
  const theme = params.get('theme') ?? undefined;
  const audience = (params.get('audience') as Audience | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const update = (changes: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace });
  };

  const facets = useGuideFacets();
  const list = useQuery(
    (signal) =>
      api.get('/api/v1/guide/items', {
        query: { q: q || undefined, departmentId, theme, audience, page, pageSize: PAGE_SIZE },
        signal,
      }),
    [q, departmentId, theme, audience, page],
  );
  const pages = list.data ? Math.ceil(list.data.total / PAGE_SIZE) : 0;

  return (
    <div className="pub-guide">
      <section className="pub-hero">
        <h1>{t('guide.title')}</h1>
        <p>{t('guide.subtitle')}</p>
        <SearchBox value={q} onSearch={(value) => update({ q: value || undefined }, true)} />
      </section>

      <section className="pub-filters" aria-label={t('guide.filters')}>
        <div className="pub-facet">
          <span className="pub-facet-label">{t('guide.audience')}</span>
          <div className="pub-chips">
            {([undefined, 'natural_person', 'enterprise'] as const).map((a) => (
              <button
                key={a ?? 'all'}
                type="button"
                aria-pressed={audience === a}
                onClick={() => update({ audience: a })}
              >
                {a ? t(`guide.audience.${a}`) : t('guide.all')}
              </button>
            ))}
          </div>
        </div>
        {facets.data && (
          <>
            <FacetBar
              label={t('guide.byDepartment')}
              allLabel={t('guide.allDepartments')}
              facets={facets.data.departments}
              selected={departmentId}
              onSelect={(id) => update({ department: id })}
            />
            {facets.data.themes.length > 0 && (
              <FacetBar
                label={t('guide.byTheme')}
                allLabel={t('guide.allThemes')}
                facets={facets.data.themes}
                selected={theme}
                onSelect={(id) => update({ theme: id })}
              />
            )}
          </>
        )}
      </section>

      <section className="pub-results" aria-live="polite" aria-busy={list.loading}>
        <PublicError error={list.error} onRetry={list.reload} />
        {list.data && (
          <>
            <p className="pub-count">
              {q ? t('guide.foundFor', { n: list.data.total, q }) : t('guide.found', { n: list.data.total })}
              {list.loading && <span className="pub-spinner" aria-hidden />}
            </p>
            {list.data.items.length === 0 ? (
              <div className="pub-empty">
                <p>{t('guide.empty')}</p>
                <p className="pub-muted">{t('guide.emptyHint')}</p>
              </div>
            ) : (
              <ul className="pub-items">
                {list.data.items.map((item) => (
                  <ItemCard key={item.itemId} item={item} />
                ))}
              </ul>
            )}
            <Pager page={page} pages={pages} onPage={(p) => update({ page: String(p) })} />
          </>
        )}
        {!list.data && list.loading && <p className="pub-count">{t('state.loading')}</p>}
      </section>
    </div>
  );
}
