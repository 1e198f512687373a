import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { badRequest, forbidden, notFound } from '../../shared/errors.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { changeWithLog } from '../audit/change.ts';
import { canManageCentre } from '../org/org.policy.ts';
import { isPermission, rolesAllow } from './permissions.ts';
import { actorOf, isSystemAdmin, type Principal } from './principal.ts';
import { newSecret, sha256 } from './tokens.ts';

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    staffId: z.uuid(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiToken');
export const CreateApiToken = z
  .strictObject({
    name: z.string().min(1).max(200),
    staffId: z.uuid().openapi({ description: 'The account the token acts as (a service account).' }),
    scopes: z.array(z.string()).min(1).openapi({ description: 'Permissions the token may use.' }),
    expiresAt: z.iso.datetime().nullable().default(null),
  })
  .openapi('CreateApiToken');
const CreatedApiToken = ApiToken.extend({
  token: z.string().openapi({ description: 'Shown once; store it now.' }),
});

type Row = {
  id: string;
  name: string;
  staff_id: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
};
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toApiToken = (r: Row) => ({
  id: r.id,
  name: r.name,
  staffId: r.staff_id,
  scopes: r.scopes,
  createdAt: r.created_at.toISOString(),
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
});
const columns = [
  'id',
  'name',
  'staff_id',
  'scopes',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
] as const;

async function managedStaff(deps: AppDeps, p: Principal, staffId: string) {
  const staff = await deps.db
    .selectFrom('staff')
    .select(['id', 'roles', 'centre_id'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!staff) throw notFound('Staff member', '工作人员');
  if (!isSystemAdmin(p) && !(staff.centre_id && canManageCentre(p, staff.centre_id))) throw forbidden();
  return staff;
}

export async function createApiToken(deps: AppDeps, p: Principal, input: z.infer<typeof CreateApiToken>) {
  const staff = await managedStaff(deps, p, input.staffId);
  for (const s of input.scopes) {
    if (!isPermission(s) || !rolesAllow(staff.roles, s))
      throw badRequest(
        'bad_scope',
        `权限范围 ${s} 无效或超出该账号的角色。`,
        `Scope ${s} is unknown or beyond the account's roles.`,
      );
  }
  const token = newSecret('ow_');
  const row = await changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      trx
        .insertInto('api_tokens')
        .values({
          name: input.name,
          token_hash: sha256(token),
          staff_id: staff.id,
          scopes: input.scopes,
          created_by: p.staffId,
          created_at: now,
          expires_at: input.expiresAt ? new Date(input.expiresAt) : null,
        })
        .returning(columns)
        .executeTakeFirstOrThrow(),
    (r) => ({
      action: 'token.created',
      targetType: 'api_token',
      targetId: r.id,
      payload: { name: r.name, staffId: r.staff_id, scopes: r.scopes },
    }),
  );
  return { ...toApiToken(row), token };
}

export function registerTokenRoutes(app: OpenAPIHono<AppEnv>) {
  const tags = ['auth'];
  const access = { permission: 'tokens.manage' } as const;
  app.openapi(
    defineRoute(access, {
      method: 'get',
      path: '/api/v1/tokens',
      tags,
      summary: 'API tokens I may manage',
      responses: { 200: json(z.array(ApiToken)), ...errorResponses },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      let q = c
        .get('deps')
        .db.selectFrom('api_tokens')
        .innerJoin('staff', 'staff.id', 'api_tokens.staff_id')
        .select(columns.map((k) => `api_tokens.${k}` as const))
        .orderBy('api_tokens.created_at');
      if (!isSystemAdmin(p)) q = q.where('staff.centre_id', '=', p.centreId);
      return c.json((await q.execute()).map(toApiToken), 200);
    },
  );
  app.openapi(
    defineRoute(access, {
      method: 'post',
      path: '/api/v1/tokens',
      tags,
      summary: 'Create an API token for an external system (the secret is shown once)',
      request: { body: jsonBody(CreateApiToken) },
      responses: { 201: json(CreatedApiToken, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createApiToken(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );
  app.openapi(
    defineRoute(access, {
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      tags,
      summary: 'Revoke an API token',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: json(ApiToken), ...errorResponses, 404: errorResponse('No such token') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const p = requirePrincipal(c);
      const { id } = c.req.valid('param');
      const existing = await deps.db
        .selectFrom('api_tokens')
        .select(['staff_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!existing) throw notFound('Token', '令牌');
      await managedStaff(deps, p, existing.staff_id);
      const row = await changeWithLog(
        deps,
        actorOf(p),
        (trx, now) =>
          trx
            .updateTable('api_tokens')
            .set({ revoked_at: now })
            .where('id', '=', id)
            .returning(columns)
            .executeTakeFirstOrThrow(),
        () => ({ action: 'token.revoked', targetType: 'api_token', targetId: id }),
      );
      return c.json(toApiToken(row), 200);
    },
  );
}
