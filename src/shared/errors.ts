import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error meant for the person at the other end: a stable code, a Chinese message for clerks and the
 * public, an English one for integrators, and optional details (e.g. the fields that are wrong).
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
  }

  toBody() {
    return {
      error: { code: this.code, message: this.messageZh, messageEn: this.messageEn, details: this.details },
    };
  }
}

export const badRequest = (code: string, zh: string, en: string, details?: unknown) =>
  new AppError(400, code, zh, en, details);
export const unauthorized = () =>
  new AppError(401, 'unauthenticated', '请先登录。', 'Authentication is required.');
export const forbidden = (zh = '您没有执行此操作的权限。', en = 'You are not allowed to do this.') =>
  new AppError(403, 'forbidden', zh, en);
export const notFound = (what: string, whatZh: string) =>
  new AppError(404, 'not_found', `${whatZh}不存在。`, `${what} not found.`);
export const conflict = (code: string, zh: string, en: string, details?: unknown) =>
  new AppError(409, code, zh, en, details);
export const unprocessable = (code: string, zh: string, en: string, details?: unknown) =>
  new AppError(422, code, zh, en, details);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'too_many_requests',
    '尝试次数过多，请稍后再试。',
    'Too many attempts; try again later.',
    {
      retryAfterSeconds,
    },
  );
