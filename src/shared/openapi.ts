import { z } from '@hono/zod-openapi';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ description: 'Chinese message for clerks and the public.' }),
      messageEn: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

/** The error answers every authenticated route can give. */
export const errorResponses = {
  400: err('Invalid request'),
  401: err('Not logged in'),
  403: err('Not allowed'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export { err as errorResponse };
