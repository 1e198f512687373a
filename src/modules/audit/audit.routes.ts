import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponses, json } from '../../shared/openapi.ts';
import { verifyActionLog } from './audit.verify.ts';

const ActionLogEntry = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorName: z.string(),
    actorRoles: z.array(z.string()),
    departmentId: z.uuid().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    payload: z.unknown(),
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .openapi('ActionLogEntry');

const LogQuery = z.object({
  actorId: z.uuid().optional(),
  actorName: z.string().max(200).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  beforeSeq: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'Page backwards from this entry.' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const VerifyResult = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    headSeq: z.number().int(),
    firstBad: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
  })
  .openapi('ActionLogVerification');

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>) {
  const tags = ['audit'];
  const access = { permission: 'audit.read' } as const;
  app.openapi(
    defineRoute(access, {
      method: 'get',
      path: '/api/v1/audit/log',
      tags,
      summary: 'Search the action log (电子监察), newest first',
      request: { query: LogQuery },
      responses: { 200: json(z.array(ActionLogEntry)), ...errorResponses },
    }),
    async (c) => {
      const f = c.req.valid('query');
      let q = c.get('deps').db.selectFrom('action_log').selectAll().orderBy('seq', 'desc').limit(f.limit);
      if (f.actorId) q = q.where('actor_id', '=', f.actorId);
      if (f.actorName) q = q.where('actor_name', '=', f.actorName);
      if (f.targetType) q = q.where('target_type', '=', f.targetType);
      if (f.targetId) q = q.where('target_id', '=', f.targetId);
      if (f.action) q = q.where('action', '=', f.action);
      if (f.from) q = q.where('at', '>=', new Date(f.from));
      if (f.to) q = q.where('at', '<', new Date(f.to));
      if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
      const rows = await q.execute();
      return c.json(
        rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          actorRoles: r.actor_roles,
          departmentId: r.department_id,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          payload: r.payload,
          ip: r.ip,
          hash: r.hash,
        })),
        200,
      );
    },
  );
  app.openapi(
    defineRoute(access, {
      method: 'get',
      path: '/api/v1/audit/verify',
      tags,
      summary: 'Verify the hash chain of the whole action log',
      responses: { 200: json(VerifyResult), ...errorResponses },
    }),
    async (c) => c.json(await verifyActionLog(c.get('deps').db), 200),
  );
}
