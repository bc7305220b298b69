import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember } from '../helpers/members';
import { adminAuth, createAdmin, TestAdmin } from '../helpers/admins';
import { confirmedMirror, hiveService, mirrorOf, waitFor } from '../helpers/chain';

let strapi: Core.Strapi;
let superAdmin: TestAdmin;
let editor: TestAdmin;
let author: TestAdmin;
let board: any;
let member: any;
let post: any;
let comment: any;
const api = () => request(strapi.server.httpServer);

type Method = 'get' | 'post' | 'put' | 'delete';
interface RouteCase {
  method: Method;
  path: string;
  body?: () => unknown;
  action: string;
  /** The Editor role holds this route's permission. */
  editor: boolean;
  /** What a Super Admin gets back (some routes answer 400 when there is nothing to do). */
  ok?: number;
}

/** Every admin route of the plugin, with the permission it needs. */
const ROUTES: RouteCase[] = [
  { method: 'get', path: '/hive-smt/chain', action: 'chain.read', editor: true },
  { method: 'get', path: '/hive-smt/jobs?filter=all', action: 'chain.read', editor: true },
  { method: 'post', path: '/hive-smt/jobs/nosuchjob/retry', action: 'chain.manage', editor: false, ok: 400 },
  { method: 'post', path: '/hive-smt/jobs/nosuchjob/cancel', action: 'chain.manage', editor: false, ok: 400 },
  { method: 'get', path: '/hive-smt/boards', action: 'boards.read', editor: true },
  { method: 'get', path: '/hive-smt/rewards', action: 'rewards.read', editor: false },
  { method: 'post', path: '/hive-smt/rewards/payout', body: () => ({}), action: 'rewards.payout', editor: false, ok: -1 },
  { method: 'get', path: '/hive-smt/settings', action: 'settings.read', editor: false },
  { method: 'get', path: '/hive-smt/curation/featured', action: 'curation.manage', editor: true },
  { method: 'post', path: '/hive-smt/curation/featured', body: () => ({ documentId: post.documentId }), action: 'curation.manage', editor: true },
  { method: 'put', path: '/hive-smt/curation/featured/order', body: () => ({ documentIds: [post.documentId] }), action: 'curation.manage', editor: true },
  { method: 'put', path: '/hive-smt/curation/featured/{post}', body: () => ({ until: null }), action: 'curation.manage', editor: true },
  { method: 'delete', path: '/hive-smt/curation/featured/{post}', action: 'curation.manage', editor: true },
  { method: 'get', path: '/hive-smt/curation/posts?q=Post', action: 'curation.manage', editor: true },
  { method: 'get', path: '/hive-smt/curation/comments', action: 'curation.manage', editor: true },
  { method: 'put', path: '/hive-smt/curation/comments/{comment}', body: () => ({ hidden: false }), action: 'curation.manage', editor: true },
  { method: 'get', path: '/hive-smt/curation/members?q=', action: 'curation.manage', editor: true },
  { method: 'post', path: '/hive-smt/curation/members/{member}/mute', body: () => ({ reason: 'test' }), action: 'curation.manage', editor: true },
  { method: 'delete', path: '/hive-smt/curation/members/{member}/mute', action: 'curation.manage', editor: true },
  { method: 'get', path: '/hive-smt/moderation-log?kind=member', action: 'moderation.read', editor: true },
];

const pathOf = (route: RouteCase) =>
  route.path.replace('{post}', post.documentId).replace('{comment}', comment.documentId).replace('{member}', String(member.id));

function call(route: RouteCase, who?: TestAdmin) {
  let req = api()[route.method](pathOf(route));
  if (who) req = req.set(adminAuth(who));
  return route.body ? req.send(route.body() as object) : req;
}

beforeAll(async () => {
  strapi = await startStrapi();
  [superAdmin, editor, author] = [
    await createAdmin(strapi, 'strapi-super-admin'),
    await createAdmin(strapi, 'strapi-editor'),
    await createAdmin(strapi, 'strapi-author'),
  ];
  board = await createBoard(strapi, { hiveAccount: 'riverside-photo', tokenSymbol: 'SNAP' });
  member = await createMember(strapi);
  post = await createPost(strapi, board, member, { title: 'Post for the admin pages' });
  comment = await strapi.documents('api::comment.comment').create({ data: { body: 'A comment', post: post.documentId, author: member.documentId } as any });
});
afterAll(stopStrapi);

