import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { pngPicture } from '../helpers/pictures';
import { postDetailSchema } from '../../src/openapi/schemas';

let strapi: Core.Strapi;
const DETAIL_CACHE_BYTES = 256 * 1024;
let board: any;
let alice: TestMember;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  // No chain worker: its job writes would empty the detail cache between the reads the cache tests compare.
  // A small byte budget for the detail cache, so a test can fill it.
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false', FEED_CACHE_MAX_BYTES: String(DETAIL_CACHE_BYTES) });
  board = await createBoard(strapi);
  alice = await createMember(strapi);
});
afterAll(stopStrapi);

// First in the file: the early path learns its headers from the first cache hit the stack answers.
it('sends a repeated anonymous read from the HTTP server itself, with the headers the stack gave the same read', async () => {
  const post = await createPost(strapi, board, alice, { title: 'Answered before Koa' });
  const path = `/api/posts/${post.documentId}`;
  // Koa's middleware array is read as requests run through it: a first entry sees every request Koa handles.
  const koaStack = (strapi.server.app as any).middleware as unknown[];
  const reachedKoa: string[] = [];
  const countKoa = async (ctx: any, next: () => Promise<void>) => {
    reachedKoa.push(ctx.url);
    await next();
  };
  koaStack.unshift(countKoa);
  const replayed = (res: request.Response) => {
    const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
    return rest;
  };
  try {
    const computed = await api().get(path).expect(200);
    const viaStack = await api().get(path).expect(200);
    const early = await api().get(path).expect(200);
    expect(computed.headers['x-quanzi-cache']).toBeUndefined();
    expect(viaStack.headers['x-quanzi-cache']).toBe('hit');
    expect(reachedKoa).toEqual([path, path]);
    expect(early.text).toBe(viaStack.text);
    expect(replayed(early)).toEqual(replayed(viaStack));
    expect(early.headers['content-security-policy']).toBeDefined();
    expect(early.headers['x-powered-by']).toBeDefined();
    // A member's token and a cross-origin reader's Origin are the stack's to answer.
    await api().get(path).set(bearer(alice)).expect(200);
    const crossOrigin = await api().get(path).set('Origin', 'https://school.example').expect(200);
    expect(crossOrigin.headers['access-control-allow-origin']).toBeDefined();
    expect(reachedKoa).toEqual([path, path, path, path]);
  } finally {
    koaStack.splice(koaStack.indexOf(countKoa), 1);
  }
});

it('returns the markdown body and its sanitized HTML, with the chain status', async () => {
  const post = await createPost(strapi, board, alice, { body: '# Title\n\nSome **bold** and a [link](https://example.com/a).' });
  const res = await api().get(`/api/posts/${post.documentId}`).expect(200);
  expect(() => postDetailSchema.parse(res.body)).not.toThrow();
  expect(res.body.data.body).toBe('# Title\n\nSome **bold** and a [link](https://example.com/a).');
  expect(res.body.data.bodyHtml).toContain('<h1>Title</h1>');
  expect(res.body.data.bodyHtml).toContain('<strong>bold</strong>');
  expect(res.body.data.bodyHtml).toContain('<a href="https://example.com/a" rel="noopener nofollow ugc">link</a>');
  expect(res.body.data).toHaveProperty('chain');
});

it('takes the chain status from the hive-smt mirror service, as readers may see it', async () => {
  const post = await createPost(strapi, board, alice);
  const registry = strapi.get('services') as any;
  const original = registry.get('plugin::hive-smt.mirror');
  const chain = { status: 'failed', author: 'riverside-photo', permlink: 'p', txId: null, blockNum: null, url: null, nextAttemptAt: '2030-01-01T00:00:00.000Z' };
  const detail = 'request to https://alice:s3cret@node.example failed; set HIVE_APP_POSTING_KEY';
  const publicError = { code: 'needs-admin', message: 'It could not be published on Hive.' };
  try {
    registry.set('plugin::hive-smt.mirror', { publicChainStatuses: async (ids: string[]) => ({ [ids[0]]: { ...chain, error: publicError } }) });
    const res = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(res.body.data.chain).toEqual({ ...chain, error: publicError });
    // The admins' form of the status (the detailed error) is there too: readers are given only the public one.
    registry.set('plugin::hive-smt.mirror', {
      chainStatuses: async (ids: string[]) => ({ [ids[0]]: { ...chain, error: detail } }),
      publicChainStatuses: async (ids: string[]) => ({ [ids[0]]: { ...chain, error: null } }),
    });
    strapi.service('api::feed.feed').invalidate();
    const plain = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(plain.body.data.chain).toEqual({ ...chain, error: null });
    expect(JSON.stringify(plain.body)).not.toContain('s3cret');
  } finally {
    registry.set('plugin::hive-smt.mirror', original);
  }
});

