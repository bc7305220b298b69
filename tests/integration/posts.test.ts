import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';

let strapi: Core.Strapi;
let board: any;
let reviewBoard: any;
let alice: TestMember;
let bob: TestMember;
let editor: TestMember;
const api = () => request(strapi.server.httpServer);
const countPosts = () => strapi.db.query('api::post.post').count({});

beforeAll(async () => {
  strapi = await startStrapi();
  board = await createBoard(strapi, { slug: 'direct-board', moderationMode: 'direct' });
  reviewBoard = await createBoard(strapi, { slug: 'review-board', moderationMode: 'review' });
  alice = await createMember(strapi);
  bob = await createMember(strapi);
  editor = await createMember(strapi, { role: 'editor' });
});
afterAll(stopStrapi);

describe('reading posts', () => {
  it('shows the public published posts only, never drafts, even when asked for status=draft', async () => {
    const published = await createPost(strapi, board, alice, { title: 'Visible post' });
    const draft = await createPost(strapi, board, alice, { title: 'Draft post' }, 'draft');
    const res = await api().get('/api/posts?status=draft&pagination[pageSize]=100').expect(200);
    const ids = res.body.data.map((p: any) => p.documentId);
    expect(ids).toContain(published.documentId);
    expect(ids).not.toContain(draft.documentId);
    await api().get(`/api/posts/${draft.documentId}`).expect(404);
    await api().get(`/api/posts/${published.documentId}`).expect(200);
  });

  it('hides the posts of an inactive board', async () => {
    const closed = await createBoard(strapi, { active: false });
    const post = await createPost(strapi, closed, alice, { title: 'In a closed board' });
    const res = await api().get('/api/posts?pagination[pageSize]=100').expect(200);
    expect(res.body.data.map((p: any) => p.documentId)).not.toContain(post.documentId);
    await api().get(`/api/posts/${post.documentId}`).expect(404);
  });

  it('filters by board slug and paginates', async () => {
    const other = await createBoard(strapi);
    for (let i = 0; i < 3; i++) await createPost(strapi, other, bob, { title: `Paged ${i}` });
    const page1 = await api().get(`/api/posts?filters[board][slug][$eq]=${other.slug}&pagination[pageSize]=2&sort=title:asc`).expect(200);
    expect(page1.body.data.map((p: any) => p.title)).toEqual(['Paged 0', 'Paged 1']);
    expect(page1.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    const page2 = await api().get(`/api/posts?filters[board][slug][$eq]=${other.slug}&pagination[pageSize]=2&pagination[page]=2&sort=title:asc`).expect(200);
    expect(page2.body.data.map((p: any) => p.title)).toEqual(['Paged 2']);
  });
});

describe('members writing posts', () => {
  it('refuses anonymous writes', async () => {
    await api().post('/api/posts').send({ data: { title: 'x', body: 'y', board: 'direct-board' } }).expect(403);
  });

  it('publishes at once on a direct board, with the member as author', async () => {
    const res = await api()
      .post('/api/posts')
      .set(bearer(alice))
      .send({ data: { title: 'Hello neighbours', body: 'First post', board: 'direct-board', tags: ['hello'] } })
      .expect(200);
    expect(res.body.data.publishedAt).toBeTruthy();
    expect(res.body.meta.moderation).toBe('published');
    const stored = await strapi.documents('api::post.post').findOne({ documentId: res.body.data.documentId, status: 'published', populate: ['author', 'board'] });
    expect((stored as any).author.id).toBe(alice.id);
    expect((stored as any).board.documentId).toBe(board.documentId);
  });

  it('keeps a draft for an editor on a review board', async () => {
    const res = await api()
      .post('/api/posts')
      .set(bearer(alice))
      .send({ data: { title: 'Needs review', body: 'Please approve', board: reviewBoard.documentId } })
      .expect(200);
    expect(res.body.data.publishedAt).toBeNull();
    expect(res.body.meta.moderation).toBe('awaiting-editor');
    const published = await strapi.documents('api::post.post').findOne({ documentId: res.body.data.documentId, status: 'published' });
    expect(published).toBeNull();
  });

  it.each([
    ['an unknown board', { title: 't', body: 'b', board: 'no-such-board' }, /Unknown board/],
    ['a title over 255 bytes', { title: '长'.repeat(86), body: 'b', board: 'direct-board' }, /255 bytes/],
    ['more than 8 tags', { title: 't', body: 'b', board: 'direct-board', tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] }, /At most 8 tags/],
    ['the featured flag', { title: 't', body: 'b', board: 'direct-board', featured: true }, /featuring posts is done by editors/],
    ['a featured rank', { title: 't', body: 'b', board: 'direct-board', featuredRank: 0 }, /featuredRank/],
    ['an empty body', { title: 't', body: '   ', board: 'direct-board' }, /body is required/],
    ['an unknown field', { title: 't', body: 'b', board: 'direct-board', publishedAt: '2020-01-01' }, /Unrecognized key/],
    ['a wrong type', { title: 42, body: 'b', board: 'direct-board' }, /title must be text/],
  ])('rejects %s with a 400 in Strapi\'s error shape and writes nothing', async (_name, data, message) => {
    const before = await countPosts();
    const res = await api().post('/api/posts').set(bearer(alice)).send({ data }).expect(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.message).toMatch(message);
    expect(Array.isArray(res.body.error.details.errors)).toBe(true);
    expect(await countPosts()).toBe(before);
  });

  it('rejects a body without the data wrapper', async () => {
    const res = await api().post('/api/posts').set(bearer(alice)).send({ title: 't' }).expect(400);
    expect(res.body.error.message).toMatch(/Missing "data"/);
  });

  it("links each new post last among its board's posts (Strapi's order), reading the largest order from the index", async () => {
    const ordered = await createBoard(strapi, { slug: 'ordered-board' });
    const queries: string[] = [];
    const listen = (query: { sql: string }) => queries.push(query.sql);
    const knex: any = strapi.db.connection;
    knex.on('query', listen);
    const ids: string[] = [];
    try {
      for (const title of ['First in order', 'Second in order', 'Third in order']) {
        ids.push((await api().post('/api/posts').set(bearer(alice)).send({ data: { title, body: 'b', board: 'ordered-board' } }).expect(200)).body.data.documentId);
      }
    } finally {
      knex.off('query', listen);
    }
    const meta: any = strapi.db.metadata.get('api::post.post' as any);
    const { name, joinColumn, inverseJoinColumn, inverseOrderColumnName } = meta.attributes.board.joinTable;
    const links = await knex(`${name} as l`)
      .join(`${meta.tableName} as p`, 'p.id', `l.${joinColumn.name}`)
      .where(`l.${inverseJoinColumn.name}`, ordered.id)
      .orderBy(`l.${inverseOrderColumnName}`)
      .select('p.document_id as documentId', `l.${inverseOrderColumnName} as ord`);
    // Each post's draft and published row share its place; posts in the order they were written, 1, 2, 3, as Strapi numbers them.
    expect(links.map((l: any) => Number(l.ord))).toEqual([1, 1, 2, 2, 3, 3]);
    expect([...new Set(links.map((l: any) => l.documentId))]).toEqual(ids);
    // The largest order so far came from one index entry, never from a grouped max over the board's links.
    expect(queries.some((sql) => /max\(.post_ord.\)/.test(sql))).toBe(false);
    expect(queries.filter((sql) => /order by .post_ord. desc limit 1/.test(sql)).length).toBeGreaterThanOrEqual(6);
  });

  it('accepts a 255-byte Chinese title (85 characters)', async () => {
    await api().post('/api/posts').set(bearer(alice)).send({ data: { title: '长'.repeat(85), body: 'b', board: 'direct-board' } }).expect(200);
  });
});

