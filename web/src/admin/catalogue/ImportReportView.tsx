import { Alert, Descriptions, Table } from 'antd';
import type { Schema } from '../../api/types.ts';
import { useI18n } from '../../i18n/useI18n.ts';

export type ImportReport = Schema<'ImportReport'>;
type Problem = ImportReport['problems'][number];

/** What an import did, and every problem with its sheet, row and column, as the file shows them. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, lang } = useI18n();
  const counts: [string, number][] = [
    [t('import.items'), report.items],
    [t('import.created'), report.created],
    [t('import.newVersions'), report.newVersions],
    [t('import.draftsSaved'), report.draftsSaved],
    [t('import.published'), report.published],
    [t('import.unchanged'), report.unchanged],
    [t('import.skipped'), report.skipped],
  ];
  return (
    <div className="import-report" data-testid="import-report">
      <Alert
        type={report.applied ? (report.problems.length ? 'warning' : 'success') : 'error'}
        showIcon
        className="block-gap"
        title={
          report.applied
            ? t('import.applied', { n: report.items - report.skipped })
            : t('import.rejected', { n: report.problems.length })
        }
      />
      {report.applied && (
        <Descriptions size="small" column={{ xs: 2, sm: 4 }} bordered className="block-gap">
          {counts.map(([label, n]) => (
            <Descriptions.Item key={label} label={label}>
              {n}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {report.problems.length > 0 && (
        <Table<Problem>
          size="small"
          rowKey={(p) => `${p.sheet}-${p.row}-${p.column}-${p.message}`}
          dataSource={report.problems}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ y: 320 }}
          columns={[
            { title: t('import.sheet'), dataIndex: 'sheet', width: 80 },
            { title: t('import.row'), dataIndex: 'row', width: 60, align: 'right' },
            { title: t('import.column'), dataIndex: 'column', width: 140 },
            {
              title: t('import.problem'),
              key: 'message',
              render: (_, p) => (lang === 'zh' ? p.message : p.messageEn),
            },
          ]}
        />
      )}
    </div>
  );
}
