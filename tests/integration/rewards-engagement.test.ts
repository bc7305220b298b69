import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { allocationsOf, createRewardBoard, emitted, rewards, settled, sumByMember } from '../helpers/rewards';
import { waitFor } from '../helpers/chain';
import { adminAuth, createAdmin } from '../helpers/admins';

/**
 * Engagement → ledger → settlement, and the abuse cases: self-likes, like/unlike
 * loops, duplicate likes racing, muted members, the daily caps. Posts settle
 * REWARDS_CASHOUT_SECONDS after they were written: long here, so a slow
 * machine never races it; tests close the windows with settled(), and one
 * test lets a short window run out by itself.
 */
let strapi: Core.Strapi;
let author: TestMember;
let m1: TestMember;
let m2: TestMember;
let m3: TestMember;
const api = () => request(strapi.server.httpServer);
const EVENT = 'plugin::hive-smt.ledger-event';
const events = (where: Record<string, unknown>) => strapi.db.query(EVENT as any).findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }] }) as Promise<any[]>;
const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member));
const unlike = (member: TestMember, documentId: string) => api().delete(`/api/posts/${documentId}/like`).set(bearer(member));

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300', RATE_LIMIT_LIKES_PER_MEMBER: '40' });
  // Listening once: parallel supertest requests would each try to listen on the same server.
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  [author, m1, m2, m3] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi), createMember(strapi)]);
});
afterAll(stopStrapi);