describe('editing and deleting', () => {
  let post: any;
  beforeEach(async () => {
    post = await createPost(strapi, board, alice, { title: 'Alice owns this' });
  });

  it('lets the author edit and keeps it published', async () => {
    const res = await api().put(`/api/posts/${post.documentId}`).set(bearer(alice)).send({ data: { title: 'Edited by Alice' } }).expect(200);
    expect(res.body.data.title).toBe('Edited by Alice');
    const live = await strapi.documents('api::post.post').findOne({ documentId: post.documentId, status: 'published' });
    expect(live!.title).toBe('Edited by Alice');
  });

  it('refuses another member editing or deleting', async () => {
    const edit = await api().put(`/api/posts/${post.documentId}`).set(bearer(bob)).send({ data: { title: 'Hijacked' } }).expect(403);
    expect(edit.body.error.message).toMatch(/your own posts/);
    await api().delete(`/api/posts/${post.documentId}`).set(bearer(bob)).expect(403);
    const live = await strapi.documents('api::post.post').findOne({ documentId: post.documentId, status: 'published' });
    expect(live!.title).toBe('Alice owns this');
  });

  it('refuses the author setting featured fields on their own post', async () => {
    await api().put(`/api/posts/${post.documentId}`).set(bearer(alice)).send({ data: { featured: true } }).expect(400);
    const live = await strapi.documents('api::post.post').findOne({ documentId: post.documentId, status: 'published' });
    expect(live!.featured).toBe(false);
  });

  it('lets an editor feature a post but change nothing else', async () => {
    const res = await api()
      .put(`/api/posts/${post.documentId}`)
      .set(bearer(editor))
      .send({ data: { featured: true, featuredRank: 1, featuredUntil: '2030-01-01T00:00:00Z' } })
      .expect(200);
    expect(res.body.data.featured).toBe(true);
    const live = await strapi.documents('api::post.post').findOne({ documentId: post.documentId, status: 'published' });
    expect(live).toMatchObject({ featured: true, featuredRank: 1 });
    await api().put(`/api/posts/${post.documentId}`).set(bearer(editor)).send({ data: { title: 'Editor title' } }).expect(400);
  });

  it("publishes nothing an editor did not review: an editor's edit on a review board leaves the owner's pending edit a draft", async () => {
    const reviewed = await createPost(strapi, reviewBoard, alice, { title: 'Approved title', body: 'Approved body' });
    await api().put(`/api/posts/${reviewed.documentId}`).set(bearer(alice)).send({ data: { title: 'Unreviewed title' } }).expect(200);
    const live = () => strapi.documents('api::post.post').findOne({ documentId: reviewed.documentId, status: 'published' });
    expect((await live())!.title).toBe('Approved title');

    const empty = await api().put(`/api/posts/${reviewed.documentId}`).set(bearer(editor)).send({ data: {} }).expect(200);
    expect(empty.body.data.title).toBe('Approved title');
    expect((await live())!.title).toBe('Approved title');

    await api().put(`/api/posts/${reviewed.documentId}`).set(bearer(editor)).send({ data: { featured: true, featuredRank: 2 } }).expect(200);
    expect(await live()).toMatchObject({ title: 'Approved title', featured: true, featuredRank: 2 });
    const draft = await strapi.documents('api::post.post').findOne({ documentId: reviewed.documentId, status: 'draft' });
    expect(draft).toMatchObject({ title: 'Unreviewed title', featured: true, featuredRank: 2 });
    // The owner still sees their edit as waiting.
    const mine = await api().get('/api/me/posts?pageSize=100').set(bearer(alice)).expect(200);
    expect(mine.body.data.find((p: any) => p.documentId === reviewed.documentId).status).toBe('modified');
    const publicView = await api().get(`/api/posts/${reviewed.documentId}`).expect(200);
    expect(publicView.body.data.title).toBe('Approved title');
  });

  it('lets the author delete their post', async () => {
    await api().delete(`/api/posts/${post.documentId}`).set(bearer(alice)).expect(204);
    expect(await strapi.documents('api::post.post').findOne({ documentId: post.documentId })).toBeNull();
  });

  it('answers 404 for a post that does not exist', async () => {
    await api().put('/api/posts/doesnotexist123').set(bearer(alice)).send({ data: { title: 'x' } }).expect(404);
  });
});
