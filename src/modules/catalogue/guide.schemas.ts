import { z } from '@hono/zod-openapi';
import {
  AUDIENCES,
  CHANNELS,
  HANDLING_TYPES,
  ITEM_TYPE_CODES,
  keysOf,
  LIMIT_UNIT_IDS,
} from './catalogue.labels.ts';
import { ItemVersion } from './catalogue.schemas.ts';
import { ProcessStep } from './process.ts';

export const GuideQuery = z.object({
  q: z.string().max(100).optional().openapi({
    description: 'Chinese text, words, full pinyin (jianshe) or initials (jsyd); words are AND-ed.',
  }),
  centreId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  itemType: z.enum(ITEM_TYPE_CODES).optional(),
  theme: z.string().max(50).optional(),
  audience: z.enum(keysOf(AUDIENCES)).optional(),
  channel: z.enum(keysOf(CHANNELS)).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type GuideQuery = z.infer<typeof GuideQuery>;

const LimitOut = z.object({ value: z.number(), unit: z.enum(LIMIT_UNIT_IDS) });

export const GuideItemSummary = z
  .object({
    itemId: z.uuid(),
    versionId: z.uuid(),
    centreId: z.uuid(),
    implementationCode: z.string(),
    name: z.string(),
    itemType: z.enum(ITEM_TYPE_CODES),
    department: z.object({ id: z.uuid(), name: z.string() }),
    handlingType: z.enum(keysOf(HANDLING_TYPES)),
    statutoryLimit: LimitOut,
    promisedLimit: LimitOut,
    audiences: z.array(z.enum(keysOf(AUDIENCES))),
    themes: z.array(z.string()),
    channels: z.array(z.enum(keysOf(CHANNELS))),
  })
  .openapi('GuideItemSummary');
export type GuideItemSummary = z.infer<typeof GuideItemSummary>;

export const GuidePage = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(GuideItemSummary),
  })
  .openapi('GuidePage');

export const Flow = z
  .object({
    nodes: z.array(
      ProcessStep.extend({
        column: z.number().int(),
        row: z.number().int(),
        fork: z.boolean().openapi({ description: 'Parallel branches start after this step.' }),
        join: z.boolean().openapi({ description: 'This step waits for all parallel branches.' }),
      }),
    ),
    edges: z.array(z.object({ from: z.string(), to: z.string(), parallel: z.boolean() })),
    columns: z.number().int(),
  })
  .openapi('ProcessFlow');

export const PublicFile = z.object({
  id: z.uuid(),
  filename: z.string(),
  size: z.number().int(),
  url: z.string(),
});

/** 办事指南: everything the public may know about an item ("二十二公开"). */
export const GuideItemDetail = ItemVersion.extend({
  flow: Flow,
  files: z.record(z.string(), PublicFile).openapi({ description: 'Blank forms and samples by file id.' }),
  labels: z.record(z.string(), z.string()).openapi({ description: 'Chinese labels of the codes used.' }),
}).openapi('GuideItemDetail');
export type GuideItemDetail = z.infer<typeof GuideItemDetail>;

export const ItemIdParam = z.object({ id: z.uuid() });
