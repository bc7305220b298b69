import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { waitFor } from '../helpers/chain';
import { createRewardBoard, createToken, linkAccount, payoutsOf, settled } from '../helpers/rewards';
import { notificationPageSchema } from '../../src/openapi/community-schemas';

let strapi: Core.Strapi;
let board: any;
let alice: TestMember;
let bob: TestMember;
let carol: TestMember;
const api = () => request(strapi.server.httpServer);
const inbox = async (member: TestMember, query = '') => (await api().get(`/api/me/notifications${query}`).set(bearer(member)).expect(200)).body;
const pass = () => (strapi.service('api::notification.pass') as any).run();
const comment = (member: TestMember, postId: string, body: string, parent?: string) =>
  api().post(`/api/posts/${postId}/comments`).set(bearer(member)).send({ data: { body, ...(parent ? { parent } : {}) } }).expect(200);

beforeAll(async () => {
  strapi = await startStrapi({ NOTIFICATIONS_PASS_MS: '0', REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  board = await createBoard(strapi);
  alice = await createMember(strapi, { username: 'alice_n' });
  bob = await createMember(strapi, { username: 'bob_n' });
  carol = await createMember(strapi, { username: 'Carol_N' });
  await api().put('/api/me').set(bearer(bob)).send({ data: { displayName: 'Bob' } }).expect(200);
});
afterAll(stopStrapi);

describe('replies and mentions', () => {
  it('tells the post\'s author of a comment, the comment\'s author of a reply, and whoever is @mentioned, once each', async () => {
    const post = await createPost(strapi, board, alice, { title: 'Planting day' });
    const top = (await comment(bob, post.documentId, 'Count me in, @carol_n and @alice_n! mail me at x@alice_n.com')).body.data.documentId;
    await comment(alice, post.documentId, 'Great, @bob_n', top);
    await comment(alice, post.documentId, 'note to self @alice_n');

    const a = await inbox(alice);
    expect(() => notificationPageSchema.parse(a)).not.toThrow();
    // Bob's comment is a reply on her post that also mentions her: one notification.
    expect(a.data.map((n: any) => [n.kind, n.actors[0]?.displayName, n.post?.title])).toEqual([['reply', 'Bob', 'Planting day']]);
    expect(a.data[0].text).toBe('Bob replied on 「Planting day」');
    expect(a.meta.unread).toBe(1);
    expect((await inbox(carol)).data.map((n: any) => n.kind)).toEqual(['mention']);
    expect((await inbox(bob)).data.map((n: any) => n.kind)).toEqual(['reply']);
    expect((await api().get('/api/me').set(bearer(alice))).body.data.unreadNotifications).toBe(1);
  });

  it('says nothing while a comment waits for review', async () => {
    const reviewed = await createBoard(strapi, { commentModeration: 'review' });
    const post = await createPost(strapi, reviewed, carol);
    const before = (await inbox(carol)).data.length;
    await comment(bob, post.documentId, 'held @carol_n');
    expect((await inbox(carol)).data.length).toBe(before);
  });
});

describe('likes', () => {
  it('groups likes on a post until the author reads them', async () => {
    const post = await createPost(strapi, board, carol, { title: 'Lost cat' });
    const dave = await createMember(strapi);
    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(bob)).expect(200);
    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(dave)).expect(200);
    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(carol)).expect(200);
    await pass();
    await pass();
    const likes = (await inbox(carol)).data.filter((n: any) => n.kind === 'like');
    expect(likes).toHaveLength(1);
    expect(likes[0]).toMatchObject({ count: 2, post: { documentId: post.documentId, title: 'Lost cat' } });
    expect(likes[0].actors.map((x: any) => x.displayName)).toEqual([dave.username, 'Bob']);
    expect(likes[0].text).toBe(`${dave.username} and 1 other liked 「Lost cat」`);

    await api().post('/api/me/notifications/read').set(bearer(carol)).send({ ids: [likes[0].id] }).expect(200);
    const erin = await createMember(strapi);
    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(erin)).expect(200);
    await pass();
    const after = (await inbox(carol)).data.filter((n: any) => n.kind === 'like');
    expect(after.map((n: any) => [n.count, n.read])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});

describe('POST /api/me/notifications/read and paging', () => {
  it('marks the member\'s own notifications read, by id or all', async () => {
    const post = await createPost(strapi, board, bob);
    for (let i = 0; i < 3; i++) await comment(alice, post.documentId, `c${i}`);
    const list = await inbox(bob);
    const carolsOwn = (await inbox(carol)).data[0];
    const res = await api().post('/api/me/notifications/read').set(bearer(bob)).send({ ids: [list.data[0].id, carolsOwn.id] }).expect(200);
    expect(res.body.data.marked).toBe(1);
    expect((await inbox(carol)).data.find((n: any) => n.id === carolsOwn.id).read).toBe(carolsOwn.read);
    await api().post('/api/me/notifications/read').set(bearer(bob)).send({ all: true }).expect(200);
    expect((await inbox(bob)).meta.unread).toBe(0);
  });

  it('pages newest first by cursor', async () => {
    const post = await createPost(strapi, board, carol);
    for (let i = 0; i < 5; i++) await comment(bob, post.documentId, `page ${i}`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await inbox(carol, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((n: any) => n.id));
      cursor = page.meta.nextCursor;
    } while (cursor);
    const all = (await inbox(carol, '?limit=50')).data.map((n: any) => n.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses guests and bad input', async () => {
    await api().get('/api/me/notifications').expect(403);
    await api().post('/api/me/notifications/read').send({ all: true }).expect(403);
    for (const q of ['?limit=0', '?limit=51', '?cursor=abc', '?other=1']) await api().get(`/api/me/notifications${q}`).set(bearer(bob)).expect(400);
    for (const body of [{}, { all: false }, { ids: [] }, { ids: ['x'] }, { ids: [1], all: true }, { ids: Array.from({ length: 101 }, (_, i) => i + 1) }]) {
      const res = await api().post('/api/me/notifications/read').set(bearer(bob)).send(body).expect(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
  });
});

describe('rewards paid', () => {
  it('tells each member of a payment that landed on chain, once', async () => {
    await createToken(strapi, 'maple-tokens', 'NOTE', 3, '1000000.000');
    const author = await createMember(strapi);
    const fan = await createMember(strapi);
    expect((await linkAccount(strapi, author, 'alice')).status).toBe(200);
    const rewardBoard = await createRewardBoard(strapi, { symbol: 'NOTE' });
    const post = await createPost(strapi, rewardBoard, author);
    await api().post(`/api/posts/${post.documentId}/like`).set(bearer(fan)).expect(200);
    await settled(strapi, rewardBoard.documentId);
    const [line] = await waitFor(async () => {
      const lines = await payoutsOf(strapi, { boardDocumentId: rewardBoard.documentId, memberId: author.id });
      return lines.length && lines.every((l) => l.state === 'paid') ? lines : null;
    }, 'the author to be paid', 40000, 200);
    await pass();
    await pass();
    const rewards = (await inbox(author)).data.filter((n: any) => n.kind === 'reward');
    expect(rewards).toHaveLength(1);
    expect(rewards[0].payload).toMatchObject({ symbol: 'NOTE', boardDocumentId: rewardBoard.documentId, txId: line.txId });
    expect(rewards[0].text).toBe(`You were paid ${rewards[0].payload.amount} NOTE`);
    expect(Number(rewards[0].payload.amount)).toBeGreaterThan(0);
  }, 90000);
});
