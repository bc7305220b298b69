import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { adminAuth } from '../helpers/admins';
import { buildLeakWorld, HOSTILE_QUERIES, marksIn, MARK, ORACLE_QUERIES, OWNER_DRAFT_MARKS, privateKeysIn, type LeakWorld } from '../helpers/leak-world';

/**
 * The security sweep: every route the server answers is in the permission
 * matrix below (a new route fails this test until someone decides who may call
 * it), each actor gets what the matrix says, and hostile input to every public
 * and member route gets a 4xx — never a 5xx.
 */
type Access = 'public' | 'member' | 'nobody' | 'admin' | 'static';

const API_MATRIX: Record<string, Access> = {
  'GET /api/boards': 'public',
  'GET /api/boards/:id': 'public',
  'GET /api/boards/:slug/leaderboard': 'public',
  'GET /api/boards/:slug/merchants': 'public',
  'GET /api/posts': 'public',
  'GET /api/posts/:id': 'public',
  'GET /api/posts/:documentId/rewards': 'public',
  'GET /api/comments': 'public',
  'GET /api/comments/:id': 'public',
  'GET /api/feed': 'public',
  'GET /api/featured': 'public',
  'POST /api/auth/local': 'public',
  'POST /api/auth/local/register': 'public',
  'POST /api/auth/wechat': 'public',
  'POST /api/auth/forgot-password': 'public',
  'POST /api/auth/reset-password': 'public',
  'POST /api/auth/send-email-confirmation': 'public',
  'GET /api/auth/email-confirmation': 'public',
  'POST /api/auth/refresh': 'public',
  'GET /api/connect/(.*)': 'public',
  'GET /api/auth/:provider/callback': 'public',
  'POST /api/posts': 'member',
  'PUT /api/posts/:id': 'member',
  'DELETE /api/posts/:id': 'member',
  'POST /api/posts/:documentId/like': 'member',
  'DELETE /api/posts/:documentId/like': 'member',
  'POST /api/posts/:documentId/downvote': 'member',
  'DELETE /api/posts/:documentId/downvote': 'member',
  'POST /api/posts/:documentId/rsvp': 'member',
  'DELETE /api/posts/:documentId/rsvp': 'member',
  'GET /api/posts/:documentId/checkin-code': 'member',
  'POST /api/posts/:documentId/checkin': 'member',
  'POST /api/comments': 'member',
  'PUT /api/comments/:id': 'member',
  'DELETE /api/comments/:id': 'member',
  'POST /api/reports': 'member',
  'POST /api/merchants/:documentId/payment-requests': 'member',
  'GET /api/merchants/:documentId/statement': 'member',
  'POST /api/payments': 'member',
  'GET /api/payments/:documentId': 'member',
  'POST /api/payments/:documentId/confirm': 'member',
  'POST /api/payments/:documentId/refund': 'member',
  'POST /api/merchants/:documentId/redemptions': 'member',
  'GET /api/merchants/:documentId/redemptions': 'member',
  'POST /api/redemptions/:documentId/confirm': 'member',
  'GET /api/me/posts': 'member',
  'GET /api/me': 'member',
  'PUT /api/me': 'member',
  'POST /api/me/uploads': 'member',
  'GET /api/me/notifications': 'member',
  'POST /api/me/notifications/read': 'member',
  'GET /api/posts/:documentId/comments': 'public',
  'POST /api/posts/:documentId/comments': 'member',
  'GET /api/search': 'public',
  // WeChat's message push: WeChat alone, by its signature (members and anonymous callers are refused).
  'GET /api/wechat/push': 'nobody',
  'POST /api/wechat/push': 'nobody',
  'GET /api/me/rewards': 'member',
  'POST /api/me/hive-account/challenge': 'member',
  'POST /api/me/hive-account': 'member',
  'DELETE /api/me/hive-account': 'member',
  'GET /api/users/me': 'member',
  'POST /api/auth/change-password': 'member',
  'GET /api/auth/sessions': 'member',
  'DELETE /api/auth/sessions/:sessionId': 'member',
  'POST /api/auth/logout': 'member',
  // Boards are set up by admins in the dashboard; member lists and accounts are not for members to browse.
  'POST /api/boards': 'nobody',
  'PUT /api/boards/:id': 'nobody',
  'DELETE /api/boards/:id': 'nobody',
  'GET /api/users': 'nobody',
  'GET /api/users/:id': 'nobody',
  'GET /api/users/count': 'nobody',
  'POST /api/users': 'nobody',
  'PUT /api/users/:id': 'nobody',
  'DELETE /api/users/:id': 'nobody',
  'POST /api/email': 'nobody',
  // Schema introspection and role management are admin matters, closed on the content API.
  'GET /api/content-type-builder/components': 'nobody',
  'GET /api/content-type-builder/components/:uid': 'nobody',
  'GET /api/content-type-builder/content-types': 'nobody',
  'GET /api/content-type-builder/content-types/:uid': 'nobody',
  'GET /api/users-permissions/permissions': 'nobody',
  'GET /api/users-permissions/roles': 'nobody',
  'GET /api/users-permissions/roles/:id': 'nobody',
  'POST /api/users-permissions/roles': 'nobody',
  'PUT /api/users-permissions/roles/:role': 'nobody',
  'DELETE /api/users-permissions/roles/:role': 'nobody',
};

