import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { CentresTab } from './CentresTab.tsx';
import { DepartmentsTab } from './DepartmentsTab.tsx';
import { OfficesTab } from './OfficesTab.tsx';
import { RegionsTab } from './RegionsTab.tsx';
import { WindowsTab } from './WindowsTab.tsx';

/** 组织机构: regions, service centres, departments stationed in them, their offices, and the windows. */
export default function OrgPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'centres';
  return (
    <div>
      <PageHeader title={t('nav.admin.org')} help={t('org.help')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'regions', label: t('org.regions'), children: <RegionsTab /> },
          { key: 'centres', label: t('org.centres'), children: <CentresTab /> },
          { key: 'departments', label: t('org.departments'), children: <DepartmentsTab /> },
          { key: 'offices', label: t('org.offices'), children: <OfficesTab /> },
          { key: 'windows', label: t('org.windows'), children: <WindowsTab /> },
        ]}
        destroyOnHidden
      />
    </div>
  );
}