it('omits bodyHtml when the body was not asked for', async () => {
  const post = await createPost(strapi, board, alice);
  const res = await api().get(`/api/posts/${post.documentId}?fields[0]=title`).expect(200);
  expect(res.body.data.title).toBeTruthy();
  expect(res.body.data).not.toHaveProperty('bodyHtml');
});

it('keeps drafts out of the detail route', async () => {
  const draft = await createPost(strapi, board, alice, {}, 'draft');
  await api().get(`/api/posts/${draft.documentId}`).expect(404);
});

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<body onload=alert(1)>',
  '[x](vbscript:msgbox(1))',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<form action="https://evil.example"><input name=a></form>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '[x](//evil.example/path)',
  '<object data="javascript:alert(1)"></object>',
  '<style>body{display:none}</style>',
  '``<script>`` <scr<script>ipt>alert(1)</script>',
];

it.each(XSS)('renders %s inert', async (payload) => {
  const post = await createPost(strapi, board, alice, { body: `Before\n\n${payload}\n\nAfter` });
  const res = await api().get(`/api/posts/${post.documentId}`).expect(200);
  const html: string = res.body.data.bodyHtml;
  // No live markup: no script/iframe/object/form/style/svg element, no event handler, no script URL in an attribute.
  expect(html).not.toMatch(/<\s*(script|iframe|object|embed|form|input|style|svg|math|body)\b/i);
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  // (Escaped text such as &lt;a href="javascript:…"&gt; is inert: only real tags are checked.)
  expect(html).not.toMatch(/<[^>]*\b(href|src|action|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
  expect(html).not.toMatch(/<[^>]*\b(href|src)\s*=\s*["']?\/\//i);
  expect(html).toContain('Before');
  expect(html).toContain('After');
});

describe('the anonymous detail cache', () => {
  it('serves repeated reads from memory and shows an edit in the next read', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Cached title' });
    await api().get(`/api/posts/${post.documentId}`).expect(200);
    // A change behind Strapi's back (raw SQL, no invalidation) is not seen: the answer comes from the cache.
    await strapi.db.connection('posts').where({ document_id: post.documentId }).update({ title: 'Changed behind the cache' });
    const cached = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(cached.body.data.title).toBe('Cached title');
    // An edit through Strapi empties it: the next read is fresh.
    await strapi.documents('api::post.post').update({ documentId: post.documentId, data: { title: 'Edited title' } as any, status: 'published' });
    const fresh = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(fresh.body.data.title).toBe('Edited title');
  });

  it('shows a guest what changed beside a cached page: the author\'s avatar and Hive account, the cover\'s text', async () => {
    const carol = await createMember(strapi);
    const cover = (await api().post('/api/me/uploads').set(bearer(carol)).attach('files', await pngPicture(640, 480), 'trays.png').expect(200)).body.data;
    const id = (await api().post('/api/posts').set(bearer(carol)).send({ data: { title: 'Seed swap', body: 'Bring seeds', board: board.slug, cover: cover.id } }).expect(200)).body.data.documentId;
    const first = await api().get(`/api/posts/${id}`).expect(200);
    expect(first.body.data.author).toMatchObject({ avatarUrl: null, hiveAccount: null });
    expect(first.body.data.cover.alternativeText).toBeNull();
    // The page is now answered from the cache: what follows must make it forget.
    expect((await api().get(`/api/posts/${id}`).expect(200)).headers['x-quanzi-cache']).toBe('hit');

    const picture = (await api().post('/api/me/uploads').set(bearer(carol)).attach('files', await pngPicture(300, 300), 'me.png').expect(200)).body.data;
    await api().put('/api/me').set(bearer(carol)).send({ data: { avatar: picture.id } }).expect(200);
    expect((await api().get(`/api/posts/${id}`).expect(200)).body.data.author.avatarUrl).toBe(picture.formats.thumbnail.url);

    await strapi.db.query('plugin::hive-smt.account-link' as any).create({ data: { userId: carol.id, account: 'carol-garden', verifiedAt: Date.now() } });
    expect((await api().get(`/api/posts/${id}`).expect(200)).body.data.author.hiveAccount).toBe('carol-garden');

    await strapi.db.query('plugin::upload.file').update({ where: { id: cover.id }, data: { alternativeText: 'Seedlings in trays' } });
    expect((await api().get(`/api/posts/${id}`).expect(200)).body.data.cover.alternativeText).toBe('Seedlings in trays');
  });

  it('answers members from the database, not from the anonymous cache', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Member view' });
    await api().get(`/api/posts/${post.documentId}`).expect(200);
    await strapi.db.connection('posts').where({ document_id: post.documentId }).update({ title: 'Seen by members' });
    const res = await api().get(`/api/posts/${post.documentId}`).set({ Authorization: `Bearer ${alice.jwt}` }).expect(200);
    expect(res.body.data.title).toBe('Seen by members');
  });

  it('answers a repeated anonymous read before routing, with the same body, per query string', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Fast path' });
    const first = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(first.headers['x-quanzi-cache']).toBeUndefined();
    const second = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(second.headers['x-quanzi-cache']).toBe('hit');
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.body).toEqual(first.body);
    // Another query string is another answer: computed by the route, then cached on its own.
    const titleOnly = await api().get(`/api/posts/${post.documentId}?fields[0]=title`).expect(200);
    expect(titleOnly.headers['x-quanzi-cache']).toBeUndefined();
    expect(titleOnly.body.data.body).toBeUndefined();
    // A reader with a token always takes the route, so the token is checked.
    await api().get(`/api/posts/${post.documentId}`).set({ Authorization: 'Bearer not-a-token' }).expect(401);
  });

  it('stops answering from the cache the moment the Public role may no longer read posts', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Public for now' });
    await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect((await api().get(`/api/posts/${post.documentId}`).expect(200)).headers['x-quanzi-cache']).toBe('hit');
    const permissions = strapi.db.query('plugin::users-permissions.permission' as any);
    const publicRole = await strapi.db.query('plugin::users-permissions.role' as any).findOne({ where: { type: 'public' } });
    const grant = await permissions.findOne({ where: { action: 'api::post.post.findOne', role: publicRole.id } });
    expect(grant).not.toBeNull();
    await permissions.delete({ where: { id: grant.id } });
    try {
      await api().get(`/api/posts/${post.documentId}`).expect(403);
    } finally {
      await permissions.create({ data: { action: 'api::post.post.findOne', role: publicRole.id } });
    }
    await api().get(`/api/posts/${post.documentId}`).expect(200);
  });

  it('keys on the query as it means, not as it is spelled', async () => {
    const post = await createPost(strapi, board, alice, { title: 'One key' });
    const path = `/api/posts/${post.documentId}`;
    const first = await api().get(`${path}?fields[0]=title&populate[board][fields][0]=name`).expect(200);
    expect(first.headers['x-quanzi-cache']).toBeUndefined();
    for (const spelling of ['populate[board][fields][0]=name&fields[0]=title', 'fields%5B0%5D=title&populate%5Bboard%5D%5Bfields%5D%5B0%5D=name']) {
      const again = await api().get(`${path}?${spelling}`).expect(200);
      expect(again.headers['x-quanzi-cache']).toBe('hit');
      expect(again.body).toEqual(first.body);
    }
  });

  it('holds no more than its byte budget, however many query strings a crawler tries', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Crawled', body: 'x'.repeat(20000) });
    const stats = () => strapi.service('api::feed.feed').cacheStats().details;
    // ~80 kB of JSON per answer (body and bodyHtml, two bytes a character): a dozen do not fit in 256 kB.
    for (let i = 0; i < 12; i++) await api().get(`/api/posts/${post.documentId}?cachebuster=${i}`).expect(200);
    expect(stats().bytes).toBeLessThanOrEqual(DETAIL_CACHE_BYTES);
    expect(stats().size).toBeLessThan(12);
    // The most recent answers are the ones kept.
    expect((await api().get(`/api/posts/${post.documentId}?cachebuster=11`)).headers['x-quanzi-cache']).toBe('hit');
    expect((await api().get(`/api/posts/${post.documentId}?cachebuster=0`)).headers['x-quanzi-cache']).toBeUndefined();
  });

  it('caches a 404 no longer than the next write', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Soon visible' }, 'draft');
    await api().get(`/api/posts/${post.documentId}`).expect(404);
    await strapi.documents('api::post.post').publish({ documentId: post.documentId });
    await api().get(`/api/posts/${post.documentId}`).expect(200);
  });
});