/** Routes outside /api that anyone may reach: the admin panel's own sign-in, docs, health. */
const PUBLIC_OUTSIDE_API = [
  /^GET \/$/,
  /^\w+ \/_health$/,
  /^GET \/openapi\.json$/,
  /^GET \/documentation/,
  /^GET \/favicon\.ico$/,
  // Strapi's preview script is a static file for the admin's preview pane.
  /^GET \/content-manager\/preview\/script$/,
  /^GET \/uploads\/\(\.\*\)$/,
  /^(GET|POST) \/admin\/(init|login|register-admin|registration-info|forgot-password|reset-password|project-type|renew-token|access-token|logout|guided-tour-meta|project-settings|providers|connect|transfer|information|telemetry-properties|license-limit-information|homepage|ai-usage|ai-token|ai-feature-config|users\/me|\(\.\*\))/,
  /^(GET|POST) \/admin(\/.*)?\/(\(\.\*\)|\*)/,
  /^GET \/admin$/,
  /^GET \/i18n\/iso-locales$/,
  /^(GET|POST|PUT|DELETE) \/api\/i18n\/locales$/,
  /^(GET|POST|PUT|DELETE) \/api\/upload/,
];

let strapi: Core.Strapi;
let owner: TestMember;
let other: TestMember;
let post: any;
let comment: any;
let world: LeakWorld;
const api = () => request(strapi.server.httpServer);

function allRoutes(): string[] {
  const layers = (strapi.server as any).listRoutes();
  const set = new Set<string>();
  for (const layer of layers) for (const method of layer.methods) if (method !== 'HEAD') set.add(`${method} ${layer.path}`);
  return [...set].sort();
}

/** The matrix entries this server answers (a deployment may leave a plugin's routes out). */
function served(): Array<[string, Access]> {
  const routes = new Set(allRoutes());
  return Object.entries(API_MATRIX).filter(([route]) => routes.has(route));
}

function concrete(route: string, overrides: Record<string, string> = {}) {
  const [method, path] = route.split(' ');
  const filled = path
    .replace(':documentId', overrides.documentId ?? post.documentId)
    .replace(':slug', overrides.slug ?? 'sweep-board')
    .replace(':sessionId', 'nope')
    .replace(':uid', 'api::post.post')
    .replace(':role', '1')
    .replace(':provider', 'github')
    .replace('(.*)', 'github')
    .replace(':id', overrides.id ?? (path.startsWith('/api/comments') ? comment.documentId : path.startsWith('/api/boards') ? 'sweep-board' : post.documentId));
  return { method: method.toLowerCase(), path: filled };
}

