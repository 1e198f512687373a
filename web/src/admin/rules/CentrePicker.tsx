import { Select } from 'antd';
import { useI18n } from '../../i18n/useI18n.ts';
import { options, useCentres } from '../shared/useOrg.ts';

/** For a system administrator, who belongs to no centre: which centre's rules to show. */
export function CentrePicker({ value, onChange }: { value?: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const centres = useCentres();
  return (
    <Select
      style={{ width: 260 }}
      placeholder={t('rules.pickCentre')}
      aria-label={t('rules.pickCentre')}
      value={value}
      onChange={onChange}
      loading={centres.loading}
      options={options(centres.data)}
    />
  );
}
