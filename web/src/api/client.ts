// The typed API client. Paths, parameters, bodies and answers are typed from openapi.gen.ts, which is
// generated from the server's zod schemas (npm run gen:api): a route or field the server does not have
// does not compile.
import { ApiError } from './errors.ts';
import type { Paths } from './openapi.gen.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  path: object;
  query: object;
  body: unknown;
  response: unknown;
}
/** The paths that have the method. */
export type PathOf<M extends Method> = {
  [P in keyof Paths]: Paths[P] extends Record<M, Operation> ? P : never;
}[keyof Paths];
export type Op<P extends keyof Paths, M extends Method> =
  Paths[P] extends Record<M, infer O extends Operation> ? O : never;
/** The success answer of a route. */
export type Answer<P extends keyof Paths, M extends Method = 'get'> = Op<P, M>['response'];
export type Body<P extends keyof Paths, M extends Method> = Op<P, M>['body'];
export type Query<P extends keyof Paths, M extends Method = 'get'> = Op<P, M>['query'];

type Field<K extends string, T> = Partial<T> extends T ? { [_ in K]?: T } : { [_ in K]: T };
export type CallOptions<O extends Operation> = Field<'path', O['path']> &
  Field<'query', Partial<O['query']>> &
  (undefined extends O['body'] ? { body?: O['body'] } : { body: O['body'] }) & {
    signal?: AbortSignal;
    /** Answer 401 to the caller instead of sending the browser to the login page. */
    keep401?: boolean;
    /** Sent as Idempotency-Key (see idempotency.ts). */
    idempotencyKey?: string;
  };
type Args<O extends Operation> =
  Partial<CallOptions<O>> extends CallOptions<O> ? [options?: CallOptions<O>] : [options: CallOptions<O>];

let csrfToken: string | null = null;
/** The session's CSRF token, sent as X-CSRF-Token on every call that changes something. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

let onUnauthorized: () => void = () => {
  const next = encodeURIComponent(location.pathname + location.search);
  location.assign(`/login?next=${next}`);
};
/** What a 401 does (the staff app sends the browser to the login page through the router). */
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

type Loose = {
  path?: object;
  query?: object;
  body?: unknown;
  signal?: AbortSignal;
  keep401?: boolean;
  idempotencyKey?: string;
  retried?: boolean;
};

/**
 * A page that never loaded the staff app (e.g. the public progress page in a tab of a logged-in clerk)
 * sends the session cookie without the CSRF token: fetch the token once and let the caller retry.
 */
async function refreshCsrf(res: Response): Promise<boolean> {
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: string } } | null;
  if (body?.error?.code !== 'csrf_token_invalid') return false;
  const me = await fetch('/api/v1/auth/me', { credentials: 'same-origin' }).catch(() => null);
  if (!me?.ok) return false;
  const { csrfToken: token } = (await me.json()) as { csrfToken: string | null };
  csrfToken = token;
  return !!token;
}

/** Fills `{id}` in the path and appends the query (undefined and empty values left out). */
export function buildUrl(path: string, params?: object, query?: object): string {
  const p = (params ?? {}) as Record<string, string | number>;
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = p[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  if (qs.size) url += `?${qs}`;
  return url;
}

const hasFile = (body: unknown) =>
  typeof body === 'object' && body !== null && Object.values(body).some((v) => v instanceof Blob);

export function toFormData(body: object): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || v === null) continue;
    if (v instanceof File) form.append(k, v, v.name);
    else form.append(k, v instanceof Blob ? v : String(v));
  }
  return form;
}

export const unsafeHeaders = (method: string): Record<string, string> =>
  method !== 'GET' && csrfToken ? { 'X-CSRF-Token': csrfToken } : {};

/** Handles a non-2xx answer: 401 leaves for the login page unless the caller keeps it. */
export async function failure(res: Response, keep401 = false): Promise<never> {
  const body = await res.json().catch(() => null);
  const err = ApiError.fromBody(res.status, body);
  if (res.status === 401 && !keep401) onUnauthorized();
  throw err;
}

async function call(method: string, path: string, options: Loose = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...unsafeHeaders(method) };
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (hasFile(options.body)) body = toFormData(options.body as object);
    else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw ApiError.network();
  }
  if (res.status === 403 && !options.retried && !csrfToken && method !== 'GET' && (await refreshCsrf(res)))
    return call(method, path, { ...options, retried: true });
  if (!res.ok) return failure(res, options.keep401 || path === '/api/v1/auth/login');
  if ((res.headers.get('content-type') ?? '').includes('application/json')) return res.json();
  return res.blob();
}

const verb =
  <M extends Method>(method: M) =>
  <P extends PathOf<M>>(path: P, ...args: Args<Op<P, M>>): Promise<Answer<P, M>> =>
    call(method.toUpperCase(), path, args[0] as Loose) as Promise<Answer<P, M>>;

export const api = {
  get: verb('get'),
  post: verb('post'),
  put: verb('put'),
  patch: verb('patch'),
  delete: verb('delete'),
};

/**
 * A route that is not in the OpenAPI document yet (another module is still building it). Replace with
 * `api.*` once `npm run gen:api` knows the route.
 */
export function untypedGet<T>(
  path: string,
  query?: Record<string, string>,
  signal?: AbortSignal,
): Promise<T> {
  return call('GET', path, { query, signal }) as Promise<T>;
}
