import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/errors.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { exportTable, type TableFormat } from './exportTable.ts';

/** The xlsx and CSV buttons of a table route: each busy while its file downloads, a failure in plain words. */
export function ExportButtons({
  path,
  query,
  filename,
  labels,
}: {
  path: Parameters<typeof exportTable>[0];
  query: Parameters<typeof exportTable>[1];
  filename: string;
  labels: Record<TableFormat, string>;
}) {
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState<TableFormat | null>(null);
  const download = async (format: TableFormat) => {
    setExporting(format);
    try {
      await exportTable(path, query, format, filename);
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setExporting(null);
    }
  };
  return (
    <Space>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          loading={exporting === format}
          onClick={() => download(format)}
        >
          {labels[format]}
        </Button>
      ))}
    </Space>
  );
}