describe('every Hive admin route', () => {
  it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s: 401 without a session, 403 for an Author, allowed for a Super Admin',
    async (_name, route) => {
      await call(route).expect(401);
      const refused = await call(route, author).expect(403);
      expect(refused.body.error.name).toBe('PolicyError');
      const res = await call(route, superAdmin);
      if (route.ok === -1) expect([200, 400]).toContain(res.status);
      else expect(res.status).toBe(route.ok ?? 200);
    },
  );

  it.each(ROUTES.filter((r) => !r.editor).map((r) => [r.action, `${r.method.toUpperCase()} ${r.path}`, r] as const))(
    'refuses an Editor without %s: %s',
    async (_action, _method, route) => {
      await call(route, editor).expect(403);
    },
  );

  it.each(ROUTES.filter((r) => r.editor).map((r) => [r.action, `${r.method.toUpperCase()} ${r.path}`, r] as const))('lets an Editor with %s: %s', async (_a, _m, route) => {
    const res = await call(route, editor);
    expect(res.status).toBe(200);
  });

  it('registers the actions a Super Admin hands out under Roles', async () => {
    const res = await api().get('/admin/permissions').set(adminAuth(superAdmin)).expect(200);
    const plugins = res.body.data.sections.plugins.map((a: any) => a.action);
    for (const uid of ['chain.read', 'chain.manage', 'boards.read', 'rewards.read', 'rewards.payout', 'settings.read', 'curation.manage', 'moderation.read']) {
      expect(plugins).toContain(`plugin::hive-smt.${uid}`);
    }
  });
});

describe('what the pages read', () => {
  it('chain health: the devnet, its head block, the app account and the queue', async () => {
    await confirmedMirror(strapi, post.documentId);
    const { body } = await api().get('/hive-smt/chain').set(adminAuth(superAdmin)).expect(200);
    expect(body.data.network.devnet).toBe(true);
    expect(body.data.network.reachable).toBe(true);
    expect(body.data.head.blockNum).toBeGreaterThan(0);
    expect(body.data.app).toMatchObject({ account: 'quanzi', postingKey: 'set' });
    expect(body.data.app.rc.percent).toBeGreaterThan(0);
    expect(body.data.queue.done).toBeGreaterThanOrEqual(1);
    const jobs = await api().get('/hive-smt/jobs?filter=done').set(adminAuth(superAdmin)).expect(200);
    const job = jobs.body.data.find((j: any) => j.post?.documentId === post.documentId);
    expect(job).toMatchObject({ account: 'riverside-photo', state: 'done', post: { title: 'Post for the admin pages' } });
    expect(job.permlink).toBeTruthy();
  });

  it('boards: a board whose account did not grant authority gets the fix', async () => {
    const lonely = await createBoard(strapi, { hiveAccount: 'lonely-board', name: 'Lonely board' });
    const { body } = await api().get('/hive-smt/boards').set(adminAuth(superAdmin)).expect(200);
    const fine = body.data.find((b: any) => b.documentId === board.documentId);
    expect(fine.account).toMatchObject({ name: 'riverside-photo', exists: true, grantsAuthority: true, problem: null });
    expect(fine.token).toMatchObject({ symbol: 'SNAP', exists: true, issuer: 'photo-tokens', issuerKey: 'set' });
    expect(fine.token.supplyLeft).toMatch(/^\d+\.\d{3}$/);
    // The "Edit board" button opens the board in the Content Manager, under the app's board type.
    expect(fine.editPath).toBe(`/admin/content-manager/collection-types/api::board.board/${board.documentId}`);
    const bad = body.data.find((b: any) => b.documentId === lonely.documentId);
    expect(bad.account.grantsAuthority).toBe(false);
    expect(bad.account.problem.code).toBe('authority-missing');
    expect(bad.account.problem.help).toMatch(/@lonely-board has not allowed @quanzi/);
  });

  it('chain health: errors in full for admins, but never a node credential', async () => {
    hiveService(strapi, 'chain').reportError('request to https://alice:s3cret@node.example/rpc?api_key=k3y failed, reason: ECONNREFUSED');
    const { body } = await api().get('/hive-smt/chain').set(adminAuth(superAdmin)).expect(200);
    const text = JSON.stringify(body);
    expect(text).toContain('request to https://***@node.example/rpc?api_key=*** failed, reason: ECONNREFUSED');
    expect(text).not.toMatch(/s3cret|k3y/);
  });

  it('settings: values with their source, keys only as set or missing', async () => {
    const { body } = await api().get('/hive-smt/settings').set(adminAuth(superAdmin)).expect(200);
    expect(body.data.network).toBe('devnet');
    const app = body.data.rows.find((r: any) => r.key === 'appAccount');
    expect(app).toMatchObject({ value: 'quanzi', envVar: 'HIVE_APP_ACCOUNT' });
    const posting = body.data.secrets.find((s: any) => s.key === 'appPostingKey');
    expect(posting).toMatchObject({ status: 'set', source: 'devnet' });
    expect(JSON.stringify(body)).not.toMatch(/5[HJK][1-9A-HJ-NP-Za-km-z]{49}/);
  });

  it('rewards: answers even without a token economy', async () => {
    const { body } = await api().get('/hive-smt/rewards').set(adminAuth(superAdmin)).expect(200);
    expect(body.data).toHaveProperty('configured');
    expect(Array.isArray(body.data.boards)).toBe(true);
  });
});

