import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { searchPageSchema } from '../../src/openapi/community-schemas';

let strapi: Core.Strapi;
let school: any;
let photo: any;
let alice: TestMember;
const api = () => request(strapi.server.httpServer);
const search = async (query: Record<string, string>) => (await api().get('/api/search').query(query).expect(200)).body;
const titles = (body: any) => body.data.map((hit: any) => hit.title);

beforeAll(async () => {
  strapi = await startStrapi();
  school = await createBoard(strapi, { slug: 'search-school', name: 'Maple School' });
  photo = await createBoard(strapi, { slug: 'search-photo', name: 'Photo Club' });
  alice = await createMember(strapi);
  await createPost(strapi, school, alice, { title: '学校花园：周六种植日', body: '请带手套。We plant **spring bulbs** on Saturday.' });
  await createPost(strapi, school, alice, { title: 'Year 4 reading list', body: '老师推荐的书：夏洛的网。Also a garden book.' });
  await createPost(strapi, photo, alice, { title: 'Golden hour walk', body: 'Herons by the river garden at dusk.' });
  await createPost(strapi, school, alice, { title: 'Garden draft', body: 'secret garden plans' }, 'draft');
  const closed = await createBoard(strapi, { slug: 'search-closed', active: false });
  await createPost(strapi, closed, alice, { title: 'Closed garden', body: 'garden' });
});
afterAll(stopStrapi);

describe('GET /api/search', () => {
  it('finds Chinese words inside titles and bodies', async () => {
    const flower = await search({ q: '花园' });
    expect(() => searchPageSchema.parse(flower)).not.toThrow();
    expect(titles(flower)).toEqual(['学校花园：周六种植日']);
    expect(flower.data[0].titleHtml).toBe('学校<mark>花园</mark>：周六种植日');
    expect(titles(await search({ q: '夏洛的网' }))).toEqual(['Year 4 reading list']);
    expect(titles(await search({ q: '种植日' }))).toEqual(['学校花园：周六种植日']);
  });

  it('ranks title matches first, needs every word, and leaves out drafts and closed boards', async () => {
    const garden = await search({ q: 'garden' });
    expect(titles(garden)).toHaveLength(2);
    expect(new Set(titles(garden))).toEqual(new Set(['Year 4 reading list', 'Golden hour walk']));
    expect(titles(await search({ q: 'garden herons' }))).toEqual(['Golden hour walk']);
    expect(titles(await search({ q: 'SPRING bulbs' }))).toEqual(['学校花园：周六种植日']);
    const hit = (await search({ q: 'spring' })).data[0];
    expect(hit.snippetHtml).toContain('<mark>spring</mark>');
    expect(hit.snippetHtml).not.toContain('**');
    expect(hit.board).toEqual({ slug: 'search-school', name: 'Maple School' });
    expect((await search({ q: 'secret' })).data).toEqual([]);
    expect(titles(await search({ q: 'closed' }))).toEqual([]);
  });

  it('narrows to a board and pages by cursor', async () => {
    expect(titles(await search({ q: 'garden', board: 'search-photo' }))).toEqual(['Golden hour walk']);
    const first = await search({ q: 'garden', limit: '1' });
    expect(first.data).toHaveLength(1);
    const second = await search({ q: 'garden', limit: '1', cursor: first.meta.nextCursor });
    expect(second.data).toHaveLength(1);
    expect(second.data[0].documentId).not.toBe(first.data[0].documentId);
    expect(second.meta.nextCursor).toBeNull();
  });

  it('follows edits, unpublishing and deletion at once', async () => {
    const post = await createPost(strapi, photo, alice, { title: 'Kingfisher sighting', body: 'blue flash' });
    expect(titles(await search({ q: 'kingfisher' }))).toEqual(['Kingfisher sighting']);
    await api().put(`/api/posts/${post.documentId}`).set(bearer(alice)).send({ data: { title: 'Heron sighting' } }).expect(200);
    expect(titles(await search({ q: 'kingfisher' }))).toEqual([]);
    expect(titles(await search({ q: 'heron sighting' }))).toEqual(['Heron sighting']);
    await strapi.documents('api::post.post').unpublish({ documentId: post.documentId });
    expect(titles(await search({ q: 'heron sighting' }))).toEqual([]);
    await strapi.documents('api::post.post').publish({ documentId: post.documentId });
    expect(titles(await search({ q: 'heron sighting' }))).toEqual(['Heron sighting']);
    await api().delete(`/api/posts/${post.documentId}`).set(bearer(alice)).expect(204);
    expect(titles(await search({ q: 'heron sighting' }))).toEqual([]);
  });

  it('treats the query as text, never as FTS or LIKE syntax', async () => {
    for (const q of ['garden OR *', 'NEAR(garden herons)', "'; DROP TABLE posts; --", 'zz"qq', 'zz_qq', '50%']) expect((await search({ q })).data).toEqual([]);
    // Punctuation alone (", %, _) holds no word to search for.
    for (const q of ['"', '%', '_']) await api().get('/api/search').query({ q }).expect(400);
    expect(titles(await search({ q: 'garden' }))).toHaveLength(2);
  });

  it('refuses bad input with a 400', async () => {
    for (const query of [{}, { q: '' }, { q: 'x'.repeat(101) }, { q: 'a', limit: '0' }, { q: 'a', limit: '51' }, { q: 'a', board: 'bad slug!' }, { q: 'a', cursor: 'zzz' }, { q: 'a', other: '1' }, { q: '!!!' }]) {
      const res = await api().get('/api/search').query(query).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
    const cursor = (await search({ q: 'garden', limit: '1' })).meta.nextCursor;
    await api().get('/api/search').query({ q: 'herons', cursor }).expect(400);
  });
});
