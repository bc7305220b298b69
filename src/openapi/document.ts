import type { Core } from '@strapi/strapi';
import { generate } from '@strapi/openapi';
import { conformGeneratedAnswers } from './answer-schemas';
import { GENERATED_PATH_RENAMES, GENERATED_SUCCESS, GENERATED_SUMMARIES } from './generated-operations';
import { buildOperation, ERROR_SCHEMA_NAME, errorSchema, openApiPath, type RouteDoc } from './registry';

/** A content-API route as registered, its path relative to the REST prefix (/api). */
export interface ContentApiRoute {
  method: string;
  path: string;
  source: string;
  config?: { openapi?: RouteDoc; [key: string]: unknown };
}

const isRouter = (value: any): value is { type?: string; prefix?: string; routes: any[] } => Boolean(value && Array.isArray(value.routes));

/** Every content-API route of the app's APIs and of every plugin, with the prefix each is served under. */
export function contentApiRoutes(strapi: Core.Strapi): ContentApiRoute[] {
  const out: ContentApiRoute[] = [];
  for (const [apiName, api] of Object.entries(strapi.apis as Record<string, any>)) {
    for (const router of Object.values(api.routes ?? {})) {
      if (!isRouter(router)) continue;
      for (const route of router.routes) {
        out.push({ method: route.method, path: `${router.prefix ?? ''}${route.path}`, config: route.config, source: `api::${apiName}` });
      }
    }
  }
  for (const [pluginName, plugin] of Object.entries(strapi.plugins as Record<string, any>)) {
    const routers = Array.isArray(plugin.routes) ? [] : Object.values(plugin.routes ?? {});
    for (const router of routers) {
      if (!isRouter(router) || router.type !== 'content-api') continue;
      for (const route of router.routes) {
        const hasOwnPrefix = route.config != null && Object.prototype.hasOwnProperty.call(route.config, 'prefix');
        const prefix = hasOwnPrefix ? (route.config.prefix ?? '') : (router.prefix ?? `/${pluginName}`);
        out.push({ method: route.method, path: `${prefix}${route.path}`, config: route.config, source: `plugin::${pluginName}` });
      }
    }
  }
  return out;
}

const DESCRIPTION = [
  'REST for Quanzi frontends (mini programs, web). Every path below is under `/api`.',
  '',
  'Responses are `{ data, meta }`; errors are `{ data: null, error: { status, name, message, details } }`.',
  'Members authenticate with `Authorization: Bearer <jwt>` from `POST /api/auth/local` (email or username and password) or `POST /api/auth/wechat` (mini-program login).',
  'Sessions (the default, `MEMBER_SESSIONS=refresh`): a login answers `{ jwt, refreshToken, user }`; the `jwt` is an access token that lives 10 minutes (`MEMBER_ACCESS_TOKEN_SECONDS`). On a 401, `POST /api/auth/refresh { refreshToken }` answers a new `jwt` and a new `refreshToken` (the old one stops working); when that fails too, log in again. `POST /api/auth/logout { refreshToken }` ends this session, `{ scope: "all" }` every session of the member; `GET /api/auth/sessions` lists them. A `deviceId` sent with `POST /api/auth/wechat` names the device: its next login replaces that session.',
  'Write routes are rate-limited per member and per IP: a 429 carries a `Retry-After` header and `error.details.retryAfter` (seconds).',
].join('\n');

/** The declared operation's path parameters, then Strapi's generated ones that are not path parameters already named. */
function mergeParameters(declared: any[] | undefined, generated: any[] | undefined): any[] | undefined {
  const own = (declared ?? []).filter((p) => p.in === 'path');
  const named = new Set(own.map((p) => p.name));
  const merged = [...own, ...(generated ?? declared ?? []).filter((p) => !(p.in === 'path' && named.has(p.name)))];
  return merged.length ? merged : undefined;
}

