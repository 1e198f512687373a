import { z } from '@hono/zod-openapi';
import { isValidCreditCode } from '../../shared/identifiers.ts';

const code = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - and _ only / 仅限字母、数字、- 和 _');

export const Region = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.number().int(),
    parentCode: z.string().nullable(),
    path: z.string(),
  })
  .openapi('Region');
export const CreateRegion = z
  .strictObject({
    code: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, '6, 9 or 12 digits (行政区划代码)'),
    name: z.string().min(1).max(100),
    level: z.number().int().min(1).max(6),
    parentCode: z.string().nullable(),
  })
  .openapi('CreateRegion');

export const Centre = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    regionCode: z.string(),
    timeZone: z.string(),
    officeOpen: z.string(),
    officeClose: z.string(),
  })
  .openapi('Centre');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const CreateCentre = z
  .strictObject({
    code: z.string().regex(/^[A-Za-z0-9]{1,12}$/, '1–12 letters or digits / 1–12 位字母或数字'),
    name: z.string().min(1).max(200),
    regionCode: z.string().min(1),
    timeZone: z.string().default('Asia/Shanghai'),
    officeOpen: hhmm.default('08:30'),
    officeClose: hhmm.default('17:30'),
  })
  .openapi('CreateCentre');

export const Department = z
  .object({
    id: z.uuid(),
    centreId: z.uuid(),
    code: z.string(),
    name: z.string(),
    creditCode: z.string().nullable(),
  })
  .openapi('Department');
export const CreateDepartment = z
  .strictObject({
    centreId: z.uuid(),
    code,
    name: z.string().min(1).max(200),
    creditCode: z
      .string()
      .refine(isValidCreditCode, '统一社会信用代码无效 / invalid unified social credit code')
      .nullable()
      .default(null),
  })
  .openapi('CreateDepartment');

export const Office = z
  .object({ id: z.uuid(), departmentId: z.uuid(), code: z.string(), name: z.string() })
  .openapi('Office');
export const CreateOffice = z
  .strictObject({ departmentId: z.uuid(), code, name: z.string().min(1).max(200) })
  .openapi('CreateOffice');

export const ServiceWindow = z
  .object({
    id: z.uuid(),
    centreId: z.uuid(),
    number: z.string(),
    name: z.string(),
    departmentId: z.uuid().nullable(),
  })
  .openapi('ServiceWindow');
export const CreateServiceWindow = z
  .strictObject({
    centreId: z.uuid(),
    number: z.string().min(1).max(20),
    name: z.string().min(1).max(200),
    departmentId: z.uuid().nullable().default(null),
  })
  .openapi('CreateServiceWindow');

export const CentreQuery = z.object({ centreId: z.uuid().optional() });
export const DepartmentQuery = z.object({ departmentId: z.uuid().optional() });
