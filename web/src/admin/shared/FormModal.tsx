import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, errorMessage } from '../../api/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';

interface Props<T> {
  title: string;
  open: boolean;
  onClose: () => void;
  /** Sends the form; resolves on success. A thrown error is shown and the form keeps what was typed. */
  onSubmit: (values: T) => Promise<unknown>;
  successText?: string;
  okText?: string;
  initialValues?: Partial<T>;
  children: ReactNode;
  form?: FormInstance<T>;
  width?: number;
}

/** The server's field problems (400 invalid_request details) placed under the fields they concern. */
function fieldErrors(err: unknown): { name: string; errors: string[] }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as { path?: string; message?: string }[])
    .filter((d) => d.path && d.message)
    .map((d) => ({ name: String(d.path).split('.')[0]!, errors: [String(d.message)] }));
}

/** A create/edit form in a dialog: validation, a busy state, plain-language errors, values kept. */
export function FormModal<T extends object>({
  title,
  open,
  onClose,
  onSubmit,
  successText,
  okText,
  initialValues,
  children,
  form: given,
  width = 560,
}: Props<T>) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [own] = Form.useForm<T>();
  const form = given ?? own;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is missing
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      message.success(successText ?? t('state.saved'));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e);
      const known = new Set(Object.keys(form.getFieldsValue(true) as object));
      form.setFields(fieldErrors(e).filter((f) => known.has(f.name)) as never);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={okText ?? t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      width={width}
      forceRender
      mask={{ closable: false }}
    >
      {error ? (
        <Alert type="error" showIcon className="block-gap" title={errorMessage(error, lang)} role="alert" />
      ) : null}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} requiredMark onFinish={submit}>
        {children}
      </Form>
    </Modal>
  );
}
