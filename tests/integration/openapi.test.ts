import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let doc: any;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
  doc = (await api().get('/openapi.json').expect(200).expect('Content-Type', /application\/json/)).body;
});
afterAll(stopStrapi);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every content-API route the running server answers: (method, OpenAPI path relative to /api). */
function registeredContentApiRoutes(): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  for (const layer of strapi.server.listRoutes() as any[]) {
    const path: string = layer.path;
    if (typeof path !== 'string' || !path.startsWith('/api/')) continue;
    for (const method of (layer.methods as string[]).map((m) => m.toLowerCase())) {
      if (!METHODS.includes(method)) continue; // HEAD mirrors GET
      out.push({ method, path: path.slice('/api'.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}') });
    }
  }
  return out;
}

/** Route sources whose operations must say what they answer (app APIs and the hive-smt plugin, not Strapi's own plugins). */
const OURS = /^\/(boards|posts|comments|feed|featured|me|reports|auth\/wechat|hive-smt)\b|^\/(boards|posts)\/\{[^}]+\}\/(like|comments|leaderboard)|^\/me\//;

describe('GET /openapi.json', () => {
  it('is one public OpenAPI 3 document for the content API under /api', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Quanzi REST API');
    expect(doc.servers).toEqual([{ url: '/api', description: 'This server' }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every content-API route the server answers (no route is left out)', () => {
    const routes = registeredContentApiRoutes();
    expect(routes.length).toBeGreaterThan(30);
    // A path parameter's name is the document's to choose (two of Strapi's role routes name it differently; a regular expression becomes {provider}).
    const shape = (path: string) => path.replace(/\{[^}]+\}|\(\.\*\)/g, '{}');
    const documented = new Map<string, Record<string, unknown>>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) documented.set(shape(path), { ...documented.get(shape(path)), ...item });
    const missing = routes.filter(({ method, path }) => !documented.get(shape(path))?.[method]).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('documents a success response with a schema for every route of the app and the hive-smt plugin', () => {
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      if (!OURS.test(path)) continue;
      for (const [method, operation] of Object.entries(item)) {
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
        const ok = success.some(([status, response]: [string, any]) => status === '204' || response.content?.['application/json']?.schema);
        if (!ok) undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('declares the path parameters of every operation (a typed client fills them in)', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        const declared = new Set((operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name));
        for (const name of names) if (!declared.has(name)) missing.push(`${method.toUpperCase()} ${path}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("wraps the bodies of the routes that read Strapi's { data } in it", () => {
    const bodyOf = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;
    expect(bodyOf('/me', 'put')).toMatchObject({ required: ['data'], properties: { data: { properties: { displayName: expect.any(Object) } } } });
    expect(bodyOf('/posts/{documentId}/comments', 'post')).toMatchObject({ required: ['data'], properties: { data: { required: ['body'] } } });
  });

  it('describes the feed: query parameters, public with an optional token, the item shape', () => {
    const feed = doc.paths['/feed'].get;
    expect(feed.parameters.map((p: any) => p.name).sort()).toEqual(['board', 'cursor', 'featuredFirst', 'kind', 'limit']);
    expect(feed.parameters.find((p: any) => p.name === 'kind').schema.enum).toEqual(['news', 'sale', 'service', 'event', 'request']);
    expect(feed.parameters.find((p: any) => p.name === 'board').required).toBe(true);
    expect(feed.parameters.find((p: any) => p.name === 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 20 });
    expect(feed.security).toEqual([{}, { bearerAuth: [] }]);
    const item = feed.responses['200'].content['application/json'].schema.properties.data.items;
    expect(Object.keys(item.properties)).toEqual(
      expect.arrayContaining(['documentId', 'title', 'excerpt', 'coverThumbnailUrl', 'author', 'board', 'likeCount', 'commentCount', 'likedByMe', 'chain']),
    );
    expect(Object.keys(item.properties)).toEqual(expect.arrayContaining(['kind', 'sale', 'service', 'event', 'request']));
    expect(item.required).toContain('kind');
    expect(item.required).not.toContain('likedByMe');
    expect(doc.paths['/featured'].get.responses['200']).toBeDefined();
    expect(feed.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StrapiError' });
  });

  it('describes writes with the validators members\' input goes through', () => {
    const create = doc.paths['/posts'].post;
    const data = create.requestBody.content['application/json'].schema.properties.data;
    expect(data.required).toEqual(expect.arrayContaining(['title', 'body', 'board']));
    expect(data.properties.event.properties.startsAt).toMatchObject({ type: 'string' });
    expect(data.properties.kind.enum).toEqual(['news', 'sale', 'service', 'event', 'request']);
    expect(data.additionalProperties).toBe(false);
    expect(create.responses['429']).toBeDefined();
    expect(doc.paths['/posts/{id}'].get.responses['200'].content['application/json'].schema.properties.data.properties).toHaveProperty('bodyHtml');
    expect(doc.paths['/reports'].post.requestBody.content['application/json'].schema.properties.data.properties.reason.enum).toEqual(['spam', 'abuse', 'off-topic', 'other']);
    expect(doc.paths['/auth/wechat'].post.requestBody.content['application/json'].schema.required).toEqual(['code']);
    expect(Object.keys(doc.paths['/auth/wechat'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '429', '502', '503']));
    expect(doc.paths['/me/posts'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/comments'].post.requestBody).toBeDefined();
  });
});

describe('Swagger UI', () => {
  it('serves the page and its assets under /documentation, loading /openapi.json', async () => {
    const page = await api().get('/documentation').expect(200).expect('Content-Type', /text\/html/);
    expect(page.text).toContain('id="swagger-ui"');
    expect(page.text).toContain('/documentation/swagger-ui-bundle.js');
    const init = await api().get('/documentation/init.js').expect(200);
    expect(init.text).toContain("url: '/openapi.json'");
    await api().get('/documentation/swagger-ui-bundle.js').expect(200).expect('Content-Type', /javascript/);
    await api().get('/documentation/swagger-ui.css').expect(200).expect('Content-Type', /css/);
    await api().get('/documentation/package.json').expect(404);
    await api().get('/documentation/..%2Fpackage.json').expect(404);
  });
});
