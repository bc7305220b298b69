import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { allocationsOf, createRewardBoard, settled } from '../helpers/rewards';

/**
 * Downvotes, Hive-Engine's negative vote: one vote per member and post (a
 * downvote and a like replace each other), their own power store, a weight
 * that comes off the post's total at settlement, and a board that turns them
 * off answering 403 and writing nothing.
 */
let strapi: Core.Strapi;
let author: TestMember;
let m1: TestMember;
let m2: TestMember;
let m3: TestMember;
const api = () => request(strapi.server.httpServer);
const events = (where: Record<string, unknown>) =>
  strapi.db.query('plugin::hive-smt.ledger-event' as any).findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }] }) as Promise<any[]>;
const powerOf = (boardDocumentId: string, member: TestMember) =>
  strapi.db.query('plugin::hive-smt.vote-power' as any).findOne({ where: { boardDocumentId, memberId: member.id } }) as Promise<any>;
const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member));
const downvote = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/downvote`).set(bearer(member));
const undownvote = (member: TestMember, documentId: string) => api().delete(`/api/posts/${documentId}/downvote`).set(bearer(member));
const sum = (rows: any[]) => rows.reduce((s, r) => s + BigInt(r.amount), 0n);

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  [author, m1, m2, m3] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi), createMember(strapi)]);
});
afterAll(stopStrapi);

describe('downvotes', () => {
  it('replace the member’s like, spend downvote power (not vote power) and keep one ledger state per member and post', async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    await like(m1, post.documentId).expect(200);
    const liked = await powerOf(board.documentId, m1);
    expect(Number(liked.power)).toBe(9800);

    const down = await downvote(m1, post.documentId).expect(200);
    expect(down.body).toMatchObject({
      data: { documentId: post.documentId, liked: false, downvoted: true, likeCount: 0, votePower: 10000, weight: -10000, note: null },
      meta: { changed: true },
    });
    await downvote(m1, post.documentId)
      .expect(200)
      .expect((r) => expect(r.body.meta.changed).toBe(false));
    const power = await powerOf(board.documentId, m1);
    // The like's power stays as the like left it; the downvote spent its own store (200 of 10000 by default).
    expect(Number(power.power)).toBe(9800);
    expect(Number(power.downvotePower)).toBe(9800);
    // A downvote is not a like anywhere a like is counted.
    const counts = await (strapi.plugin('hive-smt').service('engagement') as any).likeCounts([post.documentId], m1.id);
    expect(counts[post.documentId]).toMatchObject({ likeCount: 0, likedByMe: false });
    expect((await events({ postDocumentId: post.documentId })).map((e) => [e.type, e.weight])).toEqual([['downvote', -10000]]);

    // Liking again replaces the downvote; withdrawing a downvote that is no longer there changes nothing.
    const again = await like(m1, post.documentId).expect(200);
    expect(again.body.data).toMatchObject({ liked: true, downvoted: false, likeCount: 1 });
    await undownvote(m1, post.documentId)
      .expect(200)
      .expect((r) => expect(r.body.meta.changed).toBe(false));
    await downvote(m1, post.documentId).expect(200);
    const gone = await undownvote(m1, post.documentId).expect(200);
    expect(gone.body).toMatchObject({ data: { downvoted: false, liked: false, likeCount: 0 }, meta: { changed: true } });
    expect((await events({ postDocumentId: post.documentId })).map((e) => e.type)).toEqual(['unlike']);
  });

  it("take the downvoter's power off the post's total at settlement and pay the downvoter nothing", async () => {
    // Post curve 1: a post's claim is its net weight. a: two full likes less one full downvote; b: one full like.
    const board = await createRewardBoard(strapi, { postRewardCurveParameter: 1, curationRewardCurveParameter: 1 });
    const a = await createPost(strapi, board, author);
    const b = await createPost(strapi, board, m2);
    await like(m1, a.documentId).expect(200);
    await like(m2, a.documentId).expect(200);
    await like(m1, b.documentId).expect(200);
    const down = await downvote(m3, a.documentId).expect(200);
    expect(down.body.data.weight).toBe(-10000);
    await settled(strapi, board.documentId);

    const ofA = await allocationsOf(strapi, { postDocumentId: a.documentId });
    const ofB = await allocationsOf(strapi, { postDocumentId: b.documentId });
    // m1's like of b came after their like of a: 9800 against 10000 (and a nets 10000 + 9800 − 10000).
    const aNet = 10000 + 10000 - 10000;
    const bNet = 9800;
    const ratio = Number(sum(ofA)) / Number(sum(ofB));
    expect(ratio).toBeCloseTo(aNet / bNet, 2);
    expect(ofA.some((x) => x.memberId === m3.id)).toBe(false);
    // Curators of a still share its curation part by their likes.
    expect(
      ofA
        .filter((x) => x.role === 'curator')
        .map((x) => x.memberId)
        .sort(),
    ).toEqual([m1.id, m2.id].sort());
  }, 60000);

  it('leave a post downvoted to zero with nothing', async () => {
    const board = await createRewardBoard(strapi);
    const a = await createPost(strapi, board, author);
    const b = await createPost(strapi, board, author);
    await like(m2, a.documentId).expect(200);
    await downvote(m3, a.documentId).expect(200);
    await like(m1, b.documentId).expect(200);
    await settled(strapi, board.documentId);
    expect(await allocationsOf(strapi, { postDocumentId: a.documentId })).toEqual([]);
    expect((await allocationsOf(strapi, { postDocumentId: b.documentId })).length).toBeGreaterThan(0);
  }, 60000);

  it('are refused with a 403 saying so on a board that turned them off, and write nothing', async () => {
    const board = await createRewardBoard(strapi, { disableDownvote: true });
    const post = await createPost(strapi, board, author);
    await like(m1, post.documentId).expect(200);
    const refused = await downvote(m1, post.documentId).expect(403);
    expect(refused.body).toMatchObject({ data: null, error: { status: 403 } });
    expect(refused.body.error.message).toMatch(/Downvotes are turned off/);
    // The like stands: nothing of the downvote was written.
    const counts = await (strapi.plugin('hive-smt').service('engagement') as any).likeCounts([post.documentId], m1.id);
    expect(counts[post.documentId]).toMatchObject({ likeCount: 1, likedByMe: true });
    expect((await events({ postDocumentId: post.documentId })).map((e) => e.type)).toEqual(['like']);
    const power = await powerOf(board.documentId, m1);
    expect(power.downvotePower).toBeNull();
  });

  it("answer in Strapi's error shape for a bad id, an unknown post and a missing token", async () => {
    await downvote(m1, 'bad id!')
      .expect(400)
      .expect((r) => expect(r.body.error.name).toBe('ValidationError'));
    await downvote(m1, 'nosuchpostdocumentid00000')
      .expect(404)
      .expect((r) => expect(r.body.error.message).toMatch(/No published post/));
    await api().post('/api/posts/nosuchpostdocumentid00000/downvote').expect(403);
  });
});
