import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { waitFor } from '../helpers/chain';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { allocationsOf, balanceUnits, createRewardBoard, createToken, payoutsOf, settled, sumByMember } from '../helpers/rewards';

/**
 * The rewards path on PostgreSQL, where requests run on separate connections:
 * duplicate likes racing, settlement and a payout read back from the chain.
 */
describeWithPostgres('token rewards on PostgreSQL', () => {
  let strapi: Core.Strapi;
  let database: { url: string; drop: () => Promise<void> };
  const api = () => request(strapi.server.httpServer);
  const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member));

  beforeAll(async () => {
    database = await createTestDatabase('rewards');
    strapi = await startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    await stopStrapi();
    await database?.drop();
  });

  it('records one like out of parallel duplicates, settles exactly and pays the ledger amount', async () => {
    await createToken(strapi, 'maple-tokens', 'PGRW', 3, '1000000.000');
    const [author, liker] = await Promise.all([createMember(strapi), createMember(strapi)]);
    await Promise.all([
      strapi.db.query('plugin::hive-smt.account-link' as any).create({ data: { userId: author.id, account: 'pg-author', verifiedAt: Date.now() } }),
      strapi.db.query('plugin::hive-smt.account-link' as any).create({ data: { userId: liker.id, account: 'pg-liker', verifiedAt: Date.now() } }),
    ]);
    const board = await createRewardBoard(strapi, { symbol: 'PGRW' });
    const post = await createPost(strapi, board, author);
    const answers = await Promise.all(Array.from({ length: 10 }, () => like(liker, post.documentId)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((r) => r.body.meta.changed)).toHaveLength(1);
    expect(await strapi.db.query('plugin::hive-smt.ledger-event' as any).count({ where: { postDocumentId: post.documentId, type: 'like' } })).toBe(1);

    await settled(strapi, board.documentId);
    const period: any = await strapi.db.query('plugin::hive-smt.reward-period' as any).findOne({ where: { boardDocumentId: board.documentId } });
    expect(BigInt(period.distributed) + BigInt(period.carryOver)).toBe(BigInt(period.pool));
    const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
    await waitFor(async () => {
      const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
      return lines.length === 2 && lines.every((l) => l.state === 'paid');
    }, 'the payouts');
    expect(await balanceUnits(strapi, 'pg-author', 'PGRW', 3)).toBe(sums.get(author.id));
    expect(await balanceUnits(strapi, 'pg-liker', 'PGRW', 3)).toBe(sums.get(liker.id));
  }, 90000);

  it('keeps one vote per member and post when likes and downvotes of one member race, its ledger state matching the row', async () => {
    const [author, voter] = await Promise.all([createMember(strapi), createMember(strapi)]);
    const board = await createRewardBoard(strapi, { symbol: 'PGRW' });
    const post = await createPost(strapi, board, author);
    const downvote = () => api().post(`/api/posts/${post.documentId}/downvote`).set(bearer(voter));
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? like(voter, post.documentId) : downvote())));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const rows: any[] = await strapi.db.query('plugin::hive-smt.like' as any).findMany({ where: { postDocumentId: post.documentId } });
    expect(rows).toHaveLength(1);
    const last: any = await strapi.db.query('plugin::hive-smt.ledger-event' as any).findOne({ where: { postDocumentId: post.documentId }, orderBy: { id: 'desc' } });
    // The ledger's state is the row's: a downvote row has a 'downvote' state with a negative weight, a like a 'like'.
    expect(last.type).toBe(rows[0].downvote ? 'downvote' : 'like');
    expect(Math.sign(last.weight)).toBe(rows[0].downvote ? -1 : 1);
    expect(await strapi.db.query('plugin::hive-smt.ledger-event' as any).count({ where: { postDocumentId: post.documentId } })).toBe(1);
  }, 60000);
});
