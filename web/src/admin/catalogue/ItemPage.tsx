import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { ItemGuide } from '../../public/ItemGuide.tsx';
import { layoutFlow } from '../../public/layoutFlow.ts';

type Version = Schema<'VersionSummary'>;
const STATUS_COLOR = {
  draft: 'orange',
  published: 'green',
  superseded: 'default',
  withdrawn: 'red',
} as const;

/** One catalogue item, read-only: its versions, and any version shown as the public would see it. */
export default function ItemPage() {
  const { itemId = '' } = useParams();
  const { t, dateTime } = useI18n();
  const versions = useQuery(
    (signal) => api.get('/api/v1/catalogue/items/{id}/versions', { path: { id: itemId }, signal }),
    [itemId],
  );
  const [picked, setPicked] = useState<string>();
  const versionId =
    picked ?? versions.data?.find((v) => v.status === 'published')?.id ?? versions.data?.[0]?.id;
  const version = useQuery(
    async (signal) =>
      versionId ? api.get('/api/v1/catalogue/versions/{id}', { path: { id: versionId }, signal }) : null,
    [versionId],
  );

  return (
    <div>
      <PageHeader
        title={version.data?.name ?? t('nav.admin.catalogue')}
        help={<Link to="/staff/admin/catalogue">← {t('catalogue.backToList')}</Link>}
      />
      <ErrorAlert
        error={versions.error ?? version.error}
        onRetry={versions.error ? versions.reload : version.reload}
      />
      <Card size="small" title={t('catalogue.versions')} className="block-gap">
        <Table<Version>
          size="small"
          rowKey="id"
          loading={versions.loading}
          dataSource={versions.data}
          pagination={false}
          rowClassName={(v) => (v.id === versionId ? 'row-selected' : 'row-clickable')}
          onRow={(v) => ({ onClick: () => setPicked(v.id) })}
          columns={[
            {
              title: t('catalogue.version'),
              dataIndex: 'version',
              width: 70,
              render: (n: number) => `v${n}`,
            },
            { title: t('item.name'), dataIndex: 'name' },
            {
              title: t('catalogue.state'),
              dataIndex: 'status',
              width: 100,
              render: (s: Version['status']) => <Tag color={STATUS_COLOR[s]}>{t(`versionStatus.${s}`)}</Tag>,
            },
            {
              title: t('catalogue.createdAt'),
              dataIndex: 'createdAt',
              width: 170,
              render: (d: string) => dateTime(d),
            },
            {
              title: t('item.publishedAt'),
              dataIndex: 'publishedAt',
              width: 170,
              render: (d: string | null) => dateTime(d),
            },
          ]}
        />
      </Card>
      {version.loading && !version.data && <PageLoading />}
      {version.data && (
        <Card size="small" className="item-admin">
          <ItemGuide
            item={version.data}
            flow={layoutFlow(version.data.processDefinition)}
            fileLink={(id) => ({ url: `/api/v1/catalogue/files/${encodeURIComponent(id)}`, filename: '' })}
          />
        </Card>
      )}
    </div>
  );
}
