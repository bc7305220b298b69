import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Core } from '@strapi/strapi';
import { APP_DIR, startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, type TestMember } from '../helpers/members';

/**
 * The OpenAPI document as tools nobody here wrote read it: Redocly's CLI with
 * its recommended rules (redocly.yaml), and a JSON Schema validator checking
 * real answers of the content API against the schemas the document gives
 * them — what a client generating code from the document, or validating
 * answers with it, would do.
 */
let strapi: Core.Strapi;
let doc: any;
let member: TestMember;
const api = () => request(strapi.server.httpServer);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

beforeAll(async () => {
  strapi = await startStrapi();
  doc = (await api().get('/openapi.json').expect(200)).body;
  member = await createMember(strapi);
  const board = await createBoard(strapi, { name: 'Lint board', slug: 'lint-board' });
  await createPost(strapi, board, member, { title: 'A post the answers carry' });
  await api()
    .post('/api/comments')
    .set(bearer(member))
    .send({ data: { post: (await strapi.documents('api::post.post').findFirst({ status: 'published' }))!.documentId, body: 'A comment the answers carry' } })
    .expect(200);
}, 120000);
afterAll(stopStrapi);

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${p}`, operation })),
  );

test('Redocly CLI lints the document clean with its recommended rules (redocly.yaml)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-redocly-'));
  const file = path.join(dir, 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  let output: string;
  try {
    output = execFileSync(path.join(APP_DIR, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', path.join(APP_DIR, 'redocly.yaml'), '--format', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error: any) {
    output = String(error.stdout ?? '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const report = JSON.parse(output.slice(output.indexOf('{')));
  const problems = report.problems.map((p: any) => `${p.severity} ${p.ruleId} ${p.location?.[0]?.pointer}: ${p.message}`);
  expect(problems).toEqual([]);
});

test('every operation has a summary, an operationId and a success answer (a redirect only where the route redirects)', () => {
  const redirects = new Set(['GET /connect/{provider}', 'GET /auth/email-confirmation']);
  const missing: string[] = [];
  for (const { key, operation } of operations()) {
    if (!operation.summary) missing.push(`${key}: no summary`);
    if (!operation.operationId) missing.push(`${key}: no operationId`);
    const statuses = Object.keys(operation.responses ?? {});
    const ok = redirects.has(key) ? statuses.includes('302') : statuses.some((s) => /^2/.test(s));
    if (!ok) missing.push(`${key}: no ${redirects.has(key) ? '302' : '2xx'} answer`);
  }
  expect(missing).toEqual([]);
  expect(operations().length).toBeGreaterThan(60);
});

describe('real answers match the schemas the document gives them', () => {
  let ajv: Ajv2020;
  const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  /** The 200 answer's schema of an operation, read inside the whole document so its $refs to components resolve. */
  function validatorFor(method: string, p: string) {
    if (!doc.paths[p]?.[method]?.responses?.['200']?.content?.['application/json']?.schema) throw new Error(`${method.toUpperCase()} ${p} documents no JSON 200 answer`);
    if (!ajv) {
      ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
      addFormats(ajv);
      ajv.addSchema({ ...doc, $id: 'quanzi-openapi' });
    }
    return ajv.compile({ $ref: `quanzi-openapi#/${pointer('paths', p, method, 'responses', '200', 'content', 'application/json', 'schema')}` });
  }

  const cases: Array<[string, string, () => Promise<string>, boolean]> = [
    ['get', '/boards', async () => '/api/boards', false],
    ['get', '/boards/{id}', async () => `/api/boards/${(await strapi.documents('api::board.board').findFirst({}))!.documentId}`, false],
    ['get', '/posts', async () => '/api/posts', false],
    ['get', '/posts/{id}', async () => `/api/posts/${(await strapi.documents('api::post.post').findFirst({ status: 'published' }))!.documentId}`, false],
    ['get', '/feed', async () => '/api/feed?board=lint-board', false],
    ['get', '/posts/{documentId}/comments', async () => `/api/posts/${(await strapi.documents('api::post.post').findFirst({ status: 'published' }))!.documentId}/comments`, false],
    ['get', '/me', async () => '/api/me', true],
    ['get', '/comments', async () => '/api/comments', false],
    ['get', '/comments/{id}', async () => `/api/comments/${(await strapi.documents('api::comment.comment').findFirst({}))!.documentId}`, false],
    ['get', '/users/me', async () => '/api/users/me', true],
  ];

  test.each(cases)('%s %s', async (method, p, url, signedIn) => {
    const call = api().get(await url());
    const answer = await (signedIn ? call.set(bearer(member)) : call).expect(200);
    expect(Array.isArray(answer.body.data) ? answer.body.data.length : 1).toBeGreaterThan(0);
    const validate = validatorFor(method, p);
    const valid = validate(answer.body);
    expect(valid ? [] : validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  });
});