describe('likes', () => {
  it('likes and unlikes over REST, one like per member and post, with the like count for feeds', async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    const first = await like(m1, post.documentId).expect(200);
    expect(first.body.data).toMatchObject({ documentId: post.documentId, liked: true, likeCount: 1, votePower: 10000, weight: 10000, note: null });
    expect(first.body.meta).toEqual({ changed: true });
    const again = await like(m1, post.documentId).expect(200);
    expect(again.body).toMatchObject({ data: { liked: true, likeCount: 1 }, meta: { changed: false } });

    const counts = await (strapi.plugin('hive-smt').service('engagement') as any).likeCounts([post.documentId, 'nope'], m1.id);
    expect(counts[post.documentId]).toMatchObject({ count: 1, likeCount: 1, likedByMe: true });
    expect(counts.nope).toMatchObject({ likeCount: 0, likedByMe: false });
    expect((await (strapi.plugin('hive-smt').service('engagement') as any).likeCounts([post.documentId], m2.id))[post.documentId].likedByMe).toBe(false);

    const gone = await unlike(m1, post.documentId).expect(200);
    expect(gone.body).toMatchObject({ data: { liked: false, likeCount: 0 }, meta: { changed: true } });
    await unlike(m1, post.documentId)
      .expect(200)
      .expect((r) => expect(r.body.meta.changed).toBe(false));
    // One ledger state per member and post in the reward window: the unlike replaced the like.
    expect((await events({ postDocumentId: post.documentId })).map((e) => e.type)).toEqual(['unlike']);
  });

  it('records one like when the same member likes in parallel', async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    const answers = await Promise.all(Array.from({ length: 12 }, () => like(m2, post.documentId)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(answers.filter((r) => r.body.meta.changed)).toHaveLength(1);
    expect(await events({ postDocumentId: post.documentId, type: 'like' })).toHaveLength(1);
    expect(await strapi.db.query('plugin::hive-smt.like' as any).count({ where: { postDocumentId: post.documentId } })).toBe(1);
    // The member's power was spent once.
    const power = await strapi.db.query('plugin::hive-smt.vote-power' as any).findOne({ where: { boardDocumentId: board.documentId, memberId: m2.id } });
    expect(Number(power.power)).toBe(9800);
  });

  it("answers in Strapi's error shape: 404 for an unknown or draft post, 403 without a token, 400 for a bad id", async () => {
    const board = await createRewardBoard(strapi);
    const draft = await createPost(strapi, board, author, {}, 'draft');
    const missing = await like(m1, draft.documentId).expect(404);
    expect(missing.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
    expect(missing.body.error.message).toMatch(/No published post/);
    await api().post(`/api/posts/${draft.documentId}/like`).expect(403);
    const bad = await like(m1, 'bad id!').expect(400);
    expect(bad.body.error).toMatchObject({ name: 'ValidationError' });
  });
});

describe('abuse', () => {
  it("rate-limits likes per member with the app's limiter (429 with Retry-After)", async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    const eager = await createMember(strapi);
    const statuses: number[] = [];
    let refused: request.Response | null = null;
    for (let i = 0; i < 46 && !refused; i += 1) {
      const res = i % 2 === 0 ? await like(eager, post.documentId) : await unlike(eager, post.documentId);
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(40);
    expect(refused).not.toBeNull();
    expect(refused!.headers['retry-after']).toBeDefined();
    expect(refused!.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  });

  it('records self-likes, worth nothing: a post liked only by its author earns nothing', async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    const res = await like(author, post.documentId).expect(200);
    expect(res.body.data).toMatchObject({ liked: true, weight: 0, note: 'self-like' });
    const [event] = await events({ postDocumentId: post.documentId });
    expect(event).toMatchObject({ type: 'like', memberId: author.id, authorId: author.id, weight: 0, note: 'self-like' });
    await settled(strapi, board.documentId);
    expect(await allocationsOf(strapi, { postDocumentId: post.documentId })).toEqual([]);
  });

  it('drains vote power in like/unlike loops and counts only the last like', async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    const weights: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      weights.push((await like(m3, post.documentId).expect(200)).body.data.weight);
      await unlike(m3, post.documentId).expect(200);
    }
    weights.push((await like(m3, post.documentId).expect(200)).body.data.weight);
    // Every like spends power: each one is worth less than the one before.
    for (let i = 1; i < weights.length; i += 1) expect(weights[i]).toBeLessThan(weights[i - 1]);
    // The loop leaves one ledger row: the member's last state in the reward window, with the last like's weight.
    const history = await events({ postDocumentId: post.documentId });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ type: 'like', memberId: m3.id, weight: weights[weights.length - 1] });

    // A fair liker of a second post, once, at full power.
    const other = await createPost(strapi, board, author);
    await like(m1, other.documentId).expect(200);
    await settled(strapi, board.documentId);
    const looped = await allocationsOf(strapi, { postDocumentId: post.documentId, role: 'curator' });
    const fair = await allocationsOf(strapi, { postDocumentId: other.documentId, role: 'curator' });
    expect(looped).toHaveLength(1);
    expect(BigInt(looped[0].amount)).toBeLessThan(BigInt(fair[0].amount));
  });

  it('keeps one ledger row per member and post for the reward window and one after it, however long the loop', async () => {
    const board = await createRewardBoard(strapi);
    const post = await createPost(strapi, board, author);
    const looper = await createMember(strapi);
    // Within this file's 40 likes a minute per member.
    for (let i = 0; i < 10; i += 1) {
      await like(looper, post.documentId).expect(200);
      await unlike(looper, post.documentId).expect(200);
    }
    const inWindow = await like(looper, post.documentId).expect(200);
    let rows = await events({ postDocumentId: post.documentId, memberId: looper.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'like', weight: inWindow.body.data.weight });

    // The window closes (once the pool holds something to split, or the first tick settles it empty): what the member does now never counts, and must not change what did.
    await emitted(strapi, board.documentId);
    await strapi.db
      .query('plugin::hive-smt.reward-post' as any)
      .updateMany({ where: { postDocumentId: post.documentId }, data: { cashoutAt: Date.now() - 1 } });
    for (let i = 0; i < 3; i += 1) {
      await unlike(looper, post.documentId).expect(200);
      expect((await like(looper, post.documentId).expect(200)).body.data.note).toBe('after-cashout');
    }
    await unlike(looper, post.documentId).expect(200);
    rows = await events({ postDocumentId: post.documentId, memberId: looper.id });
    expect(rows.map((r) => [r.type, r.weight])).toEqual([
      ['like', inWindow.body.data.weight],
      ['unlike', 0],
    ]);
    await settled(strapi, board.documentId);
    const curation = await allocationsOf(strapi, { postDocumentId: post.documentId, role: 'curator' });
    expect(curation.map((a) => a.memberId)).toEqual([looper.id]);
  });

  it('gives muted members nothing: their likes weigh nothing and their posts earn nothing', async () => {
    const muted = await createMember(strapi);
    const board = await createRewardBoard(strapi, { mutedMembers: `${muted.username}` });
    const byMuted = await createPost(strapi, board, muted);
    const byAuthor = await createPost(strapi, board, author);
    const mutedLike = await like(muted, byAuthor.documentId).expect(200);
    expect(mutedLike.body.data).toMatchObject({ weight: 0, note: 'muted' });
    await like(m1, byMuted.documentId).expect(200);
    await like(m1, byAuthor.documentId).expect(200);
    await settled(strapi, board.documentId);
    const all = await allocationsOf(strapi, { boardDocumentId: board.documentId });
    expect(all.some((a) => a.memberId === muted.id)).toBe(false);
    expect(all.some((a) => a.postDocumentId === byMuted.documentId)).toBe(false);
    expect(all.some((a) => a.postDocumentId === byAuthor.documentId && a.role === 'author')).toBe(true);
  });

  it('keeps a member within the daily like limit and the daily reward cap; what the cap cuts stays in the pool', async () => {
    const board = await createRewardBoard(strapi, { dailyLikeLimit: 2, dailyRewardCap: '1.5', rewardPerInterval: '20' });
    const posts = await Promise.all([1, 2, 3].map(() => createPost(strapi, board, author)));
    const results = [];
    for (const post of posts) results.push((await like(m1, post.documentId).expect(200)).body.data);
    expect(results.map((r) => r.note)).toEqual([null, null, 'daily-like-limit']);
    expect(results[2].weight).toBe(0);
    await settled(strapi, board.documentId);
    const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
    expect(sums.get(author.id)).toBe(1500n);
    expect(sums.get(m1.id)! <= 1500n).toBe(true);
    const periods: any[] = await strapi.db.query('plugin::hive-smt.reward-period' as any).findMany({ where: { boardDocumentId: board.documentId } });
    expect(periods.reduce((s, p) => s + BigInt(p.capped), 0n)).toBeGreaterThan(0n);
  });
});

