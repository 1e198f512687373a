import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { downloadFile } from '../../api/download.ts';
import { errorMessage } from '../../api/errors.ts';
import type { Schema } from '../../api/types.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { Toolbar } from '../shared/Toolbar.tsx';
import { options, useCentres } from '../shared/useOrg.ts';
import { CatalogueImportModal } from './CatalogueImportModal.tsx';

type Item = Schema<'CatalogueItem'>;
type Status = 'draft' | 'published' | 'withdrawn';
const PAGE = 100;

/** 事项目录: the items of my centre; import and export the workbook. Editing comes with the editor. */
export default function CataloguePage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const centres = useCentres();
  const [centreId, setCentreId] = useState<string | undefined>(me.centreId ?? undefined);
  const [status, setStatus] = useState<Status>();
  const [page, setPage] = useState(1);
  const items = useQuery(
    (signal) =>
      api.get('/api/v1/catalogue/items', {
        query: { centreId, status, limit: PAGE + 1, offset: (page - 1) * PAGE },
        signal,
      }),
    [centreId, status, page],
  );
  const [importing, setImporting] = useState(false);
  const [downloading, setDownloading] = useState<string | null>(null);

  const download = async (what: 'export' | 'template') => {
    setDownloading(what);
    try {
      if (what === 'export')
        await downloadFile(
          '/api/v1/catalogue/export',
          t('catalogue.exportFile'),
          centreId ? { centreId } : undefined,
        );
      else await downloadFile('/api/v1/catalogue/template', t('catalogue.templateFile'));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setDownloading(null);
    }
  };
  const rows = items.data?.slice(0, PAGE);
  const more = (items.data?.length ?? 0) > PAGE;

  return (
    <div>
      <PageHeader
        title={t('nav.admin.catalogue')}
        help={t('catalogue.help')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading === 'template'}
              onClick={() => download('template')}
            >
              {t('catalogue.template')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading === 'export'}
              onClick={() => download('export')}
            >
              {t('catalogue.export')}
            </Button>
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('catalogue.import')}
            </Button>
          </Space>
        }
      />
      <Toolbar>
        <Select
          allowClear
          placeholder={t('org.allCentres')}
          style={{ width: 260 }}
          value={centreId}
          onChange={(v) => {
            setCentreId(v);
            setPage(1);
          }}
          options={options(centres.data)}
        />
        <Select<Status>
          allowClear
          placeholder={t('catalogue.status.all')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['published', 'draft', 'withdrawn'] as const).map((s) => ({
            value: s,
            label: t(`versionStatus.${s}`),
          }))}
        />
      </Toolbar>
      <ErrorAlert error={items.error} onRetry={items.reload} />
      <Table<Item>
        size="small"
        rowKey="id"
        loading={items.loading}
        dataSource={rows}
        pagination={false}
        columns={[
          {
            title: t('item.implementationCode'),
            dataIndex: 'implementationCode',
            width: 230,
            render: (c: string, r) => <Link to={`/staff/admin/catalogue/${r.id}`}>{c}</Link>,
          },
          {
            title: t('item.name'),
            dataIndex: 'name',
            render: (n: string, r) => <Link to={`/staff/admin/catalogue/${r.id}`}>{n}</Link>,
          },
          { title: t('item.basicCode'), dataIndex: 'basicCode', width: 130 },
          { title: t('catalogue.latestVersion'), dataIndex: 'latestVersion', width: 90, align: 'right' },
          {
            title: t('catalogue.state'),
            key: 'state',
            width: 170,
            render: (_, r) => (
              <>
                {r.currentVersionId ? (
                  <Tag color="green">{t('versionStatus.published')}</Tag>
                ) : (
                  <Tag>{t('catalogue.notPublished')}</Tag>
                )}
                {r.draftVersionId && <Tag color="orange">{t('catalogue.hasDraft')}</Tag>}
              </>
            ),
          },
        ]}
      />
      {(page > 1 || more) && (
        <div className="table-pager">
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('pager.prev')}
          </Button>
          <span>{t('pager.page', { page })}</span>
          <Button disabled={!more} onClick={() => setPage(page + 1)}>
            {t('pager.next')}
          </Button>
        </div>
      )}
      <CatalogueImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={items.reload}
        centreId={centreId}
      />
    </div>
  );
}
