import { z } from '@hono/zod-openapi';
import { ROLES } from '../auth/roles.ts';

export const Staff = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    centreId: z.uuid().nullable(),
    departmentId: z.uuid().nullable(),
    officeId: z.uuid().nullable(),
    active: z.boolean(),
  })
  .openapi('Staff');
export type Staff = z.infer<typeof Staff>;

export const CreateStaff = z
  .strictObject({
    username: z
      .string()
      .regex(/^[A-Za-z0-9._-]{2,64}$/, '2–64 letters, digits, . _ - / 2–64 位字母、数字或 . _ -'),
    displayName: z.string().min(1).max(100),
    password: z.string().min(1).max(1000),
    roles: z.array(z.enum(ROLES)).min(1),
    centreId: z.uuid().nullable().default(null),
    departmentId: z.uuid().nullable().default(null),
    officeId: z.uuid().nullable().default(null),
  })
  .openapi('CreateStaff');
export type CreateStaff = z.infer<typeof CreateStaff>;

export const UpdateStaff = z
  .strictObject({
    displayName: z.string().min(1).max(100).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    active: z.boolean().optional(),
    officeId: z.uuid().nullable().optional(),
  })
  .openapi('UpdateStaff');

export const StaffIdParam = z.object({ id: z.uuid() });
export const StaffQuery = z.object({ centreId: z.uuid().optional(), departmentId: z.uuid().optional() });