describe('curation', () => {
  it('features, orders, dates and unfeatures posts; the featured feed follows', async () => {
    const a = await createPost(strapi, board, member, { title: 'First featured' });
    const b = await createPost(strapi, board, member, { title: 'Second featured' });
    const ed = (r: any) => r.set(adminAuth(editor));
    await ed(api().post('/hive-smt/curation/featured')).send({ documentId: a.documentId }).expect(200);
    const after = await ed(api().post('/hive-smt/curation/featured')).send({ documentId: b.documentId }).expect(200);
    expect(after.body.data.map((p: any) => p.documentId).slice(-2)).toEqual([a.documentId, b.documentId]);
    const ordered = await ed(api().put('/hive-smt/curation/featured/order')).send({ documentIds: [b.documentId, a.documentId] }).expect(200);
    expect(ordered.body.data.slice(0, 2).map((p: any) => [p.documentId, p.rank])).toEqual([
      [b.documentId, 0],
      [a.documentId, 1],
    ]);
    const until = new Date(Date.now() + 86400000).toISOString();
    const dated = await ed(api().put(`/hive-smt/curation/featured/${a.documentId}`)).send({ until }).expect(200);
    expect(dated.body.data.find((p: any) => p.documentId === a.documentId).until).toBe(until);

    const feed = await api().get('/api/posts?filters[featured][$eq]=true&sort=featuredRank:asc').expect(200);
    expect(feed.body.data[0].documentId).toBe(b.documentId);
    // Only curation fields changed: the post is still published as it was, and nothing new went to Hive for it.
    const published = await strapi.documents('api::post.post').findOne({ documentId: b.documentId, status: 'published' });
    expect(published).toMatchObject({ featured: true, featuredRank: 0 });

    await ed(api().delete(`/hive-smt/curation/featured/${b.documentId}`)).expect(200);
    const list = await ed(api().get('/hive-smt/curation/featured')).expect(200);
    expect(list.body.data.map((p: any) => p.documentId)).not.toContain(b.documentId);
    expect(list.body.data[0]).toMatchObject({ documentId: a.documentId, rank: 0 });
  });

  it('refuses to feature a draft or an unknown post, and a past end date', async () => {
    const draft = await createPost(strapi, board, member, {}, 'draft');
    await api().post('/hive-smt/curation/featured').set(adminAuth(editor)).send({ documentId: draft.documentId }).expect(404);
    const res = await api()
      .post('/hive-smt/curation/featured')
      .set(adminAuth(editor))
      .send({ documentId: post.documentId, until: '2001-01-01T00:00:00Z' })
      .expect(400);
    expect(res.body.error.message).toMatch(/future/);
    await api().post('/hive-smt/curation/featured').set(adminAuth(editor)).send({ nope: 1 }).expect(400);
  });

  it('hides a comment', async () => {
    await api().put(`/hive-smt/curation/comments/${comment.documentId}`).set(adminAuth(editor)).send({ hidden: true }).expect(200);
    expect((await strapi.documents('api::comment.comment').findOne({ documentId: comment.documentId }))!.hidden).toBe(true);
    const hidden = await api().get('/hive-smt/curation/comments?hidden=true').set(adminAuth(editor)).expect(200);
    expect(hidden.body.data.map((c: any) => c.documentId)).toContain(comment.documentId);
  });

  it('a muted member cannot post or comment until unmuted', async () => {
    const loud = await createMember(strapi);
    await api().post(`/hive-smt/curation/members/${loud.id}/mute`).set(adminAuth(editor)).send({ reason: 'spam' }).expect(200);
    await expect(createPost(strapi, board, loud, { title: 'Muted post' })).rejects.toThrow(/muted/);
    await expect(
      strapi.documents('api::comment.comment').create({ data: { body: 'muted', post: post.documentId, author: loud.documentId } as any }),
    ).rejects.toThrow(/muted/);
    const muted = await api().get('/hive-smt/curation/members?muted=true').set(adminAuth(editor)).expect(200);
    expect(muted.body.data.map((m: any) => m.id)).toEqual([loud.id]);
    await api().delete(`/hive-smt/curation/members/${loud.id}/mute`).set(adminAuth(editor)).expect(200);
    await createPost(strapi, board, loud, { title: 'Allowed again' });
  });

  it('a muted member cannot edit their posts and comments or like either; an admin still can edit', async () => {
    const loud = await createMember(strapi);
    const own = await createPost(strapi, board, loud, { title: 'Written before the mute' });
    const said = await strapi.documents('api::comment.comment').create({ data: { body: 'before the mute', post: post.documentId, author: loud.documentId } as any });
    await api().post(`/hive-smt/curation/members/${loud.id}/mute`).set(adminAuth(editor)).send({ reason: 'spam' }).expect(200);

    const edit = await api().put(`/api/posts/${own.documentId}`).set(bearer(loud)).send({ data: { title: 'Edited while muted' } }).expect(403);
    expect(edit.body.error.message).toMatch(/muted you/);
    await api().put(`/api/comments/${said.documentId}`).set(bearer(loud)).send({ data: { body: 'edited while muted' } }).expect(403);
    const like = await api().post(`/api/posts/${post.documentId}/like`).set(bearer(loud)).expect(403);
    expect(like.body.error.message).toMatch(/muted you/);
    expect((await strapi.documents('api::post.post').findOne({ documentId: own.documentId, status: 'published' }))!.title).toBe('Written before the mute');
    expect((await strapi.documents('api::comment.comment').findOne({ documentId: said.documentId }))!.body).toBe('before the mute');
    expect(await strapi.db.query('plugin::hive-smt.like' as any).count({ where: { memberId: loud.id } })).toBe(0);

    // Moderation in the admin panel is not a member's edit.
    await api().put(`/content-manager/collection-types/api::post.post/${own.documentId}`).set(adminAuth(superAdmin)).send({ title: 'Fixed by an admin' }).expect(200);

    await api().delete(`/hive-smt/curation/members/${loud.id}/mute`).set(adminAuth(editor)).expect(200);
    await api().put(`/api/posts/${own.documentId}`).set(bearer(loud)).send({ data: { title: 'Edited after the mute' } }).expect(200);
    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(loud)).expect(200);
  });

  it("lists members without their email, and does not search by email", async () => {
    const quiet = await createMember(strapi);
    const list = await api().get(`/hive-smt/curation/members?q=${quiet.username}`).set(adminAuth(editor)).expect(200);
    expect(list.body.data.map((m: any) => m.id)).toEqual([quiet.id]);
    expect(JSON.stringify(list.body)).not.toContain(quiet.email);
    const byEmail = await api().get(`/hive-smt/curation/members?q=${encodeURIComponent(quiet.email)}`).set(adminAuth(editor)).expect(200);
    expect(byEmail.body.data).toEqual([]);
  });
});

