import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { AppEnv } from './context.ts';

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
}

const describeIssues = (issues: readonly Issue[]) =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));

export function invalidRequest(issues: readonly Issue[], where: string): AppError {
  const details = describeIssues(issues);
  const first = details[0];
  const fieldHint = first ? ` (${first.path || where}: ${first.message})` : '';
  return new AppError(
    400,
    'invalid_request',
    `请求内容不符合要求${fieldHint}。`,
    `The request ${where} is not valid${fieldHint}.`,
    details,
  );
}

/** The validation hook of every route: the first result that fails becomes a 400 with every issue listed. */
export function validationHook(
  result: { success: true } | { success: false; error: { issues: readonly Issue[] }; target?: string },
  c: Context<AppEnv>,
) {
  if (!result.success) {
    const err = invalidRequest(result.error.issues, result.target ?? 'body');
    return c.json(err.toBody(), 400);
  }
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return invalidRequest(err.issues, 'body');
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413)
      return new AppError(413, 'payload_too_large', '提交的内容过大。', 'The request body is too large.');
    if (status === 415)
      return new AppError(
        415,
        'unsupported_media_type',
        '请求的内容类型不受支持（应为 application/json）。',
        'Unsupported content type; send application/json.',
      );
    if (status === 400 && /JSON/i.test(err.message))
      return new AppError(
        400,
        'malformed_json',
        '请求内容不是有效的 JSON。',
        'The request body is not valid JSON.',
      );
    if (status >= 400 && status < 500)
      return new AppError(status as 400, 'bad_request', '请求无效。', err.message || 'Bad request.');
  }
  return null;
}

export function onError(err: Error, c: Context<AppEnv>) {
  const known = toAppError(err);
  if (known) {
    if (known.status === 429) {
      const retry = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) c.header('Retry-After', String(retry));
    }
    return c.json(known.toBody(), known.status);
  }
  const requestId = c.get('requestId');
  c.get('deps')?.logger.error({ err, requestId }, 'unhandled error');
  return c.json(
    {
      error: {
        code: 'internal_error',
        message: `服务器内部错误，请联系管理员（编号 ${requestId}）。`,
        messageEn: `Internal error; quote ${requestId} to the administrator.`,
      },
    },
    500,
  );
}
