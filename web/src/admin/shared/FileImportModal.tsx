import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Progress, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';

interface Props<R> {
  title: string;
  submitText: string;
  open: boolean;
  onClose: () => void;
  /** Which files the picker offers (the server checks again). */
  accept: string;
  /** The file field's label. */
  label?: ReactNode;
  /** Under the drop zone: what the file must hold. */
  help?: ReactNode;
  /** Inside the drop zone, under "drop a file here". */
  hint?: ReactNode;
  width?: number;
  /** Sends the file, reporting upload progress (0…1); resolves with what the server answered. */
  send: (file: File, onProgress: (fraction: number) => void) => Promise<R>;
  /** Turns a refusal that carries a report (e.g. a 422 listing bad rows) into a result to show. */
  rejected?: (error: unknown) => R | null;
  /** After a successful import (not after a rejection): refresh what the page shows. */
  onImported: () => void;
  /** What was imported or rejected. */
  result: (r: R) => ReactNode;
  /** More fields of the import (scope, options), under the drop zone. */
  children?: ReactNode;
}

/**
 * An import dialog: pick or drop one file, send it with a progress bar, show the server's answer — the
 * report of what was imported, or of every problem — or its error in plain language. Closing forgets the
 * file; a failed send keeps it and the options, so the clerk can fix and resend.
 */
export function FileImportModal<R>({
  title,
  submitText,
  open,
  onClose,
  accept,
  label,
  help,
  hint,
  width,
  send,
  rejected,
  onImported,
  result,
  children,
}: Props<R>) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [answer, setAnswer] = useState<{ value: R } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const clear = () => {
    setAnswer(null);
    setError(null);
  };
  const close = () => {
    setFile(null);
    clear();
    setProgress(null);
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    clear();
    setProgress(0);
    try {
      setAnswer({ value: await send(file, setProgress) });
      onImported();
    } catch (e) {
      const report = rejected?.(e) ?? null;
      if (report !== null) setAnswer({ value: report });
      else setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={close}
      width={width}
      footer={[
        <Button key="close" onClick={close}>
          {t('action.close')}
        </Button>,
        <Button key="send" type="primary" disabled={!file} loading={progress !== null} onClick={submit}>
          {submitText}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        <Form.Item label={label} extra={help}>
          <Upload.Dragger
            accept={accept}
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              clear();
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('upload.drop')}</p>
            {hint ? <p className="ant-upload-hint">{hint}</p> : null}
          </Upload.Dragger>
        </Form.Item>
        {children}
      </Form>
      {progress !== null && (
        <Progress percent={Math.round(progress * 100)} size="small" status="active" className="block-gap" />
      )}
      {error ? (
        <Alert type="error" showIcon role="alert" className="block-gap" title={errorMessage(error, lang)} />
      ) : null}
      {answer && result(answer.value)}
    </Modal>
  );
}
