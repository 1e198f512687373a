import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Modal, Progress, Select, Upload } from 'antd';
import { useState } from 'react';
import type { Answer } from '../../api/client.ts';
import { errorMessage } from '../../api/errors.ts';
import { upload } from '../../api/upload.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { options, useCentres } from '../shared/useOrg.ts';

type Result = Answer<'/api/v1/calendar/import', 'post'>;

/**
 * Imports a calendar file: JSON (a list of {date, isOffDay, name}) or iCalendar (.ics). Without a centre
 * it sets national years; with one, that centre's local days off. Shows what was imported.
 */
export function CalendarImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t, lang } = useI18n();
  const centres = useCentres();
  const [file, setFile] = useState<File | null>(null);
  const [centreId, setCentreId] = useState<string>();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Result | null>(null);

  const close = () => {
    setFile(null);
    setResult(null);
    setError(null);
    setProgress(null);
    onClose();
  };
  const send = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const format = /\.ics$/i.test(file.name) ? 'ics' : 'json';
      const content = await file.text();
      const r = await upload(
        '/api/v1/calendar/import',
        { format, content, centreId },
        {
          encoding: 'json',
          onProgress: setProgress,
        },
      );
      setResult(r);
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal
      title={t('calendar.import')}
      open={open}
      onCancel={close}
      footer={[
        <Button key="close" onClick={close}>
          {t('action.close')}
        </Button>,
        <Button key="send" type="primary" disabled={!file} loading={progress !== null} onClick={send}>
          {t('calendar.import.submit')}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label={t('calendar.import.file')} extra={t('calendar.import.help')}>
          <Upload.Dragger
            accept=".json,.ics,application/json,text/calendar"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('upload.drop')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item label={t('org.centre')} extra={t('calendar.import.centreHelp')}>
          <Select
            allowClear
            placeholder={t('calendar.centre.national')}
            value={centreId}
            onChange={setCentreId}
            options={options(centres.data)}
          />
        </Form.Item>
      </Form>
      {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" />}
      {error ? <Alert type="error" showIcon role="alert" title={errorMessage(error, lang)} /> : null}
      {result && (
        <Alert
          type="success"
          showIcon
          title={t('calendar.import.done')}
          description={
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('calendar.import.scope')}>
                {t(`calendar.scope.${result.scope}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.years')}>
                {result.years.join(lang === 'zh' ? '、' : ', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.days')}>{result.days}</Descriptions.Item>
            </Descriptions>
          }
        />
      )}
    </Modal>
  );
}
