import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { APP_DIR, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The web app's typed client (apps/web/src/api/schema.d.ts) is what
 * openapi-typescript makes of the document the app serves at /openapi.json:
 * a route or schema changed without regenerating it fails here (and in
 * `npm run client:check`), so the frontend and the REST surface cannot drift.
 * The check runs as CI runs it, a node process (openapi-typescript is ESM inside).
 */
let strapi: Core.Strapi;
let served: any;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-client-'));

function check(document: unknown) {
  const file = path.join(dir, `document-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(document));
  return spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', 'web-client.js'), '--check', '--document', file], { encoding: 'utf8', cwd: APP_DIR });
}

beforeAll(async () => {
  strapi = await startStrapi();
  served = (await request(strapi.server.httpServer).get('/openapi.json').expect(200)).body;
});
afterAll(async () => {
  await stopStrapi();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the generated client', () => {
  it('matches the served OpenAPI document (run "npm run client:generate" after changing a route)', () => {
    const run = check(served);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails, naming the line, when a route changed', () => {
    const changed = structuredClone(served);
    changed.paths['/feed'].get.responses['200'].content['application/json'].schema.properties.meta.properties.total = { type: 'integer' };
    const run = check(changed);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/schema\.d\.ts differs from the app's OpenAPI document/);
    expect(run.stderr).toMatch(/generated: .*total\?: number/);
  });
});
