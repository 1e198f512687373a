import { z } from '@hono/zod-openapi';
import { ProcessDefinition } from '../../core/process/definition.ts';
import {
  AUDIENCES,
  CHANNELS,
  HANDLING_TYPES,
  ITEM_TYPE_CODES,
  keysOf,
  LIMIT_UNIT_IDS,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  VERSION_STATUSES,
} from './catalogue.labels.ts';
import { ItemProcess } from './process.ts';

const text = (max: number) => z.string().trim().max(max).default('');
const list = <T extends z.ZodType>(max: number, item: T) => z.array(item).max(max).default([]);

export const Limit = z
  .strictObject({
    value: z.number().min(0).max(3650),
    unit: z.enum(LIMIT_UNIT_IDS),
    note: text(500),
  })
  .openapi('TimeLimit');
export type Limit = z.infer<typeof Limit>;

export const MaterialInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    situations: list(20, z.string().trim().min(1).max(50)),
    issuer: text(200),
    originals: z.number().int().min(0).max(99).default(1),
    copies: z.number().int().min(0).max(99).default(0),
    required: z.boolean().default(true),
    deferrable: z.boolean().default(false),
    form: z.enum(keysOf(MATERIAL_FORMS)).default('paper'),
    source: z.enum(keysOf(MATERIAL_SOURCES)).default('applicant'),
    blankFormFileId: z.uuid().nullable().default(null),
    sampleFileId: z.uuid().nullable().default(null),
    fillNotes: text(2000),
    acceptanceStandard: text(2000),
  })
  .openapi('MaterialInput');
export type MaterialInput = z.infer<typeof MaterialInput>;

export const Fee = z
  .strictObject({
    charged: z.boolean().default(false),
    standard: text(2000),
    basis: text(2000),
    waiver: text(2000),
  })
  .openapi('Fee');

export const Faq = z.strictObject({
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().min(1).max(4000),
});

/** Everything a version says about its item: GB/T 39046 table 4 and the materials. */
export const ItemContent = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    itemType: z.enum(ITEM_TYPE_CODES),
    exerciseLevel: z.number().int().min(1).max(6),
    departmentId: z.uuid(),
    legalBasis: text(8000),
    statutoryLimit: Limit,
    promisedLimit: Limit,
    handlingType: z.enum(keysOf(HANDLING_TYPES)),
    conditions: text(8000),
    procedureText: text(8000),
    isJoint: z.boolean().default(false),
    leadDepartmentId: z.uuid().nullable().default(null),
    jointAgencies: list(30, z.string().trim().min(1).max(200)),
    intermediaryServices: text(2000),
    quantityLimit: text(1000),
    resultName: text(200),
    resultSampleFileId: z.uuid().nullable().default(null),
    fee: Fee.default({ charged: false, standard: '', basis: '', waiver: '' }),
    audiences: list(10, z.enum(keysOf(AUDIENCES))),
    themes: list(20, z.string().trim().min(1).max(50)),
    channels: list(4, z.enum(keysOf(CHANNELS))),
    appointment: z.boolean().default(false),
    onlinePayment: z.boolean().default(false),
    expressDelivery: z.boolean().default(false),
    place: text(500),
    hours: text(500),
    consultPhone: text(100),
    supervisionPhone: text(100),
    faqs: z.array(Faq).max(50).default([]),
    visits: z.number().int().min(0).max(9).default(1),
    processDefinition: ItemProcess.nullable().default(null),
    materials: z.array(MaterialInput).max(200).default([]),
  })
  .openapi('ItemContent');
export type ItemContent = z.infer<typeof ItemContent>;
export type ItemContentInput = z.input<typeof ItemContent>;

export const CreateItem = ItemContent.extend({
  centreId: z.uuid(),
  basicCode: z.string().regex(/^[0-9A-Za-z]+$/, 'letters and digits / 字母和数字'),
  implementationCode: z.string().regex(/^[0-9A-Za-z]+$/, 'letters and digits / 字母和数字'),
}).openapi('CreateItem');
export type CreateItem = z.infer<typeof CreateItem>;

const Ref = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
const LimitOut = z.object({ value: z.number(), unit: z.enum(LIMIT_UNIT_IDS), note: z.string() });

export const Material = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    name: z.string(),
    situations: z.array(z.string()),
    issuer: z.string(),
    originals: z.number().int(),
    copies: z.number().int(),
    required: z.boolean(),
    deferrable: z.boolean(),
    form: z.enum(keysOf(MATERIAL_FORMS)),
    source: z.enum(keysOf(MATERIAL_SOURCES)),
    blankFormFileId: z.uuid().nullable(),
    sampleFileId: z.uuid().nullable(),
    fillNotes: z.string(),
    acceptanceStandard: z.string(),
  })
  .openapi('Material');
export type Material = z.infer<typeof Material>;

/** One version of an item, as the window, the engine and the guide read it. */
export const ItemVersion = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    centreId: z.uuid(),
    basicCode: z.string(),
    implementationCode: z.string(),
    version: z.number().int(),
    status: z.enum(keysOf(VERSION_STATUSES)),
    isCurrent: z.boolean().openapi({ description: 'The version new cases are filed under.' }),
    department: Ref.extend({ creditCode: z.string().nullable() }),
    leadDepartment: Ref.nullable(),
    statutoryLimit: LimitOut,
    promisedLimit: LimitOut,
    processDefinition: ProcessDefinition,
    materials: z.array(Material),
    contentHash: z.string(),
    createdAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .extend(
    ItemContent.omit({
      statutoryLimit: true,
      promisedLimit: true,
      processDefinition: true,
      materials: true,
      departmentId: true,
      leadDepartmentId: true,
    }).shape,
  )
  .openapi('ItemVersion');
export type ItemVersion = z.infer<typeof ItemVersion>;

export const VersionSummary = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    status: z.enum(keysOf(VERSION_STATUSES)),
    name: z.string(),
    contentHash: z.string(),
    createdAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
  })
  .openapi('VersionSummary');
export type VersionSummary = z.infer<typeof VersionSummary>;

export const AdminItem = z
  .object({
    id: z.uuid(),
    centreId: z.uuid(),
    basicCode: z.string(),
    implementationCode: z.string(),
    name: z.string(),
    currentVersionId: z.uuid().nullable(),
    draftVersionId: z.uuid().nullable(),
    latestVersion: z.number().int(),
  })
  .openapi('CatalogueItem');
export type AdminItem = z.infer<typeof AdminItem>;

export const IdParam = z.object({ id: z.uuid() });
export const AdminItemQuery = z.object({
  centreId: z.uuid().optional(),
  status: z.enum(['draft', 'published', 'withdrawn']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
