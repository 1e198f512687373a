// Turns an OpenAPI 3.1 document (as the server's zod schemas produce it) into TypeScript types: the
// component schemas, and for every path and method its path parameters, query, body and success answer.
// Pure: the document in, the source text out.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  description?: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  summary?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/**
 * `output`: what the server sends (a field with a default is always present).
 * `input`: what a client sends (a field with a default may be left out).
 */
type Mode = 'input' | 'output';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const key = (name: string) => (IDENT.test(name) ? name : JSON.stringify(name));
const literal = (v: unknown) => JSON.stringify(v);
const comment = (text: string | undefined, indent: string) =>
  text ? `${indent}/** ${text.replace(/\*\//g, '* /').replace(/\s*\n\s*/g, ' ')} */\n` : '';
const union = (parts: string[]) => {
  const unique = [...new Set(parts)];
  return unique.length ? unique.join(' | ') : 'never';
};

export function schemaToTs(schema: JsonSchema | undefined, mode: Mode, indent = ''): string {
  if (!schema) return 'unknown';
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return `${mode === 'input' ? 'Inputs' : 'Schemas'}[${literal(name)}]`;
  }
  if (schema.allOf) return schema.allOf.map((s) => wrap(schemaToTs(s, mode, indent))).join(' & ');
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return union(alternatives.map((s) => schemaToTs(s, mode, indent)));
  if (schema.const !== undefined) return literal(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (schema.enum) {
    const values = schema.enum.map(literal);
    return union(types.includes('null') && !schema.enum.includes(null) ? [...values, 'null'] : values);
  }
  if (!types.length) return schema.properties ? objectToTs(schema, mode, indent) : 'unknown';
  return union(types.map((t) => typeToTs(t, schema, mode, indent)));
}

const wrap = (ts: string) => (ts.includes(' | ') ? `(${ts})` : ts);

function typeToTs(type: string, schema: JsonSchema, mode: Mode, indent: string): string {
  switch (type) {
    case 'string':
      return schema.format === 'binary' ? 'Blob' : 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${schemaToTs(schema.items, mode, indent)}>`;
    case 'object':
      return objectToTs(schema, mode, indent);
    default:
      return 'unknown';
  }
}

function objectToTs(schema: JsonSchema, mode: Mode, indent: string): string {
  const props = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties;
  const index =
    extra && extra !== true
      ? `Record<string, ${schemaToTs(extra, mode, indent)}>`
      : 'Record<string, unknown>';
  if (!props.length) return extra ? index : 'Record<string, never>';
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const lines = props.map(([name, prop]) => {
    const present = required.has(name) || (mode === 'output' && prop.default !== undefined);
    return `${comment(prop.description, inner)}${inner}${key(name)}${present ? '' : '?'}: ${schemaToTs(prop, mode, inner)};`;
  });
  const body = `{\n${lines.join('\n')}\n${indent}}`;
  return extra ? `${body} & ${index}` : body;
}

function parametersToTs(params: Parameter[], where: 'path' | 'query', indent: string): string {
  const list = params.filter((p) => p.in === where);
  if (!list.length) return 'Record<never, never>';
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(
      list.map((p) => [p.name, { ...p.schema, description: p.description ?? p.schema?.description }]),
    ),
    required: list.filter((p) => p.required || where === 'path').map((p) => p.name),
  };
  return objectToTs(schema, 'input', indent);
}

function bodyToTs(op: Operation, indent: string): string {
  const content = op.requestBody?.content;
  if (!content) return 'undefined';
  const [, media] = Object.entries(content)[0] ?? [];
  const ts = schemaToTs(media?.schema, 'input', indent);
  return op.requestBody?.required ? ts : `${wrap(ts)} | undefined`;
}

function responseToTs(op: Operation, indent: string): string {
  const success = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  if (!success) return 'unknown';
  const content = success[1].content;
  if (!content) return 'undefined';
  const json = content['application/json'];
  return json ? schemaToTs(json.schema, 'output', indent) : 'Blob';
}

/** The whole generated module. */
export function openApiToTs(doc: OpenApiDocument, header: string): string {
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const block = (mode: Mode) =>
    schemas
      .map(([name, s]) => `${comment(s.description, '  ')}  ${key(name)}: ${schemaToTs(s, mode, '  ')};`)
      .join('\n');
  const paths = Object.entries(doc.paths).map(([path, item]) => {
    const ops = METHODS.filter((m) => item[m]).map((m) => {
      const op = item[m]!;
      const i = '      ';
      return [
        `${comment(op.summary, '    ')}    ${m}: {`,
        `${i}path: ${parametersToTs(op.parameters ?? [], 'path', i)};`,
        `${i}query: ${parametersToTs(op.parameters ?? [], 'query', i)};`,
        `${i}body: ${bodyToTs(op, i)};`,
        `${i}response: ${responseToTs(op, i)};`,
        '    };',
      ].join('\n');
    });
    return `  ${literal(path)}: {\n${ops.join('\n')}\n  };`;
  });
  return [
    header,
    '',
    '/** Component schemas as the server sends them. */',
    `export interface Schemas {\n${block('output')}\n}`,
    '',
    '/** Component schemas as a client may send them (fields with defaults are optional). */',
    `export interface Inputs {\n${block('input')}\n}`,
    '',
    '/** Every route: path parameters, query, body and the success answer. */',
    `export interface Paths {\n${paths.join('\n')}\n}`,
    '',
  ].join('\n');
}