describe('reward periods', () => {
  it('settles posts after their cashout window; every period adds up exactly', async () => {
    const board = await createRewardBoard(strapi, { curationRewardPercentage: 50, commentBonusBps: 1000, featuredBonusBps: 2500 });
    const a = await createPost(strapi, board, author);
    const b = await createPost(strapi, board, m3);
    await Promise.all([like(m1, a.documentId), like(m2, a.documentId), like(m1, b.documentId)]);
    await api()
      .post('/api/comments')
      .set(bearer(m2))
      .send({ data: { body: 'Nice', post: a.documentId } })
      .expect(200);
    await strapi.documents('api::post.post').update({ documentId: b.documentId, data: { featured: true } as any, status: 'published' });
    const kinds = (await events({ boardDocumentId: board.documentId })).map((e) => e.type).sort();
    expect(kinds).toEqual(['comment', 'featured', 'like', 'like', 'like']);

    const pending = await api().get(`/api/posts/${a.documentId}/rewards`).expect(200);
    expect(pending.body.data).toMatchObject({ status: 'pending', symbol: 'MAPLE', precision: 3 });
    expect(BigInt(pending.body.data.estimate.baseUnits)).toBeGreaterThan(0n);

    await settled(strapi, board.documentId);
    const periods: any[] = await strapi.db.query('plugin::hive-smt.reward-period' as any).findMany({ where: { boardDocumentId: board.documentId } });
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) {
      const allocated = (await allocationsOf(strapi, { periodId: p.id })).reduce((s, x) => s + BigInt(x.amount), 0n);
      expect(BigInt(p.carryIn) + BigInt(p.emission)).toBe(BigInt(p.pool));
      expect(allocated).toBe(BigInt(p.distributed));
      expect(BigInt(p.distributed) + BigInt(p.carryOver)).toBe(BigInt(p.pool));
    }
    const all = await allocationsOf(strapi, { boardDocumentId: board.documentId });
    expect(all.every((x) => BigInt(x.amount) > 0n)).toBe(true);
    // Author, curators (m1, m2) and the bonuses: comment on a, featured b.
    expect(new Set(all.map((x) => `${x.postDocumentId === a.documentId ? 'a' : 'b'}:${x.role}`))).toEqual(
      new Set(['a:author', 'a:curator', 'a:bonus', 'b:author', 'b:curator', 'b:bonus']),
    );

    const paid = await api().get(`/api/posts/${a.documentId}/rewards`).expect(200);
    expect(paid.body.data.status).toBe('settled');
    expect(BigInt(paid.body.data.paid.baseUnits)).toBe(all.filter((x) => x.postDocumentId === a.documentId).reduce((s, x) => s + BigInt(x.amount), 0n));

    const board2 = await api().get(`/api/boards/${board.slug}/leaderboard?limit=2`).expect(200);
    expect(board2.body.meta.board).toMatchObject({ slug: board.slug, symbol: 'MAPLE', precision: 3 });
    expect(board2.body.data).toHaveLength(2);
    expect(board2.body.data[0].rank).toBe(1);
    expect(BigInt(board2.body.data[0].baseUnits) >= BigInt(board2.body.data[1].baseUnits)).toBe(true);
    await api().get('/api/boards/no-such-board/leaderboard').expect(404);
    await api().get(`/api/boards/${board.slug}/leaderboard?limit=1000`).expect(400);

    const mine = await api().get('/api/me/rewards').set(bearer(m1)).expect(200);
    expect(mine.body.data.account).toBeNull();
    const maple = mine.body.data.balances.find((x: any) => x.board.documentId === board.documentId);
    expect(maple).toMatchObject({ symbol: 'MAPLE', scheduled: '0.000', paid: '0.000', onChain: null });
    expect(maple.pending).not.toBe('0.000');
    expect(mine.body.data.history[0]).toMatchObject({ state: 'pending', payout: null });
  }, 60000);
});

