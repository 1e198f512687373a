import { Select } from 'antd';
import { type Ref, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/useI18n.ts';

export type PickedItem = Schema<'GuideItemSummary'>;
type SelectRef = { focus: () => void };

/** 事项: search the centre's published items by name, code or pinyin initials (the guide's search). */
export function ItemPicker({
  centreId,
  value,
  onChange,
  selectRef,
  disabled,
}: {
  centreId: string | null;
  value: PickedItem | null;
  onChange: (item: PickedItem | null) => void;
  selectRef?: Ref<SelectRef>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PickedItem[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get('/api/v1/guide/items', {
          query: { q: q.trim() || undefined, centreId: centreId ?? undefined, pageSize: 20 },
          signal: controller.signal,
        })
        .then(
          (page) => {
            setItems(page.items);
            setError(null);
            setLoading(false);
          },
          (e: unknown) => {
            if (controller.signal.aborted) return;
            setError(e);
            setLoading(false);
          },
        );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, centreId]);

  return (
    <>
      <Select
        ref={selectRef as never}
        showSearch={{ filterOption: false, onSearch: setQ }}
        autoFocus
        allowClear
        disabled={disabled}
        className="window-item-select"
        data-testid="window-item"
        aria-label={t('window.item')}
        placeholder={t('window.item.placeholder')}
        loading={loading}
        value={value?.itemId}
        onChange={(id) => onChange(items.find((i) => i.itemId === id) ?? null)}
        notFoundContent={loading ? t('state.searching') : t('window.item.none')}
        options={items.map((i) => ({
          value: i.itemId,
          label: (
            <span className="window-item-option">
              {i.name}
              <span className="muted small">
                {' '}
                {i.implementationCode} · {i.department.name}
              </span>
            </span>
          ),
        }))}
        style={{ width: '100%' }}
      />
      <ErrorAlert error={error} />
    </>
  );
}
