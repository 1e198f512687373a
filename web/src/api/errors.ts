import { getLanguage, type Language } from '../i18n/language.ts';
import type { Schemas } from './openapi.gen.ts';

type ErrorBody = Schemas['Error'];

/**
 * An error answer of the API, `{error:{code,message,messageEn,details}}`, or a failure to reach it.
 * `message` is in the language current when it happened; `messageIn(lang)` words it in any language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(getLanguage() === 'zh' ? messageZh : messageEn);
    this.name = 'ApiError';
  }

  messageIn(lang: Language): string {
    return lang === 'zh' ? this.messageZh : this.messageEn;
  }

  /** A route the server does not have (yet): the server's own 404 for unknown addresses. */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.code === 'not_found' && this.messageEn.startsWith('No route for');
  }

  static network(): ApiError {
    return new ApiError(
      0,
      'network_error',
      '无法连接服务器，请检查网络后重试。',
      'Cannot reach the server; check the network and try again.',
    );
  }

  static fromBody(status: number, body: unknown): ApiError {
    const e = (body as Partial<ErrorBody> | null)?.error;
    if (e && typeof e.message === 'string')
      return new ApiError(status, e.code ?? 'error', e.message, e.messageEn ?? e.message, e.details);
    return new ApiError(
      status,
      'http_error',
      `服务器返回了错误（HTTP ${status}），请稍后重试。`,
      `The server answered with an error (HTTP ${status}); try again later.`,
    );
  }
}

/** Any thrown value as a message in the given language. */
export function errorMessage(err: unknown, lang: Language): string {
  if (err instanceof ApiError) return err.messageIn(lang);
  if (err instanceof Error) return err.message;
  return String(err);
}
