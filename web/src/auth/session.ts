// The logged-in user for this page load, kept outside React so that the login page can hand it to the
// staff app without a second request, and so that the API client has the CSRF token.
import { api, setCsrfToken } from '../api/client.ts';
import type { Schema } from '../api/types.ts';

export type Me = Schema<'Me'>;

let current: Me | null = null;

export function setMe(me: Me | null) {
  current = me;
  setCsrfToken(me?.csrfToken ?? null);
}

export const cachedMe = () => current;

/** Asks who is logged in; a 401 is the caller's to handle (AuthProvider sends the browser to log in). */
export async function loadMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get('/api/v1/auth/me', { signal, keep401: true });
  setMe(me);
  return me;
}

let prefetched: Promise<Me> | null = null;

/** Starts asking who is logged in while the staff app's code is still downloading. */
export function prefetchMe() {
  if (current || prefetched) return;
  prefetched = loadMe();
  prefetched.catch(() => undefined);
}

/** The prefetched answer, once. */
export function takePrefetchedMe(): Promise<Me> | null {
  const p = prefetched;
  prefetched = null;
  return p;
}

export async function login(username: string, password: string): Promise<Me> {
  const { me } = await api.post('/api/v1/auth/login', { body: { username, password } });
  setMe(me);
  return me;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout', { keep401: true });
  } finally {
    setMe(null);
  }
}
