import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { listCentres, listDepartments, listOffices, listRegions, listWindows } from './org.queries.ts';
import {
  Centre,
  CentreQuery,
  CreateCentre,
  CreateDepartment,
  CreateOffice,
  CreateRegion,
  CreateServiceWindow,
  Department,
  DepartmentQuery,
  Office,
  Region,
  ServiceWindow,
} from './org.schemas.ts';
import { createCentre, createDepartment, createOffice, createRegion, createWindow } from './org.service.ts';

const tags = ['organisation'];
const read = { permission: 'org.read' } as const;
const manage = { permission: 'org.manage' } as const;

type Row<T> = T & { created_at?: Date };
const region = (r: {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  path: string;
}) => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  path: r.path,
});
const centre = (
  r: Row<{
    id: string;
    code: string;
    name: string;
    region_code: string;
    time_zone: string;
    office_open: string;
    office_close: string;
  }>,
) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  regionCode: r.region_code,
  timeZone: r.time_zone,
  officeOpen: r.office_open,
  officeClose: r.office_close,
});
const department = (r: {
  id: string;
  centre_id: string;
  code: string;
  name: string;
  credit_code: string | null;
}) => ({
  id: r.id,
  centreId: r.centre_id,
  code: r.code,
  name: r.name,
  creditCode: r.credit_code,
});
const office = (r: { id: string; department_id: string; code: string; name: string }) => ({
  id: r.id,
  departmentId: r.department_id,
  code: r.code,
  name: r.name,
});
const serviceWindow = (r: {
  id: string;
  centre_id: string;
  number: string;
  name: string;
  department_id: string | null;
}) => ({
  id: r.id,
  centreId: r.centre_id,
  number: r.number,
  name: r.name,
  departmentId: r.department_id,
});

export function registerOrgRoutes(app: OpenAPIHono<AppEnv>) {
  const list = <T extends z.ZodType, Q extends z.ZodObject>(
    path: string,
    summary: string,
    schema: T,
    query: Q,
  ) =>
    defineRoute(read, {
      method: 'get',
      path,
      tags,
      summary,
      request: { query },
      responses: { 200: json(z.array(schema)), ...errorResponses },
    });
  const create = <B extends z.ZodType, T extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    schema: T,
  ) =>
    defineRoute(manage, {
      method: 'post',
      path,
      tags,
      summary,
      request: { body: jsonBody(body) },
      responses: { 201: json(schema, 'Created'), ...errorResponses },
    });

  app.openapi(list('/api/v1/org/regions', 'Regions (行政区划)', Region, z.object({})), async (c) =>
    c.json((await listRegions(c.get('deps').db)).map(region), 200),
  );
  app.openapi(list('/api/v1/org/centres', 'Service centres', Centre, z.object({})), async (c) =>
    c.json((await listCentres(c.get('deps').db)).map(centre), 200),
  );
  app.openapi(list('/api/v1/org/departments', 'Departments (进驻单位)', Department, CentreQuery), async (c) =>
    c.json((await listDepartments(c.get('deps').db, c.req.valid('query').centreId)).map(department), 200),
  );
  app.openapi(list('/api/v1/org/offices', 'Offices (处室)', Office, DepartmentQuery), async (c) =>
    c.json((await listOffices(c.get('deps').db, c.req.valid('query').departmentId)).map(office), 200),
  );
  app.openapi(list('/api/v1/org/windows', 'Windows (窗口)', ServiceWindow, CentreQuery), async (c) =>
    c.json((await listWindows(c.get('deps').db, c.req.valid('query').centreId)).map(serviceWindow), 200),
  );

  app.openapi(create('/api/v1/org/regions', 'Add a region', CreateRegion, Region), async (c) =>
    c.json(region(await createRegion(c.get('deps'), requirePrincipal(c), c.req.valid('json'))), 201),
  );
  app.openapi(create('/api/v1/org/centres', 'Add a service centre', CreateCentre, Centre), async (c) =>
    c.json(centre(await createCentre(c.get('deps'), requirePrincipal(c), c.req.valid('json'))), 201),
  );
  app.openapi(
    create('/api/v1/org/departments', 'Add a department', CreateDepartment, Department),
    async (c) =>
      c.json(
        department(await createDepartment(c.get('deps'), requirePrincipal(c), c.req.valid('json'))),
        201,
      ),
  );
  app.openapi(create('/api/v1/org/offices', 'Add an office', CreateOffice, Office), async (c) =>
    c.json(office(await createOffice(c.get('deps'), requirePrincipal(c), c.req.valid('json'))), 201),
  );
  app.openapi(create('/api/v1/org/windows', 'Add a window', CreateServiceWindow, ServiceWindow), async (c) =>
    c.json(serviceWindow(await createWindow(c.get('deps'), requirePrincipal(c), c.req.valid('json'))), 201),
  );
}
