import { useState } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import type { Facet } from './useGuideFacets.ts';

interface Props {
  label: string;
  allLabel: string;
  facets: Facet[];
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  /** Chips shown before "more" (the selected one is always shown). */
  limit?: number;
}

/** One row of filter chips (部门, 主题): large enough to touch, scrolling sideways on a phone. */
export function FacetBar({ label, allLabel, facets, selected, onSelect, limit = 12 }: Props) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? facets : facets.filter((f, i) => i < limit || f.id === selected);
  const hidden = facets.length - shown.length;
  return (
    <div className="pub-facet">
      <span className="pub-facet-label">{label}</span>
      <div className="pub-chips">
        <button type="button" aria-pressed={!selected} onClick={() => onSelect(undefined)}>
          {allLabel}
        </button>
        {shown.map((f) => (
          <button key={f.id} type="button" aria-pressed={selected === f.id} onClick={() => onSelect(f.id)}>
            {f.name}
            <span className="pub-chip-count">{f.count}</span>
          </button>
        ))}
        {(hidden > 0 || expanded) && facets.length > limit && (
          <button
            type="button"
            className="pub-chip-more"
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? t('guide.less') : t('guide.more', { n: hidden })}
          </button>
        )}
      </div>
    </div>
  );
}
