import { z } from '@hono/zod-openapi';

export const LoginRequest = z
  .strictObject({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
  })
  .openapi('LoginRequest');
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    centreId: z.uuid().nullable(),
    departmentId: z.uuid().nullable(),
    officeId: z.uuid().nullable(),
    permissions: z.array(z.string()),
    csrfToken: z
      .string()
      .nullable()
      .openapi({ description: 'Send as X-CSRF-Token on every browser call that changes something.' }),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ me: Me, expiresAt: z.iso.datetime() }).openapi('LoginResponse');

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().min(1).max(1000) })
  .openapi('ChangePasswordRequest');

export const Ok = z.object({ ok: z.literal(true) }).openapi('Ok');