/** The generator's paths as clients call them (generated-operations.ts), their operations merged where two become one. */
function renameGeneratedPaths(paths: Record<string, Record<string, any>>) {
  for (const [from, { path, parameters = {} }] of Object.entries(GENERATED_PATH_RENAMES)) {
    const item = paths[from];
    if (!item) continue;
    delete paths[from];
    for (const operation of Object.values(item)) {
      for (const parameter of (operation?.parameters ?? []) as any[]) if (parameter.in === 'path' && parameters[parameter.name]) parameter.name = parameters[parameter.name];
    }
    paths[path] = { ...paths[path], ...item };
  }
}

/** Summaries and success answers for the operations Strapi describes without them. */
function completeGeneratedOperations(paths: Record<string, Record<string, any>>) {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object') continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (!operation.summary && GENERATED_SUMMARIES[key]) operation.summary = GENERATED_SUMMARIES[key];
      const responses = (operation.responses ??= {});
      if (!Object.keys(responses).some((status) => /^[23]/.test(status)) && GENERATED_SUCCESS[key]) Object.assign(responses, GENERATED_SUCCESS[key]);
    }
  }
}

/**
 * The one OpenAPI document: Strapi's generated description of the content API
 * (boards, posts, comments, users-permissions, upload, …) with every operation
 * a route declares in `config.openapi` laid over it.
 */
export function buildOpenApiDocument(strapi: Core.Strapi): Record<string, any> {
  let document: Record<string, any>;
  try {
    document = generate(strapi, { type: 'content-api' }).document as Record<string, any>;
  } catch (error) {
    // Strapi's generator is marked experimental: the declared operations must still be served.
    strapi.log.warn(`OpenAPI: Strapi's content-API generator failed (${(error as Error).message}); serving the declared operations only.`);
    document = { openapi: '3.1.0', paths: {}, components: { schemas: {}, securitySchemes: {} } };
  }

  document.info = {
    title: 'Quanzi REST API',
    version: String(strapi.config.get('info.version', '0.0.0')),
    description: DESCRIPTION,
    license: { name: 'MIT', identifier: 'MIT' },
  };
  document.servers = [{ url: '/api', description: 'This server' }];
  document.components ??= {};
  document.components.schemas = { ...(document.components.schemas ?? {}), [ERROR_SCHEMA_NAME]: errorSchema };
  document.components.securitySchemes = {
    ...(document.components.securitySchemes ?? {}),
    bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A member access token (jwt) from POST /api/auth/local, POST /api/auth/wechat or POST /api/auth/refresh.' },
  };
  document.paths ??= {};
  renameGeneratedPaths(document.paths);
  conformGeneratedAnswers(strapi, document);

  for (const route of contentApiRoutes(strapi)) {
    const declared = route.config?.openapi;
    if (!declared) continue;
    const method = route.method.toLowerCase();
    const { path } = openApiPath(route.path);
    const generated = document.paths[path]?.[method] ?? {};
    const operation = buildOperation(declared, method, route.path);
    document.paths[path] = {
      ...document.paths[path],
      [method]: {
        ...generated,
        ...operation,
        // Without a declared query, keep the query Strapi documented (fields, populate, filters…), and always the route's path parameters.
        parameters: declared.query ? operation.parameters : mergeParameters(operation.parameters as any[] | undefined, generated.parameters),
        responses: { ...(generated.responses ?? {}), ...(operation.responses as object) },
      },
    };
  }

  completeGeneratedOperations(document.paths);
  // Every error response has Strapi's error body.
  for (const item of Object.values(document.paths as Record<string, Record<string, any>>)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries((operation?.responses ?? {}) as Record<string, any>)) {
        if (Number(status) >= 400 && !response.content) {
          response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } };
        }
      }
    }
  }
  // Every `{name}` of a path is a declared path parameter (Strapi's generator leaves some out), so typed clients can fill it in.
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (!names.length) continue;
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object') continue;
      const parameters: any[] = (operation.parameters ??= []);
      for (const name of names) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name)) parameters.unshift({ name, in: 'path', required: true, schema: { type: 'string' } });
      }
    }
  }
  return document;
}
