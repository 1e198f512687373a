import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json } from '../../shared/openapi.ts';
import { inbox, markRead } from './notifications.service.ts';

const tags = ['notifications'];
const self = { permission: 'notifications.self' } as const;

const Notification = z
  .object({
    id: z.uuid(),
    kind: z.string().openapi({ example: 'supervision.notice' }),
    title: z.string(),
    body: z.string(),
    payload: z.unknown(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');
const Inbox = z.object({ unread: z.number().int(), items: z.array(Notification) }).openapi('Inbox');
const InboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional(),
});
const Marked = z.object({ marked: z.number().int() });

export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(self, {
      method: 'get',
      path: '/api/v1/notifications',
      tags,
      summary: 'My in-app messages (reminders, supervision notices, meeting lists), newest first',
      request: { query: InboxQuery },
      responses: { 200: json(Inbox), ...errorResponses },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const q = c.req.valid('query');
      const r = await inbox(c.get('deps').db, p.staffId, {
        unread: q.unread,
        limit: q.limit,
        before: q.before ? new Date(q.before) : undefined,
      });
      return c.json(
        {
          unread: r.unread,
          items: r.items.map((n) => ({
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            payload: n.payload,
            createdAt: n.created_at.toISOString(),
            readAt: n.read_at?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'post',
      path: '/api/v1/notifications/{id}/read',
      tags,
      summary: 'Mark one of my messages read',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: json(Marked), ...errorResponses, 404: errorResponse('No such message of mine') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const n = await markRead(
        deps.db,
        requirePrincipal(c).staffId,
        c.req.valid('param').id,
        deps.time.now(),
      );
      return c.json({ marked: n }, 200);
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'post',
      path: '/api/v1/notifications/read-all',
      tags,
      summary: 'Mark all my messages read',
      responses: { 200: json(Marked), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      return c.json(
        { marked: await markRead(deps.db, requirePrincipal(c).staffId, 'all', deps.time.now()) },
        200,
      );
    },
  );
}
