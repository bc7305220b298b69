import { AsyncLocalStorage } from 'async_hooks';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { feedPageSchema } from '../../src/openapi/schemas';
import { sqlRecorder } from '../helpers/sql-count';

let strapi: Core.Strapi;
let alice: TestMember;
let bob: TestMember;
let editor: TestMember;
const api = () => request(strapi.server.httpServer);
const POST = 'api::post.post';

/** Replaces a hive-smt service for one test; returns the restore function. */
function fakePluginService(name: string, impl: Record<string, unknown>) {
  const uid = `plugin::hive-smt.${name}`;
  const registry = strapi.get('services') as any;
  const original = registry.get(uid);
  registry.set(uid, impl);
  return () => registry.set(uid, original ?? undefined);
}

/** Every page of a list, following nextCursor. */
async function allPages(path: string, limit: number, headers: Record<string, string> = {}) {
  const pages: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: any = await api()
      .get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
      .set(headers)
      .expect(200);
    pages.push(res.body);
    cursor = res.body.meta.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

const titles = (body: any) => body.data.map((item: any) => item.title);

/** Posts published at chosen moments, so "newest first" is deterministic. */
async function postAt(board: any, author: TestMember, title: string, publishedAt: string, extra: Record<string, unknown> = {}) {
  const post = await createPost(strapi, board, author, { title, ...extra });
  await strapi.db.query(POST).updateMany({ where: { documentId: post.documentId, publishedAt: { $notNull: true } }, data: { publishedAt: new Date(publishedAt) } });
  (strapi.service('api::feed.feed') as any).invalidate();
  return post;
}

beforeAll(async () => {
  strapi = await startStrapi();
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  editor = await createMember(strapi, { role: 'editor' });
  // Displayed name: the member's displayName when set, else the username.
  await strapi.db.query('plugin::users-permissions.user').update({ where: { id: alice.id }, data: { displayName: 'Alice A.' } });
});
afterAll(stopStrapi);

describe('GET /api/feed', () => {
  let board: any;
  beforeAll(async () => {
    board = await createBoard(strapi, { name: 'Feed board', slug: 'feed-board' });
    await postAt(board, alice, 'First', '2026-01-01T10:00:00Z', { body: '# Hello\n\nSome **bold** words and a [link](https://example.com).', tags: ['a', 'b'] });
    await postAt(board, bob, 'Second', '2026-01-02T10:00:00Z', { excerpt: 'My own excerpt' });
    await postAt(board, alice, 'Third', '2026-01-03T10:00:00Z');
    await postAt(board, bob, 'Fourth', '2026-01-04T10:00:00Z');
    await postAt(board, alice, 'Fifth', '2026-01-05T10:00:00Z');
    await createPost(strapi, board, alice, { title: 'A draft' }, 'draft');
  });

  it('lists published posts newest first as small items in the documented shape', async () => {
    const res = await api().get('/api/feed?board=feed-board').expect(200);
    expect(() => feedPageSchema.parse(res.body)).not.toThrow();
    expect(titles(res.body)).toEqual(['Fifth', 'Fourth', 'Third', 'Second', 'First']);
    expect(res.body.meta).toEqual({ nextCursor: null, limit: 20 });
    const first = res.body.data[4];
    expect(first).toMatchObject({
      title: 'First',
      excerpt: 'Hello Some bold words and a link.',
      author: { displayName: 'Alice A.' },
      board: { slug: 'feed-board', name: 'Feed board' },
      publishedAt: '2026-01-01T10:00:00.000Z',
      tags: ['a', 'b'],
      featured: false,
      likeCount: 0,
      commentCount: 0,
      coverThumbnailUrl: null,
    });
    expect(first).not.toHaveProperty('body');
    expect(first).not.toHaveProperty('likedByMe');
    expect(res.body.data[3]).toMatchObject({ title: 'Second', excerpt: 'My own excerpt', author: { displayName: bob.username } });
  });

  it('pages with a cursor until the last page, without repeats or gaps', async () => {
    const pages = await allPages('/api/feed?board=feed-board', 2);
    expect(pages.map(titles)).toEqual([['Fifth', 'Fourth'], ['Third', 'Second'], ['First']]);
    expect(pages[2].meta.nextCursor).toBeNull();
    expect(pages[0].meta).toMatchObject({ limit: 2 });
  });

  it('ends exactly on a full last page with nextCursor null', async () => {
    const pages = await allPages('/api/feed?board=feed-board', 5);
    expect(pages).toHaveLength(1);
    expect(pages[0].meta.nextCursor).toBeNull();
  });

  it('answers an empty board with an empty page, and an unknown or inactive board with 404', async () => {
    const empty = await createBoard(strapi, { slug: 'empty-board' });
    const res = await api().get(`/api/feed?board=${empty.slug}`).expect(200);
    expect(res.body).toEqual({ data: [], meta: { nextCursor: null, limit: 20 } });
    const missing = await api().get('/api/feed?board=no-such-board').expect(404);
    expect(missing.body.error.message).toMatch(/No active board/);
    const closed = await createBoard(strapi, { slug: 'closed-board', active: false });
    await createPost(strapi, closed, alice);
    await api().get(`/api/feed?board=${closed.slug}`).expect(404);
  });

  it('keeps later pages stable when a post is published meanwhile', async () => {
    const board2 = await createBoard(strapi);
    for (let i = 1; i <= 4; i++) await postAt(board2, bob, `S${i}`, `2026-02-0${i}T00:00:00Z`);
    const page1 = await api().get(`/api/feed?board=${board2.slug}&limit=2`).expect(200);
    expect(titles(page1.body)).toEqual(['S4', 'S3']);
    await api().post('/api/posts').set(bearer(bob)).send({ data: { title: 'Breaking news', body: 'x', board: board2.slug } }).expect(200);
    const page2 = await api().get(`/api/feed?board=${board2.slug}&limit=2&cursor=${page1.body.meta.nextCursor}`).expect(200);
    expect(titles(page2.body)).toEqual(['S2', 'S1']);
    const fresh = await api().get(`/api/feed?board=${board2.slug}&limit=2`).expect(200);
    expect(titles(fresh.body)).toEqual(['Breaking news', 'S4']);
  });

  it('still follows a cursor whose post was deleted', async () => {
    const board3 = await createBoard(strapi);
    const posts = [];
    for (let i = 1; i <= 4; i++) posts.push(await postAt(board3, bob, `D${i}`, `2026-03-0${i}T00:00:00Z`));
    const page1 = await api().get(`/api/feed?board=${board3.slug}&limit=2`).expect(200);
    expect(titles(page1.body)).toEqual(['D4', 'D3']);
    await api().delete(`/api/posts/${posts[2].documentId}`).set(bearer(bob)).expect(204);
    const page2 = await api().get(`/api/feed?board=${board3.slug}&limit=2&cursor=${page1.body.meta.nextCursor}`).expect(200);
    expect(titles(page2.body)).toEqual(['D2', 'D1']);
  });

  it('breaks publishedAt ties by documentId, so equal times never repeat or drop items', async () => {
    const board4 = await createBoard(strapi);
    for (let i = 1; i <= 5; i++) await postAt(board4, bob, `T${i}`, '2026-04-01T00:00:00Z');
    const pages = await allPages(`/api/feed?board=${board4.slug}`, 2);
    const seen = pages.flatMap((p) => p.data.map((item: any) => item.documentId));
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it.each([
    ['no board', '/api/feed', /board/],
    ['limit 0', '/api/feed?board=feed-board&limit=0', /limit/],
    ['limit 51', '/api/feed?board=feed-board&limit=51', /at most 50/],
    ['a non-numeric limit', '/api/feed?board=feed-board&limit=ten', /limit/],
    ['a damaged cursor', '/api/feed?board=feed-board&cursor=!!!', /cursor is not valid/],
    ['a cursor of random bytes', `/api/feed?board=feed-board&cursor=${Buffer.from('{"l":"board","k":[1]}').toString('base64url')}`, /cursor is not valid/],
    ['featuredFirst=yes', '/api/feed?board=feed-board&featuredFirst=yes', /featuredFirst/],
  ])('rejects %s with a 400 in Strapi\'s error shape', async (_name, path, message) => {
    const res = await api().get(path).expect(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(res.body.error.message).toMatch(message);
  });

  it('rejects a cursor made for another list', async () => {
    const featured = await api().get('/api/feed?board=feed-board&limit=1&featuredFirst=true').expect(200);
    const res = await api().get(`/api/feed?board=feed-board&cursor=${featured.body.meta.nextCursor}`).expect(400);
    expect(res.body.error.message).toMatch(/another feed or ordering/);
  });

  it('counts visible comments only', async () => {
    const board5 = await createBoard(strapi);
    const post = await createPost(strapi, board5, alice);
    const comments = strapi.documents('api::comment.comment');
    await comments.create({ data: { body: 'one', post: post.documentId, author: bob.documentId } as any });
    await comments.create({ data: { body: 'two', post: post.documentId, author: bob.documentId } as any });
    await comments.create({ data: { body: 'hidden', post: post.documentId, author: bob.documentId, hidden: true } as any });
    const res = await api().get(`/api/feed?board=${board5.slug}`).expect(200);
    expect(res.body.data[0].commentCount).toBe(2);
  });

  it('gives the cover thumbnail URL', async () => {
    const board6 = await createBoard(strapi);
    const file = await strapi.db.query('plugin::upload.file').create({
      data: {
        name: 'cover.png', hash: 'cover_hash', ext: '.png', mime: 'image/png', size: 1, provider: 'local', url: '/uploads/cover_hash.png',
        formats: { thumbnail: { url: '/uploads/thumbnail_cover_hash.png', width: 156, height: 156 } },
      },
    });
    await createPost(strapi, board6, alice, { cover: file.id });
    const res = await api().get(`/api/feed?board=${board6.slug}`).expect(200);
    expect(res.body.data[0].coverThumbnailUrl).toBe('/uploads/thumbnail_cover_hash.png');
  });
});

describe('featured posts', () => {
  let boardA: any;
  let boardB: any;
  const soon = () => new Date(Date.now() + 3600_000).toISOString();
  beforeAll(async () => {
    boardA = await createBoard(strapi, { slug: 'featured-a' });
    boardB = await createBoard(strapi, { slug: 'featured-b' });
    const closed = await createBoard(strapi, { slug: 'featured-closed', active: false });
    await postAt(boardA, alice, 'A old plain', '2026-05-01T00:00:00Z');
    await postAt(boardA, alice, 'A rank 2', '2026-05-02T00:00:00Z', { featured: true, featuredRank: 2 });
    await postAt(boardA, alice, 'A unranked', '2026-05-03T00:00:00Z', { featured: true });
    await postAt(boardA, alice, 'A expired', '2026-05-04T00:00:00Z', { featured: true, featuredRank: 0, featuredUntil: '2020-01-01T00:00:00Z' });
    await postAt(boardA, alice, 'A new plain', '2026-05-05T00:00:00Z');
    await postAt(boardB, bob, 'B rank 1 until later', '2026-05-01T00:00:00Z', { featured: true, featuredRank: 1, featuredUntil: soon() });
    await postAt(boardB, bob, 'B unranked newer', '2026-05-06T00:00:00Z', { featured: true });
    await postAt(closed, bob, 'Closed board featured', '2026-05-07T00:00:00Z', { featured: true, featuredRank: 0 });
  });

  it('lists featured posts of active boards by rank, unranked last, newest first within a rank; expired ones never', async () => {
    const res = await api().get('/api/featured').expect(200);
    expect(() => feedPageSchema.parse(res.body)).not.toThrow();
    const mine = titles(res.body).filter((t: string) => /^(A|B|Closed)/.test(t));
    expect(mine).toEqual(['B rank 1 until later', 'A rank 2', 'B unranked newer', 'A unranked']);
    expect(res.body.data.every((item: any) => item.featured === true)).toBe(true);
  });

  it('pages the featured list with cursors', async () => {
    const pages = await allPages('/api/featured', 1);
    const all = pages.flatMap((p) => titles(p)).filter((t: string) => /^(A|B)/.test(t));
    expect(all).toEqual(['B rank 1 until later', 'A rank 2', 'B unranked newer', 'A unranked']);
    expect(pages[pages.length - 1].meta.nextCursor).toBeNull();
  });

  it('puts featured posts first in a board feed on request, and marks them', async () => {
    const plain = await api().get('/api/feed?board=featured-a').expect(200);
    expect(titles(plain.body)).toEqual(['A new plain', 'A expired', 'A unranked', 'A rank 2', 'A old plain']);
    const first = await api().get('/api/feed?board=featured-a&featuredFirst=true').expect(200);
    expect(titles(first.body)).toEqual(['A rank 2', 'A unranked', 'A new plain', 'A expired', 'A old plain']);
    expect(first.body.data.map((i: any) => i.featured)).toEqual([true, true, false, false, false]);
    const pages = await allPages('/api/feed?board=featured-a&featuredFirst=true', 2);
    expect(pages.flatMap(titles)).toEqual(titles(first.body));
  });

  it('drops a post from the featured list when its featuredUntil passes, with no write in between', async () => {
    const board = await createBoard(strapi);
    // Wide enough that a loaded machine still reads it before it ends.
    const until = Date.now() + 6000;
    await postAt(board, bob, 'Briefly featured', '2026-05-08T00:00:00Z', { featured: true, featuredRank: 0, featuredUntil: new Date(until).toISOString() });
    const before = await api().get('/api/featured').expect(200);
    expect(titles(before.body)).toContain('Briefly featured');
    await api().get('/api/featured').expect(200); // served from the cache
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 200));
    const after = await api().get('/api/featured').expect(200);
    expect(titles(after.body)).not.toContain('Briefly featured');
  });
});

describe('likes, chain status and the member view', () => {
  let board: any;
  let post: any;
  beforeAll(async () => {
    board = await createBoard(strapi, { slug: 'likes-board' });
    post = await createPost(strapi, board, alice, { title: 'Liked post' });
  });

  it('takes like counts, the member\'s like state and chain status from the hive-smt plugin', async () => {
    const likes = new Map<string, Set<number>>([[post.documentId, new Set([bob.id, editor.id])]]);
    const calls: Array<number | undefined> = [];
    const restoreEngagement = fakePluginService('engagement', {
      likeCounts: async (ids: string[], memberId?: number) => {
        calls.push(memberId);
        return Object.fromEntries(ids.map((id) => [id, { count: likes.get(id)?.size ?? 0, likedByMe: memberId !== undefined && (likes.get(id)?.has(memberId) ?? false) }]));
      },
    });
    const chain = { status: 'confirmed', author: 'riverside-photo', permlink: 'liked-post', txId: 'ab12', blockNum: 7, url: 'https://hive.blog/@riverside-photo/liked-post', nextAttemptAt: null, error: null };
    const restoreMirror = fakePluginService('mirror', { publicChainStatuses: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, id === post.documentId ? chain : null])) });
    (strapi.service('api::feed.feed') as any).invalidate();
    try {
      const guest = await api().get('/api/feed?board=likes-board').expect(200);
      expect(guest.body.data[0]).toMatchObject({ likeCount: 2, chain });
      expect(guest.body.data[0]).not.toHaveProperty('likedByMe');

      const asBob = await api().get('/api/feed?board=likes-board').set(bearer(bob)).expect(200);
      expect(asBob.body.data[0]).toMatchObject({ likeCount: 2, likedByMe: true });
      const asAlice = await api().get('/api/featured').set(bearer(alice)).expect(200);
      expect(asAlice.body.data.every((item: any) => item.likedByMe === false || item.likedByMe === true)).toBe(true);
      const asAliceFeed = await api().get('/api/feed?board=likes-board').set(bearer(alice)).expect(200);
      expect(asAliceFeed.body.data[0]).toMatchObject({ likeCount: 2, likedByMe: false });
      expect(calls).toContain(alice.id);

      // A like recorded by the plugin (which empties the cache, as every write through Strapi does) shows at once.
      likes.get(post.documentId)!.add(alice.id);
      (strapi.service('api::feed.feed') as any).invalidate();
      const afterLike = await api().get('/api/feed?board=likes-board').expect(200);
      expect(afterLike.body.data[0].likeCount).toBe(3);
      const mine = await api().get('/api/feed?board=likes-board').set(bearer(alice)).expect(200);
      expect(mine.body.data[0]).toMatchObject({ likeCount: 3, likedByMe: true });
    } finally {
      restoreEngagement();
      restoreMirror();
      (strapi.service('api::feed.feed') as any).invalidate();
    }
  });

  it('answers 401 to a bad token instead of silently reading as a guest', async () => {
    const res = await api().get('/api/feed?board=likes-board').set({ Authorization: 'Bearer not-a-jwt' }).expect(401);
    expect(res.body.error.message).toMatch(/Invalid or expired token/);
    await api().get('/api/featured').set({ Authorization: 'Basic abc' }).expect(401);
  });
});

