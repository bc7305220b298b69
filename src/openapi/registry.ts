import type { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import * as zv4 from 'zod/v4';

/**
 * How a route documents itself: an `openapi` entry in the route's `config`,
 * written next to the route (app APIs, core routers' per-action config, the
 * hive-smt plugin's routers alike):
 *
 *   {
 *     method: 'GET', path: '/feed', handler: 'feed.find',
 *     config: { auth: false, openapi: documented({ summary: '…', access: 'optional', query: feedQuery, responses: { 200: { description: '…', schema: feedPage } } }) },
 *   }
 *
 * Schemas are zod (the app's zod 3, or zod/v4) or plain JSON Schema objects, so
 * the plugin can document its routes without importing app code. The document
 * at /openapi.json is Strapi's generated content-API document with every
 * declared operation laid over it (src/openapi/document.ts), and a test fails
 * when a content-API route is missing from it.
 */
export type SchemaLike = ZodTypeAny | zv4.ZodType | Record<string, unknown>;

export interface RouteDoc {
  summary: string;
  description?: string;
  tags?: string[];
  /** public: no token; member: a Bearer JWT is required; optional: public, and a token adds the member's own fields. */
  access: 'public' | 'member' | 'optional';
  /** An object schema whose keys are the query parameters. */
  query?: SchemaLike;
  /** Descriptions of path parameters (each `:name` in the path is documented as a string anyway). */
  params?: Record<string, string>;
  /** The JSON request body. */
  body?: SchemaLike;
  responses: Record<number, { description: string; schema?: SchemaLike }>;
  operationId?: string;
}

/** Typed identity: what a route's `config.openapi` holds. */
export const documented = (doc: RouteDoc): RouteDoc => doc;

const isZod3 = (schema: any): schema is ZodTypeAny => Boolean(schema && typeof schema === 'object' && '_def' in schema && !('_zod' in schema));
const isZod4 = (schema: any): schema is zv4.ZodType => Boolean(schema && typeof schema === 'object' && '_zod' in schema);

/** JSON Schema (the 2020-12 dialect OpenAPI 3.1 uses) of what a client sends or receives. */
export function toJsonSchema(schema: SchemaLike): Record<string, unknown> {
  let out: Record<string, unknown>;
  if (isZod3(schema)) {
    // Transforms and refinements describe the input: what the client must send.
    out = zodToJsonSchema(schema, { target: 'jsonSchema7', $refStrategy: 'none', effectStrategy: 'input' }) as Record<string, unknown>;
  } else if (isZod4(schema)) {
    out = zv4.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } else {
    out = { ...(schema as Record<string, unknown>) };
  }
  delete out.$schema;
  return out;
}

/** Query parameters from an object schema: one OpenAPI parameter per property. */
export function queryParameters(schema: SchemaLike): Array<Record<string, unknown>> {
  const json = toJsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

/** `/posts/:id` -> `/posts/{id}`, and the names of its path parameters. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

export const ERROR_SCHEMA_NAME = 'StrapiError';

/** Strapi's error body, the same for every 4xx and 5xx. */
export const errorSchema = {
  type: 'object',
  required: ['data', 'error'],
  properties: {
    data: { type: 'null' },
    error: {
      type: 'object',
      required: ['status', 'name', 'message'],
      properties: {
        status: { type: 'integer' },
        name: { type: 'string', examples: ['ValidationError', 'ForbiddenError', 'RateLimitError'] },
        message: { type: 'string', description: 'What went wrong and what to do, for a person.' },
        details: { type: 'object', description: 'ValidationError: { errors: [{ path, message, name }] }; RateLimitError: { retryAfter, … }.' },
      },
    },
  },
};

/** An OpenAPI operation from a route's declaration. */
export function buildOperation(doc: RouteDoc, method: string, path: string): Record<string, unknown> {
  const { path: oaPath, params } = openApiPath(path);
  const parameters = [
    ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, ...(doc.params?.[name] ? { description: doc.params[name] } : {}) })),
    ...(doc.query ? queryParameters(doc.query) : []),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    const isError = Number(status) >= 400;
    const schema = response.schema ? toJsonSchema(response.schema) : isError ? { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } : undefined;
    responses[status] = { description: response.description, ...(schema ? { content: { 'application/json': { schema } } } : {}) };
  }
  const security = doc.access === 'public' ? [] : doc.access === 'member' ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }];
  return {
    operationId: doc.operationId ?? `${method.toLowerCase()}${oaPath.replace(/[{}]/g, '').replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.tags ? { tags: doc.tags } : {}),
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(doc.body) } } } } : {}),
    responses,
  };
}
