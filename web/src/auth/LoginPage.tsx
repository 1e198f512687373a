import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/errors.ts';
import { AntdProvider } from '../components/AntdProvider.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { login } from './session.ts';

interface Credentials {
  username: string;
  password: string;
}

/** Staff login. A failed attempt keeps the username and says why in plain words. */
export default function LoginPage() {
  return (
    <AntdProvider>
      <Login />
    </AntdProvider>
  );
}

function Login() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('login.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = params.get('next');
  const target = next?.startsWith('/staff') ? next : '/staff';

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(target, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <div className="login-brand">
        <img src="/favicon.svg" alt="" width={44} height={44} />
        <div>
          <strong>{t('app.name')}</strong>
          <span>{t('login.system')}</span>
        </div>
      </div>
      <Card className="login-card" title={t('login.title')} extra={<LanguageSwitch />}>
        <Form<Credentials>
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          disabled={busy}
          size="large"
        >
          {error ? (
            <Alert
              type="error"
              showIcon
              className="login-error"
              title={errorMessage(error, lang)}
              role="alert"
            />
          ) : null}
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.username.required') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.password.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Link to="/" className="login-back">
        {t('login.toGuide')}
      </Link>
    </div>
  );
}
