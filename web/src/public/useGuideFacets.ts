import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { useQuery } from '../hooks/useQuery.ts';

export interface Facet {
  id: string;
  name: string;
  count: number;
}
export interface GuideFacets {
  departments: Facet[];
  themes: Facet[];
  total: number;
}

const PAGE = 100;
const MAX_PAGES = 20;
let cached: Promise<GuideFacets> | undefined;

/**
 * Departments and themes to browse by, counted over the published items. The guide API has no facet
 * route yet, so this reads the list once (up to 2,000 items) and keeps it for the visit.
 */
async function loadFacets(): Promise<GuideFacets> {
  const first = await api.get('/api/v1/guide/items', { query: { page: 1, pageSize: PAGE } });
  const pages = Math.min(MAX_PAGES, Math.ceil(first.total / PAGE));
  const rest = await Promise.all(
    Array.from({ length: pages - 1 }, (_, i) =>
      api.get('/api/v1/guide/items', { query: { page: i + 2, pageSize: PAGE } }),
    ),
  );
  const items: Schema<'GuideItemSummary'>[] = [first, ...rest].flatMap((p) => p.items);
  const departments = new Map<string, Facet>();
  const themes = new Map<string, Facet>();
  for (const item of items) {
    const d = departments.get(item.department.id) ?? { ...item.department, count: 0 };
    d.count++;
    departments.set(d.id, d);
    for (const name of item.themes) {
      const th = themes.get(name) ?? { id: name, name, count: 0 };
      th.count++;
      themes.set(name, th);
    }
  }
  const byCount = (a: Facet, b: Facet) => b.count - a.count || a.name.localeCompare(b.name, 'zh');
  return {
    departments: [...departments.values()].sort(byCount),
    themes: [...themes.values()].sort(byCount),
    total: first.total,
  };
}

export function useGuideFacets() {
  return useQuery(() => {
    cached ??= loadFacets().catch((e: unknown) => {
      cached = undefined;
      throw e;
    });
    return cached;
  }, []);
}
