import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { setUnauthorizedHandler } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { type Auth, AuthContext } from './AuthContext.ts';
import { cachedMe, loadMe, logout, type Me, setMe, takePrefetchedMe } from './session.ts';

/**
 * Resolves the logged-in user before any staff page renders. Any 401 (here or later, e.g. the session
 * expired) sends the browser to the login page, coming back to the same address afterwards.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [me, setMeState] = useState<Me | null>(cachedMe());

  const toLogin = useCallback(() => {
    setMe(null);
    if (window.location.pathname.startsWith('/login')) return;
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    navigate(`/login?next=${next}`, { replace: true });
  }, [navigate]);
  useEffect(() => setUnauthorizedHandler(toLogin), [toLogin]);

  const loaded = useQuery(async (signal) => {
    if (me) return true;
    try {
      setMeState(await (takePrefetchedMe() ?? loadMe(signal)));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && !signal.aborted) toLogin();
      throw e;
    }
    return true;
  }, []);

  const auth = useMemo<Auth | null>(
    () =>
      me && {
        me,
        can: (permission) => me.permissions.includes(permission),
        logout: async () => {
          await logout().catch(() => undefined);
          setMeState(null);
          navigate('/login', { replace: true });
        },
      },
    [me, navigate],
  );

  if (auth) return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
  if (loaded.error)
    return (
      <div className="ow-page-loading">
        <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  return <PageLoading />;
}
