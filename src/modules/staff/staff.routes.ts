import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { CreateStaff, Staff, StaffIdParam, StaffQuery, UpdateStaff } from './staff.schemas.ts';
import { createStaff, listStaff, updateStaff } from './staff.service.ts';

const tags = ['staff'];

export function registerStaffRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(
      { permission: 'staff.read' },
      {
        method: 'get',
        path: '/api/v1/staff',
        tags,
        summary: 'Staff of my centre (all centres for a system administrator)',
        request: { query: StaffQuery },
        responses: { 200: json(z.array(Staff)), ...errorResponses },
      },
    ),
    async (c) => c.json(await listStaff(c.get('deps'), requirePrincipal(c), c.req.valid('query')), 200),
  );
  app.openapi(
    defineRoute(
      { permission: 'staff.manage' },
      {
        method: 'post',
        path: '/api/v1/staff',
        tags,
        summary: 'Create a staff account',
        request: { body: jsonBody(CreateStaff) },
        responses: { 201: json(Staff, 'Created'), ...errorResponses, 409: errorResponse('Username taken') },
      },
    ),
    async (c) => c.json(await createStaff(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );
  app.openapi(
    defineRoute(
      { permission: 'staff.manage' },
      {
        method: 'patch',
        path: '/api/v1/staff/{id}',
        tags,
        summary: 'Change roles, office, name, or deactivate',
        request: { params: StaffIdParam, body: jsonBody(UpdateStaff) },
        responses: { 200: json(Staff), ...errorResponses, 404: errorResponse('No such staff member') },
      },
    ),
    async (c) =>
      c.json(
        await updateStaff(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
}
