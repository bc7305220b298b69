import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { adminAuth, createAdmin, type TestAdmin } from '../helpers/admins';
import { allocationsOf, createRewardBoard, settled, sumByMember } from '../helpers/rewards';

/**
 * Who earns on a board (rewards/trust.ts): registration is open, so new
 * accounts' likes weigh a small share and earn nothing until they qualify by
 * account age, a proof the board asks for, or an editor's approval.
 */
let strapi: Core.Strapi;
let editor: TestAdmin;
const api = () => request(strapi.server.httpServer);
const DAY = 24 * 3600 * 1000;
const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member));

/** A member whose account was made `days` ago. */
async function memberSince(days: number, data: Record<string, unknown> = {}) {
  const member = await createMember(strapi);
  await strapi.db.query('plugin::users-permissions.user').update({ where: { id: member.id }, data: { createdAt: new Date(Date.now() - days * DAY), ...data } });
  return member;
}

const paidTo = async (postDocumentId: string) => (await allocationsOf(strapi, { postDocumentId })).reduce((s, a) => s + BigInt(a.amount), 0n);

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '600', REWARDS_TICK_MS: '300', RATE_LIMIT_LIKES_PER_MEMBER: '1000' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  editor = await createAdmin(strapi, 'strapi-editor');
});
afterAll(stopStrapi);

/** Two posts by established authors, each liked once by an established member; then ten accounts made today like the second. */
async function tenFreshAccounts(economics: Record<string, unknown>) {
  const board = await createRewardBoard(strapi, economics);
  const [authorA, authorB, likerA, likerB] = await Promise.all([memberSince(30), memberSince(30), memberSince(30), memberSince(30)]);
  const control = await createPost(strapi, board, authorA);
  const target = await createPost(strapi, board, authorB);
  await like(likerA, control.documentId).expect(200);
  await like(likerB, target.documentId).expect(200);
  const fresh = await Promise.all(Array.from({ length: 10 }, () => createMember(strapi)));
  const answers = [];
  for (const account of fresh) answers.push((await like(account, target.documentId).expect(200)).body.data);
  await settled(strapi, board.documentId);
  const allocations = await allocationsOf(strapi, { boardDocumentId: board.documentId });
  const earnedByFresh = fresh.reduce((s, f) => s + (sumByMember(allocations).get(f.id) ?? 0n), 0n);
  return { ratio: Number((await paidTo(target.documentId)) * 1000n / (await paidTo(control.documentId))) / 1000, answers, earnedByFresh };
}

describe('ten fresh accounts liking one post', () => {
  it('barely move its reward under the default rule, and earn nothing', async () => {
    const { ratio, answers, earnedByFresh } = await tenFreshAccounts({ minAccountAgeDays: 7 });
    for (const answer of answers) expect(answer).toMatchObject({ liked: true, votePower: 10000, weight: 100, note: 'new-member' });
    // 10,000 + 10 × 100 against 10,000: the post earns about a tenth more than its twin, not eleven times as much.
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(1.15);
    expect(earnedByFresh).toBe(0n);
  }, 60000);

  it('multiply it about elevenfold on a board that trusts every account from day one (what the rule prevents)', async () => {
    const { ratio, earnedByFresh } = await tenFreshAccounts({ minAccountAgeDays: 0 });
    expect(ratio).toBeGreaterThan(9);
    expect(earnedByFresh).toBeGreaterThan(0n);
  }, 60000);
});

describe('qualifying', () => {
  it('a post by an author the board does not trust yet earns nothing; its likers are not paid for it', async () => {
    const board = await createRewardBoard(strapi, { minAccountAgeDays: 7 });
    const newcomer = await createMember(strapi);
    const [fan, other] = await Promise.all([memberSince(30), memberSince(30)]);
    const theirs = await createPost(strapi, board, newcomer);
    const control = await createPost(strapi, board, other);
    await like(fan, theirs.documentId).expect(200);
    await like(fan, control.documentId).expect(200);
    await settled(strapi, board.documentId);
    expect(await allocationsOf(strapi, { postDocumentId: theirs.documentId })).toEqual([]);
    expect(await paidTo(control.documentId)).toBeGreaterThan(0n);
  }, 60000);

  it("asks for the board's proof on top of the account's age: a confirmed email, or a WeChat login", async () => {
    const byEmail = await createRewardBoard(strapi, { minAccountAgeDays: 7, earningProof: 'confirmed-email' });
    const byWechat = await createRewardBoard(strapi, { minAccountAgeDays: 7, earningProof: 'wechat-or-phone' });
    const author = await memberSince(30);
    const [confirmed, unconfirmed, wechat] = [await memberSince(30, { confirmed: true }), await memberSince(30, { confirmed: false }), await memberSince(30, { provider: 'wechat' })];
    const onEmail = await createPost(strapi, byEmail, author);
    const onWechat = await createPost(strapi, byWechat, author);
    expect((await like(confirmed, onEmail.documentId).expect(200)).body.data).toMatchObject({ weight: 10000, note: null });
    expect((await like(unconfirmed, onEmail.documentId).expect(200)).body.data).toMatchObject({ weight: 100, note: 'new-member' });
    expect((await like(wechat, onEmail.documentId).expect(200)).body.data).toMatchObject({ note: 'new-member' });
    expect((await like(wechat, onWechat.documentId).expect(200)).body.data).toMatchObject({ weight: 10000, note: null });
    expect((await like(confirmed, onWechat.documentId).expect(200)).body.data).toMatchObject({ note: 'new-member' });
  });

  it("counts an editor's approval instead of the age, on every board, until it is withdrawn", async () => {
    const board = await createRewardBoard(strapi, { minAccountAgeDays: 30, earningProof: 'editor-approval' });
    const author = await memberSince(60);
    const newcomer = await createMember(strapi);
    const [a, b] = [await createPost(strapi, board, author), await createPost(strapi, board, author)];
    expect((await like(newcomer, a.documentId).expect(200)).body.data.note).toBe('new-member');

    await api().post(`/hive-smt/curation/members/${newcomer.id}/approve`).set(adminAuth(editor)).expect(200);
    await api().post(`/hive-smt/curation/members/${newcomer.id}/approve`).set(adminAuth(editor)).expect(200);
    const listed = await api().get(`/hive-smt/curation/members?q=${newcomer.username}`).set(adminAuth(editor)).expect(200);
    expect(listed.body.data[0].approvedForRewards).toEqual(expect.any(String));
    expect((await like(newcomer, b.documentId).expect(200)).body.data).toMatchObject({ weight: expect.any(Number), note: null });

    await api().delete(`/hive-smt/curation/members/${newcomer.id}/approve`).set(adminAuth(editor)).expect(200);
    await api().delete(`/api/posts/${b.documentId}/like`).set(bearer(newcomer)).expect(200);
    expect((await like(newcomer, b.documentId).expect(200)).body.data.note).toBe('new-member');
  });

  it('refuses a trust rule the engine cannot read, with the field named', async () => {
    await expect(createRewardBoard(strapi, { earningProof: 'a-selfie' })).rejects.toThrow(/economics\.earningProof/);
    await expect(createRewardBoard(strapi, { newMemberLikeWeightPercent: 150 })).rejects.toThrow(/economics\.newMemberLikeWeightPercent/);
  });
});
