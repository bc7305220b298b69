import fs from 'fs';
import path from 'path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { APP_DIR, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The member web app (apps/web/dist, `npm run build:web`) served by the app at
 * / with client-side routes falling back to index.html, while the API, the
 * uploads, the documentation and the admin keep their own answers.
 */
const WEB_DIST = path.join(APP_DIR, 'apps', 'web', 'dist');
let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('The member web app is not built: run "npm run build:web" (npm test does it first).');
  strapi = await startStrapi();
});
afterAll(stopStrapi);

const builtIndex = () => fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');

describe('the member web app', () => {
  it('is the page at /, never cached', async () => {
    const res = await api().get('/').set('Accept', HTML).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(builtIndex());
    expect(res.text).toContain('<div id="root">');
  });

  it('answers a reload of any of its pages with index.html', async () => {
    for (const page of ['/b/maple-street', '/p/abc123xyz', '/me', '/notifications?x=1', '/signin']) {
      const res = await api().get(page).set('Accept', HTML).expect(200);
      expect(res.text).toBe(builtIndex());
    }
  });

  it('serves its hashed scripts and styles for a year', async () => {
    const script = /src="(\/web-assets\/[^"]+\.js)"/.exec(builtIndex())?.[1];
    expect(script).toBeDefined();
    const res = await api().get(script!).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.text.length).toBeGreaterThan(1000);
  });

  it('never serves a file outside its folder, nor HTML for a missing file or a non-page request', async () => {
    const escape = await api().get('/web-assets/..%2f..%2f..%2fpackage.json');
    expect([403, 404]).toContain(escape.status);
    expect(escape.text).not.toContain('"name": "quanzi"');
    await api().get('/web-assets/missing.js').expect(404);
    await api().get('/nothing-here.js').set('Accept', HTML).expect(404);
    const json = await api().get('/some/page').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.text).not.toContain('<div id="root">');
    const post = await api().post('/some/page').set('Accept', HTML);
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.text).not.toContain('<div id="root">');
  });

  it('leaves the API, the documentation and the admin their own answers', async () => {
    const boards = await api().get('/api/boards').set('Accept', HTML).expect(200);
    expect(boards.headers['content-type']).toMatch(/json/);
    const missing = await api().get('/api/no-such-route').set('Accept', HTML);
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
    const doc = await api().get('/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const swagger = await api().get('/documentation').set('Accept', HTML).expect(200);
    expect(swagger.text).toContain('swagger');
    const admin = await api().get('/admin/no-such-page').set('Accept', HTML);
    expect(admin.text ?? '').not.toContain('<div id="root">');
    const upload = await api().get('/uploads/missing.png').set('Accept', HTML);
    expect(upload.status).toBe(404);
    expect(upload.text ?? '').not.toContain('<div id="root">');
  });
});