function send(route: string, token?: string, body?: unknown, overrides?: Record<string, string>) {
  const { method, path } = concrete(route, overrides);
  let req = (api() as any)[method](path);
  if (token) req = req.set(bearer({ jwt: token }));
  if (body !== undefined && method !== 'get') req = req.send(body as any);
  return req;
}

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
  const board = await createBoard(strapi, { slug: 'sweep-board' });
  owner = await createMember(strapi);
  other = await createMember(strapi);
  post = await createPost(strapi, board, owner, { title: 'Sweep target' });
  comment = await strapi.documents('api::comment.comment').create({ data: { body: 'sweep comment', post: post.documentId, author: owner.documentId } as any });
  world = await buildLeakWorld(strapi);
}, 120000);
afterAll(stopStrapi);

describe('the permission matrix', () => {
  it('covers every route the server answers', () => {
    const unknown = allRoutes().filter((route) => {
      if (route.includes(' /api/')) return !(route in API_MATRIX) && !PUBLIC_OUTSIDE_API.some((re) => re.test(route));
      return false;
    });
    expect(unknown).toEqual([]);
  });

  it('refuses anonymous callers on member and closed routes, and lets them read public ones', async () => {
    const problems: string[] = [];
    for (const [route, access] of served()) {
      const res = await send(route, undefined, { data: {} });
      const denied = res.status === 401 || res.status === 403;
      if ((access === 'member' || access === 'nobody') && !denied) problems.push(`${route} anonymous → ${res.status}, expected 401/403`);
      if (access === 'public' && denied) problems.push(`${route} anonymous → ${res.status}, expected it open`);
    }
    expect(problems).toEqual([]);
  });

  it('lets members call member routes and refuses them the closed ones', async () => {
    const problems: string[] = [];
    for (const [route, access] of served()) {
      // Deleting the fixtures or the session here would take them from the tests below.
      if (route === 'POST /api/auth/logout' || /^DELETE \/api\/(posts|comments)\/:id$/.test(route)) continue;
      const res = await send(route, owner.jwt, { data: {} });
      const denied = res.status === 401 || res.status === 403;
      if (access === 'member' && denied && !/your own/.test(res.body?.error?.message ?? '')) problems.push(`${route} member → ${res.status} ${res.body?.error?.message}`);
      if (access === 'nobody' && !(denied || res.status === 404 || res.status === 405)) problems.push(`${route} member → ${res.status}, expected refusal`);
    }
    expect(problems).toEqual([]);
  });

  it("refuses another member on someone's post and comment", async () => {
    for (const route of ['PUT /api/posts/:id', 'DELETE /api/posts/:id', 'PUT /api/comments/:id', 'DELETE /api/comments/:id']) {
      const res = await send(route, other.jwt, { data: { title: 'x', body: 'x' } });
      expect([403]).toContain(res.status);
    }
  });

  it('keeps every admin-side route closed to anonymous callers and to member tokens', async () => {
    const problems: string[] = [];
    const adminSide = allRoutes().filter((r) => !r.includes(' /api/') && !PUBLIC_OUTSIDE_API.some((re) => re.test(r)) && !/\(\.\*\)|\*/.test(r));
    for (const route of adminSide) {
      const path = route.split(' ')[1];
      if (!/^\/(hive-smt|content-manager|content-type-builder|users-permissions|upload|i18n|admin|email|content-releases|review-workflows)\b/.test(path)) continue;
      for (const token of [undefined, owner.jwt]) {
        const res = await send(route, token, {}, { id: '1', documentId: 'x' });
        if (res.status < 400 || res.status >= 500) problems.push(`${route} ${token ? 'member' : 'anonymous'} → ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120000);
});

/**
 * The data-leak matrix: every served route × every role × hostile query
 * shapes. Each row a reader must not see carries a marker word (leak-world.ts),
 * so an answer leaks when its text holds a marker the role may not read, or a
 * private field name; oracle probes (filters that only match hidden rows) must
 * come back empty or refused; nothing may answer 5xx.
 */
type Role = 'public' | 'member' | 'owner' | 'restEditor' | 'adminEditor' | 'adminAuthor' | 'superAdmin';
const ROLES: Role[] = ['public', 'member', 'owner', 'restEditor', 'adminEditor', 'adminAuthor', 'superAdmin'];

function tokenOf(role: Role): string | undefined {
  switch (role) {
    case 'public':
      return undefined;
    case 'member':
      return world.other.jwt;
    case 'owner':
      return world.owner.jwt;
    case 'restEditor':
      return world.restEditor.jwt;
    case 'adminEditor':
      return world.admins.editor.token;
    case 'adminAuthor':
      return world.admins.author.token;
    case 'superAdmin':
      return world.admins.superAdmin.token;
  }
}

const CONTENT_MARKS = [
  MARK.draft,
  MARK.unpublished,
  MARK.unreviewedEdit,
  MARK.closedBoard,
  MARK.closedPost,
  MARK.hiddenReply,
  MARK.hiddenComment,
  MARK.closedComment,
  MARK.unpublishedComment,
];
const PRIVATE_VALUES = [MARK.muted, MARK.email, MARK.openId, 'LEAKRESETTOKEN', 'LEAKCONFIRMTOKEN'];

/** Which markers a role may read on a content-API path: editors curate (drafts, hidden comments); owners see their own drafts in /api/me/posts. */
function allowedMarks(role: Role, path: string): string[] {
  if (role === 'restEditor') return CONTENT_MARKS;
  // Owners see their own drafts in /api/me/posts, and name them in their own notifications (a comment written while it was live).
  if (role === 'owner' && (path.startsWith('/api/me/posts') || path.startsWith('/api/me/notifications'))) return OWNER_DRAFT_MARKS;
  return [];
}

/** Every concrete path of a served GET route in the world (each row behind a :param, visible or not). */
function worldPaths(route: string): string[] {
  const path = route.split(' ')[1];
  const posts = Object.values(world.posts).map((p) => p.documentId);
  const comments = Object.values(world.comments).map((c) => c.documentId);
  const boards = Object.values(world.boards);
  if (path === '/api/boards/:id') return [...boards.map((b) => `/api/boards/${b.documentId}`), ...boards.map((b) => `/api/boards/${b.slug}`)];
  if (path === '/api/boards/:slug/leaderboard') return boards.map((b) => `/api/boards/${b.slug}/leaderboard`);
  if (path === '/api/boards/:slug/merchants') return boards.map((b) => `/api/boards/${b.slug}/merchants`);
  if (path === '/api/posts/:id') return posts.map((id) => `/api/posts/${id}`);
  if (path === '/api/posts/:documentId/rewards') return posts.map((id) => `/api/posts/${id}/rewards`);
  if (path === '/api/comments/:id') return comments.map((id) => `/api/comments/${id}`);
  if (path === '/api/feed') return boards.map((b) => `/api/feed?board=${b.slug}`);
  if (path.includes(':') || path.includes('(')) return [concrete(route).path];
  return [path];
}

const CONTENT_LISTS = ['/api/boards', '/api/posts', '/api/comments'];
const isContentRoute = (path: string) => CONTENT_LISTS.some((list) => path === list || path.startsWith(`${list}/`)) && !/\/(leaderboard|rewards|merchants)$/.test(path);

function withQuery(path: string, query: string) {
  if (!query) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

interface Probe {
  role: Role;
  path: string;
  status: number;
  text: string;
  body: any;
}

async function probe(role: Role, path: string): Promise<Probe> {
  const token = tokenOf(role);
  let req = api().get(path);
  if (token) req = req.set({ Authorization: `Bearer ${token}` });
  const res = await req;
  return { role, path, status: res.status, text: res.text ?? '', body: res.body };
}

const short = (path: string) => (path.length > 160 ? `${path.slice(0, 157)}...` : path);

/** What is wrong with one answer, if anything. */
function leaksOf(p: Probe, allowed = allowedMarks(p.role, p.path)): string[] {
  const problems: string[] = [];
  const what = `${p.role} ${p.path.includes(' ') ? '' : 'GET '}${short(p.path)} → ${p.status}`;
  if (p.status >= 500) problems.push(what);
  const forbidden = [...CONTENT_MARKS.filter((m) => !allowed.includes(m)), ...PRIVATE_VALUES];
  const marks = marksIn(p.text, forbidden);
  if (marks.length) problems.push(`${what} shows ${marks.join(', ')}`);
  const keys = privateKeysIn(p.body);
  if (keys.length) problems.push(`${what} carries private field ${keys.join(', ')}`);
  return problems;
}

const API_GETS = () => served().filter(([route]) => route.startsWith('GET ')).map(([route]) => route);

describe('the data-leak matrix', () => {
  it('shows the public what it should see (the matrix is not vacuous)', async () => {
    const posts = await probe('public', '/api/posts');
    expect(posts.text).toContain('Public post');
    const comments = await probe('public', '/api/comments');
    expect(comments.text).toContain('Visible comment');
    const withBoard = await probe('public', `/api/comments?populate[post][populate][board][fields][0]=name&filters[body][$eq]=Visible comment`);
    expect(withBoard.body.data[0].post).toMatchObject({ title: 'Public post', board: { name: 'Open board' } });
    const counted = await probe('public', '/api/boards?populate[posts][count]=true&filters[name][$eq]=Open board');
    expect(counted.body.data[0].posts).toEqual({ count: 1 });
  });

  it('lets a REST editor read drafts and hidden comments, so the rule is about roles, not rows', async () => {
    const drafts = await probe('restEditor', '/api/posts?status=draft&pagination[pageSize]=100');
    expect(drafts.text).toContain(MARK.draft);
    const hidden = await probe('restEditor', '/api/comments?pagination[pageSize]=100');
    expect(hidden.text).toContain(MARK.hiddenComment);
  });

  it('lets the owner see their own drafts in /api/me/posts only', async () => {
    const mine = await probe('owner', '/api/me/posts?pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(MARK.draft);
    expect(mine.text).toContain(MARK.unreviewedEdit);
    expect(mine.text).not.toContain(MARK.closedPost);
  });

  it.each(ROLES)('leaks nothing to %s on any served GET route under any hostile query', async (role) => {
    const problems: string[] = [];
    for (const route of API_GETS()) {
      for (const path of worldPaths(route)) {
        const queries = isContentRoute(path) ? HOSTILE_QUERIES : ['', 'status=draft', 'populate=*', 'status=draft&populate[posts]=*'];
        for (const query of queries) problems.push(...leaksOf(await probe(role, withQuery(path, query))));
      }
    }
    expect(problems).toEqual([]);
  }, 300000);

  it.each(ROLES.filter((r) => r !== 'restEditor'))('answers every oracle filter with nothing for %s', async (role) => {
    const problems: string[] = [];
    for (const list of CONTENT_LISTS) {
      for (const query of ORACLE_QUERIES) {
        const p = await probe(role, withQuery(list, query));
        problems.push(...leaksOf(p));
        if (p.status === 200 && Array.isArray(p.body?.data) && p.body.data.length > 0) problems.push(`${role} GET ${p.path} → ${p.body.data.length} rows match a filter on hidden rows`);
      }
    }
    expect(problems).toEqual([]);
  }, 120000);

  it('answers a list of 10,000 ids without a 5xx, and never widens the list to everything', async () => {
    const problems: string[] = [];
    const list = (n: number) => Array.from({ length: n }, (_, i) => `filters[documentId][$in][${i}]=${i === 0 ? world.posts.published.documentId : `n${i}`}`).join('&');
    for (const n of [10000, 400, 150]) {
      for (const role of ['public', 'member'] as Role[]) {
        for (const path of CONTENT_LISTS) {
          const p = await probe(role, `${path}?${list(n)}`);
          problems.push(...leaksOf(p));
          if (p.status === 200 && (p.body.data ?? []).some((row: any) => row.documentId !== world.posts.published.documentId)) problems.push(`${role} GET ${path} with ${n} ids → rows outside the list`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120000);

  it('leaks nothing through the answers of write routes, for any role', async () => {
    const problems: string[] = [];
    const writes = served().filter(([route]) => !route.startsWith('GET ')).map(([route]) => route);
    for (const role of ROLES) {
      for (const route of writes) {
        // Logging out or deleting would take the world away from the checks after this one.
        if (route === 'POST /api/auth/logout' || /^DELETE \/api\/(posts|comments)\/:id$/.test(route)) continue;
        const { method, path } = concrete(route, { id: route.includes('/comments') ? world.comments.hidden.documentId : world.posts.modified.documentId, documentId: world.posts.modified.documentId });
        let req = (api() as any)[method](path);
        const token = tokenOf(role);
        if (token) req = req.set({ Authorization: `Bearer ${token}` });
        const res = await req.send({ data: {} });
        // The owner's own edit answers with the owner's own draft.
        const allowed = role === 'owner' ? OWNER_DRAFT_MARKS : allowedMarks(role, path);
        problems.push(...leaksOf({ role, path: `${method.toUpperCase()} ${path}`, status: res.status, text: res.text ?? '', body: res.body }, allowed));
      }
    }
    // An empty edit by an editor (or anyone) must not have published the owner's unreviewed edit.
    for (const role of ['public', 'member'] as Role[]) problems.push(...leaksOf(await probe(role, `/api/posts/${world.posts.modified.documentId}`)));
    expect(problems).toEqual([]);
  }, 120000);

  it('leaks nothing through search or comment threads, whatever is searched for', async () => {
    const problems: string[] = [];
    const words = [...Object.values(MARK), 'Sweep', 'comment', 'post', 'reply'];
    const everyPost = [...Object.values(world.posts), post];
    for (const role of ['public', 'member', 'owner'] as Role[]) {
      for (const word of words) problems.push(...leaksOf(await probe(role, `/api/search?q=${encodeURIComponent(word)}&limit=50`)));
      for (const p of everyPost) {
        for (const order of ['newest', 'oldest']) problems.push(...leaksOf(await probe(role, `/api/posts/${p.documentId}/comments?order=${order}&limit=50`)));
      }
      problems.push(...leaksOf(await probe(role, '/api/me')));
      problems.push(...leaksOf(await probe(role, '/api/me/notifications?limit=50')));
    }
    expect(problems).toEqual([]);
  }, 120000);

  it("keeps members' secrets out of every admin-side read, and emails out of the Editor's and Author's Hive pages", async () => {
    const problems: string[] = [];
    const adminGets = allRoutes().filter((r) => r.startsWith('GET /hive-smt/') && !r.includes(':'));
    const cmLists = ['api::post.post', 'api::comment.comment', 'api::board.board', 'plugin::users-permissions.user'].map((uid) => `GET /content-manager/collection-types/${uid}`);
    for (const role of ['adminEditor', 'adminAuthor', 'superAdmin'] as Role[]) {
      for (const route of [...adminGets, ...cmLists]) {
        const path = route.split(' ')[1];
        const res = await api().get(path).set(adminAuth({ token: tokenOf(role)! }));
        if (res.status >= 500) problems.push(`${role} ${route} → ${res.status}`);
        const secret = marksIn(res.text ?? '', [MARK.openId, 'LEAKRESETTOKEN', 'LEAKCONFIRMTOKEN']);
        if (secret.length || /"password":\s*"/.test(res.text ?? '')) problems.push(`${role} ${route} shows ${secret.join(', ') || 'a password hash'}`);
        if (role !== 'superAdmin' && path.startsWith('/hive-smt/') && marksIn(res.text ?? '', [MARK.email]).length) problems.push(`${role} ${route} shows a member's email`);
      }
    }
    expect(problems).toEqual([]);
  }, 120000);
});

const deep = (n: number) => {
  let s = '0';
  for (let i = 0; i < n; i++) s = `{"a":${s}}`;
  return s;
};
const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  '1; DROP TABLE posts;',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'nul\u0000byte',
  '\ud800 lone surrogate',
  '\u202e right-to-left override',
  '\u200b\u200b zero width',
  '👩‍👩‍👧‍👦 emoji family',
  'x'.repeat(20000),
  '$where',
  '{"$gt":""}',
];
const HOSTILE_BODIES: unknown[] = [
  null,
  [],
  'just a string',
  42,
  { data: null },
  { data: [] },
  { data: 'text' },
  { data: { title: 123, body: false, board: { $ne: null } } },
  { data: { title: ['a'], body: { nested: true }, post: 7, reason: 'spam' } },
  { data: { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } } },
  ...HOSTILE_STRINGS.map((s) => ({ data: { title: s, body: s, board: s, post: s, reason: s, details: s, code: s, account: s, signature: s, parent: s } })),
];