describe('cache invalidation: every write shows in the next read', () => {
  beforeAll(async () => {
    await createBoard(strapi, { slug: 'cache-board', moderationMode: 'review' });
  });
  const read = async () => (await api().get('/api/feed?board=cache-board').expect(200)).body;
  const readFeatured = async () => (await api().get('/api/featured').expect(200)).body;

  it('shows a publish, an edit, a comment, a feature and a delete at the next read', async () => {
    expect((await read()).data).toEqual([]);
    await read(); // cached

    // A member's post waits for review: not in the feed.
    const created = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Cached?', body: 'x', board: 'cache-board' } }).expect(200);
    const id = created.body.data.documentId;
    expect((await read()).data).toEqual([]);

    // An editor publishes it (Document Service, as the Content Manager does).
    await strapi.documents(POST).publish({ documentId: id });
    expect(titles(await read())).toEqual(['Cached?']);

    await strapi.documents(POST).update({ documentId: id, data: { title: 'Edited title' } as any, status: 'published' } as any);
    expect(titles(await read())).toEqual(['Edited title']);

    await api().post('/api/comments').set(bearer(bob)).send({ data: { post: id, body: 'First!' } }).expect(200);
    expect((await read()).data[0].commentCount).toBe(1);

    expect(titles(await readFeatured())).not.toContain('Edited title');
    await api().put(`/api/posts/${id}`).set(bearer(editor)).send({ data: { featured: true, featuredRank: 0 } }).expect(200);
    expect(titles(await readFeatured())).toContain('Edited title');
    expect((await read()).data[0].featured).toBe(true);

    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: alice.id }, data: { displayName: 'Alice Renamed' } });
    expect((await read()).data[0].author.displayName).toBe('Alice Renamed');

    await strapi.documents(POST).unpublish({ documentId: id });
    expect((await read()).data).toEqual([]);
  });

  it('serves a repeated anonymous read from the cache without any query, a miss with four and the next page with two', async () => {
    const feed = strapi.service('api::feed.feed') as any;
    const restoreMirror = fakePluginService('mirror', { publicChainStatuses: async () => ({}) });
    const restoreEngagement = fakePluginService('engagement', { likeCounts: async () => ({}) });
    const cacheBoard = await createBoard(strapi);
    for (let i = 0; i < 25; i++) await createPost(strapi, cacheBoard, bob, { title: `Q${i}` });
    feed.invalidate();
    const recorder = sqlRecorder(strapi);
    const read = (cursor?: string) => recorder.run(async () => JSON.parse(await feed.boardFeed({ board: cacheBoard.slug, limit: 20, featuredFirst: false, cursor })));
    try {
      const miss = await read();
      const hit = await read();
      const next = await read(miss.result.meta.nextCursor);
      expect(miss.result.data).toHaveLength(20);
      expect(next.result.data).toHaveLength(5);
      // The board by slug and the next featuredUntil (both remembered), the page's index range, its posts' items.
      expect(miss.sql).toHaveLength(4);
      expect(hit.sql).toHaveLength(0);
      expect(next.sql).toHaveLength(2);
      expect(next.sql[0]).toMatch(/^SELECT fe\.document_id, .* FROM feed_entries fe WHERE fe\.board_id = \?/);
    } finally {
      recorder.stop();
      restoreMirror();
      restoreEngagement();
    }
  });

  it("shows a member's like, unlike, comment and new post at the next read, with the cache on", async () => {
    const feed = strapi.service('api::feed.feed') as any;
    expect(feed.cacheStats().enabled).toBe(true);
    const board = await createBoard(strapi);
    const post = await createPost(strapi, board, alice, { title: 'Read after write' });
    const readBoard = async () => (await api().get(`/api/feed?board=${board.slug}`).expect(200)).body;
    const item = async () => (await readBoard()).data.find((i: any) => i.documentId === post.documentId);
    expect(await item()).toMatchObject({ likeCount: 0, commentCount: 0 });
    expect(feed.cacheStats().size).toBeGreaterThan(0);

    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(bob)).expect(200);
    expect((await item()).likeCount).toBe(1);
    await api().delete(`/api/posts/${post.documentId}/like`).set(bearer(bob)).expect(200);
    expect((await item()).likeCount).toBe(0);
    await api().post(`/api/posts/${post.documentId}/comments`).set(bearer(bob)).send({ data: { body: 'Read me' } }).expect(200);
    expect((await item()).commentCount).toBe(1);
    const created = await api().post('/api/posts').set(bearer(bob)).send({ data: { title: 'Fresh one', body: 'x', board: board.slug } }).expect(200);
    expect((await readBoard()).data.map((i: any) => i.documentId)).toEqual([created.body.data.documentId, post.documentId]);
  });

  it("forgets only the new post and its board's pages when a post is published, leaving another board's page cached", async () => {
    const feed = strapi.service('api::feed.feed') as any;
    const quiet = await createBoard(strapi);
    const busy = await createBoard(strapi);
    const quietPosts = [];
    for (let i = 0; i < 3; i++) quietPosts.push(await createPost(strapi, quiet, alice, { title: `Quiet ${i}` }));
    await createPost(strapi, busy, alice, { title: 'Busy' });
    const read = () => feed.boardFeed({ board: quiet.slug, limit: 20, featuredFirst: false });
    const first = JSON.parse(await read());
    expect(first.data.map((i: any) => i.documentId)).toEqual(quietPosts.map((p) => p.documentId).reverse());

    // What the publish itself makes this instance forget (its own async context: not what the chain worker does meanwhile).
    const forgotten: string[] = [];
    const context = new AsyncLocalStorage<string[]>();
    const invalidateLocal = feed.invalidateLocal;
    feed.invalidateLocal = (tags?: Iterable<string>) => {
      context.getStore()?.push(...(tags ? [...tags] : ['(everything)']));
      return invalidateLocal(tags);
    };
    let published: any;
    try {
      await context.run(forgotten, async () => {
        published = await createPost(strapi, busy, bob, { title: 'Busy again' });
      });
    } finally {
      feed.invalidateLocal = invalidateLocal;
    }
    expect([...new Set(forgotten)].sort()).toEqual([`board:${busy.id}`, `post:${published.documentId}`].sort());

    // The quiet board's page is still the cached one: no index range read for it.
    const recorder = sqlRecorder(strapi);
    try {
      const after = await recorder.run(read);
      expect(after.sql.filter((sql) => /FROM feed_entries fe WHERE fe\.board_id = \?/.test(sql))).toEqual([]);
      expect(JSON.parse(after.result).data.map((i: any) => i.documentId)).toEqual(first.data.map((i: any) => i.documentId));
    } finally {
      recorder.stop();
    }
  });
});
