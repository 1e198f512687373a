import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Modal, Progress, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/errors.ts';
import { upload } from '../../api/upload.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { type ImportReport, ImportReportView } from './ImportReportView.tsx';

/** A 422 from the import carries the full report in its details. */
const reportOf = (e: unknown): ImportReport | null =>
  e instanceof ApiError && e.code === 'import_invalid' && e.details ? (e.details as ImportReport) : null;

/**
 * Imports the catalogue workbook (.xlsx with sheets 事项 and 材料, or .csv). Nothing is imported when a
 * row is wrong, unless "valid rows only" is ticked; either way the report lists every problem.
 */
export function CatalogueImportModal({
  open,
  onClose,
  onImported,
  centreId,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
  centreId?: string;
}) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setFile(null);
    setReport(null);
    setError(null);
    onClose();
  };
  const send = async () => {
    if (!file) return;
    setReport(null);
    setError(null);
    setProgress(0);
    try {
      const r = await upload(
        '/api/v1/catalogue/import',
        { file, partial: partial ? 'true' : 'false', centreId },
        { onProgress: setProgress },
      );
      setReport(r);
      onImported();
    } catch (e) {
      const rejected = reportOf(e);
      if (rejected) setReport(rejected);
      else setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal
      title={t('catalogue.import')}
      open={open}
      onCancel={close}
      width={880}
      footer={[
        <Button key="close" onClick={close}>
          {t('action.close')}
        </Button>,
        <Button key="send" type="primary" disabled={!file} loading={progress !== null} onClick={send}>
          {t('catalogue.import.submit')}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item extra={t('catalogue.import.help')}>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              setError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('upload.drop')}</p>
            <p className="ant-upload-hint">{t('catalogue.import.formats')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Checkbox checked={partial} onChange={(e) => setPartial(e.target.checked)}>
          {t('catalogue.import.partial')}
        </Checkbox>
      </Form>
      {progress !== null && (
        <Progress percent={Math.round(progress * 100)} size="small" status="active" className="block-gap" />
      )}
      {error ? (
        <Alert type="error" showIcon role="alert" className="block-gap" title={errorMessage(error, lang)} />
      ) : null}
      {report && <ImportReportView report={report} />}
    </Modal>
  );
}