describe('hostile input', () => {
  const targets = () => served().filter(([, a]) => a === 'public' || a === 'member').map(([r]) => r);

  it('answers every malformed body on every public and member route with a 4xx, never a 5xx', async () => {
    const failures: string[] = [];
    for (const route of targets()) {
      if (route.startsWith('GET')) continue;
      for (const token of [undefined, other.jwt]) {
        for (const body of HOSTILE_BODIES) {
          const { method, path } = concrete(route);
          let req = (api() as any)[method](path).set('content-type', 'application/json');
          if (token) req = req.set(bearer({ jwt: token }));
          const res = await req.send(JSON.stringify(body));
          if (res.status >= 500) failures.push(`${route} ${JSON.stringify(body)?.slice(0, 60)} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180000);

  it('refuses raw oversized and deeply nested JSON with a 4xx', async () => {
    const failures: string[] = [];
    for (const route of targets().filter((r) => !r.startsWith('GET'))) {
      const { method, path } = concrete(route);
      for (const raw of [`{"data":{"body":"${'x'.repeat(400 * 1024)}"}}`, deep(20000), '{"data": {"title": "unterminated', '\u0000\u0001binary']) {
        const res = await (api() as any)[method](path).set(bearer(other)).set('content-type', 'application/json').send(raw);
        // Routes that read no body may ignore it; none may fail on it.
        const readsBody = /^(POST|PUT) /.test(route) && !/\/like$|\/downvote$|\/challenge$|\/logout$/.test(route);
        if (res.status >= 500 || (readsBody && res.status < 400)) failures.push(`${route} raw(${raw.length}) → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120000);

  it('answers hostile path parameters and query strings with a 4xx or an empty result, never a 5xx', async () => {
    const failures: string[] = [];
    const queries = [
      'filters[$where]=1',
      'filters[title][$foo]=x',
      'sort=title;DROP TABLE posts',
      'pagination[pageSize]=-1',
      'pagination[page]=abc',
      'populate[author][populate][role][populate]=*',
      'fields[0]=password',
      'cursor=%00%ff',
      'limit=1e9',
      'board=../../etc',
      `q=${encodeURIComponent(HOSTILE_STRINGS[11])}`,
      // Crafted cursors: keys no database column holds.
      `cursor=${Buffer.from(JSON.stringify({ l: 'board', k: [1e20, 'x'] })).toString('base64url')}`,
      `cursor=${Buffer.from(JSON.stringify({ l: 'featured', k: [0, 2 ** 40, 0, 'x'] })).toString('base64url')}`,
      // The data-leak matrix's shapes: drafts, every relation, recursion, private fields, JSON operators, long lists.
      ...HOSTILE_QUERIES.filter(Boolean),
      ...ORACLE_QUERIES,
    ];
    // A lone surrogate has no UTF-8 form: send the bytes a careless client would (CESU-8).
    const encode = (value: string) => {
      try {
        return encodeURIComponent(value);
      } catch {
        return '%ED%A0%80';
      }
    };
    for (const route of targets()) {
      for (const value of HOSTILE_STRINGS.slice(0, 11)) {
        const param = encode(value);
        const res = await send(route, other.jwt, route.startsWith('GET') ? undefined : { data: {} }, { id: param, documentId: param, slug: param });
        if (res.status >= 500) failures.push(`${route} param ${JSON.stringify(value).slice(0, 30)} → ${res.status}`);
      }
      if (!route.startsWith('GET')) continue;
      for (const query of queries) {
        const { path } = concrete(route);
        const res = await api().get(`${path}?${query}`).set(bearer(other));
        if (res.status >= 500) failures.push(`${route}?${query} → ${res.status}`);
        if (/"(password|resetPasswordToken|confirmationToken|wechatOpenId)":/.test(JSON.stringify(res.body?.data ?? {}))) failures.push(`${route}?${query} leaked a private field`);
      }
    }
    expect(failures).toEqual([]);
  }, 180000);
});