describe('the cashout window', () => {
  it('settles a post by itself when REWARDS_CASHOUT_SECONDS have passed; a later like counts for nothing', async () => {
    const board = await createRewardBoard(strapi);
    const previous = process.env.REWARDS_CASHOUT_SECONDS;
    // Long enough for a loaded machine to like within it, short enough to wait for.
    process.env.REWARDS_CASHOUT_SECONDS = '6';
    let post: any;
    try {
      post = await createPost(strapi, board, author);
      await like(m1, post.documentId).expect(200);
    } finally {
      process.env.REWARDS_CASHOUT_SECONDS = previous;
    }
    const window = await strapi.db.query('plugin::hive-smt.reward-post' as any).findOne({ where: { postDocumentId: post.documentId } });
    expect(Number(window.cashoutAt) - Number(window.openedAt)).toBe(6000);
    // No test helper: the rewards pass on its timer settles it.
    await waitFor(async () => (await allocationsOf(strapi, { postDocumentId: post.documentId })).length > 0, 'the post settled by the timer', 30000);
    const late = await like(m2, post.documentId).expect(200);
    expect(late.body.data).toMatchObject({ weight: 0, note: 'after-cashout' });
  }, 60000);
});

describe('board economics in the admin', () => {
  it('explains every field in plain words in the Content Manager', async () => {
    const admin = await createAdmin(strapi);
    const res = await api().get('/content-manager/components/hive-smt.token-economics/configuration').set(adminAuth(admin)).expect(200);
    const metadatas = res.body.data.component.metadatas;
    expect(metadatas.enabled.edit.label).toBe('Reward members with tokens');
    expect(metadatas.cashoutWindowDays.edit.description).toMatch(/1 to 30, usually 7/);
    expect(metadatas.issuer.edit.description).toMatch(/active key/);
    const board = await api().get('/content-manager/content-types/api::board.board/configuration').set(adminAuth(admin)).expect(200);
    expect(board.body.data.contentType.metadatas.economics.edit.label).toBe('Token rewards');
    expect(metadatas.preset.edit.label).toBe('Reward pace');
    expect(metadatas.preset.edit.description).toMatch(/generous: each member can give about 20 full-value likes a day/);
  });

  it('lets a reward pace preset decide the likes: its vote power, over the expert fields', async () => {
    const board = await createRewardBoard(strapi, { preset: 'generous', votePowerConsumption: 1000 });
    const post = await createPost(strapi, board, author);
    await like(m1, post.documentId).expect(200);
    const power = await strapi.db.query('plugin::hive-smt.vote-power' as any).findOne({ where: { boardDocumentId: board.documentId, memberId: m1.id } });
    // generous spends 1 % of the power per like (votePowerConsumption 100), not the 10 % the expert field says.
    expect(Number(power.power)).toBe(9900);
    const refused = await createRewardBoard(strapi, { preset: 'fast' }).catch((e) => e);
    expect(refused.name).toBe('ValidationError');
  });

  it('refuses invalid economics with a message per field', async () => {
    const error = await createBoard(strapi, {
      economics: {
        enabled: true,
        symbol: 'maple',
        issuer: '@Maple',
        rewardPerInterval: '1,5',
        cashoutWindowDays: 40,
        postRewardCurveParameter: 2.5,
        mutedMembers: 'nobody-by-this-name',
      },
    }).catch((e) => e);
    expect(error.name).toBe('ValidationError');
    const paths = error.details.errors.map((e: any) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'economics.symbol',
        'economics.issuer',
        'economics.rewardPerInterval',
        'economics.cashoutWindowDays',
        'economics.postRewardCurveParameter',
        'economics.mutedMembers',
      ]),
    );
    expect(error.message).toMatch(/capital letters/);
    expect(error.message).toMatch(/Leave out the "@"/);
    expect(error.message).toMatch(/No member is called "nobody-by-this-name"/);
  });

  it("accepts a board without token rewards and one with the board's token symbol as default", async () => {
    await createBoard(strapi);
    const board = await createBoard(strapi, { tokenSymbol: 'SNAP', economics: { enabled: true, issuer: 'photo-tokens', rewardPerInterval: '2.5' } });
    const post = await createPost(strapi, board, author);
    const res = await api().get(`/api/posts/${post.documentId}/rewards`).expect(200);
    expect(res.body.data).toMatchObject({ status: 'pending', symbol: 'SNAP' });
    void rewards;
  });
});