describe('chain jobs', () => {
  it('a failed job is retried after the board is fixed, and lands', async () => {
    const lonely = await createBoard(strapi, { hiveAccount: 'lonely-board', name: 'Retry board' });
    const stuck = await createPost(strapi, lonely, member, { title: 'Waiting for authority' });
    const dead = await waitFor(async () => {
      const res = await api().get('/hive-smt/jobs?filter=failed').set(adminAuth(superAdmin));
      return res.body.data.find((j: any) => j.post?.documentId === stuck.documentId);
    }, 'the failed job');
    expect(dead).toMatchObject({ state: 'dead', canRetry: true, account: 'lonely-board' });
    expect(dead.lastError).toMatch(/has not allowed @quanzi/);
    await api().post(`/hive-smt/jobs/${dead.documentId}/retry`).set(adminAuth(editor)).expect(403);
    // An account with no other post in this file: Hive's one-root-post-per-5-minutes rule does not make it wait.
    await strapi.documents('api::board.board').update({ documentId: lonely.documentId, data: { hiveAccount: 'maple-school' } as any });
    await api().post(`/hive-smt/jobs/${dead.documentId}/retry`).set(adminAuth(superAdmin)).expect(200);
    const mirror = await waitFor(async () => {
      const m = await mirrorOf(strapi, stuck.documentId);
      return m?.state === 'confirmed' ? m : null;
    }, 'the retried post on chain', 50000);
    expect(mirror.author).toBe('maple-school');
  }, 90000);

  it('cancels a failed job', async () => {
    const ghost = await createBoard(strapi, { hiveAccount: 'ghost-board', name: 'Ghost' });
    const lost = await createPost(strapi, ghost, member, { title: 'Into the void' });
    const dead = await waitFor(async () => {
      const res = await api().get('/hive-smt/jobs?filter=failed').set(adminAuth(superAdmin));
      return res.body.data.find((j: any) => j.post?.documentId === lost.documentId);
    }, 'the failed job');
    await api().post(`/hive-smt/jobs/${dead.documentId}/cancel`).set(adminAuth(superAdmin)).expect(200);
    const done = await api().get('/hive-smt/jobs?filter=done').set(adminAuth(superAdmin)).expect(200);
    expect(done.body.data.find((j: any) => j.documentId === dead.documentId).state).toBe('cancelled');
  }, 60000);
});
