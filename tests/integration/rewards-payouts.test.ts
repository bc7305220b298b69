import request from 'supertest';
import { cryptoUtils } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { devnetKey, devnetOf, hiveService, waitFor } from '../helpers/chain';
import { allocationsOf, balanceUnits, createRewardBoard, createToken, engineActions, linkAccount, payoutsOf, rewards, settled, sumByMember } from '../helpers/rewards';

/**
 * Payouts on the devnet's Hive-Engine: exactly the ledger's amounts, members
 * paid after they link, a refused token action shown as failed and paid on
 * retry, and a worker killed mid-payout paying nobody twice.
 */
let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member)).expect(200);
const comment = (member: TestMember, documentId: string) => api().post('/api/comments').set(bearer(member)).send({ data: { body: 'Thanks!', post: documentId } }).expect(200);

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(stopStrapi);

/** Waits until none of the board's payouts is queued or sending. */
const payoutsFinished = (boardDocumentId: string, timeoutMs = 40000) =>
  waitFor(
    async () => {
      const lines = await payoutsOf(strapi, { boardDocumentId });
      return lines.length > 0 && lines.every((l) => l.state === 'paid' || l.state === 'failed') ? lines : null;
    },
    'the payouts to finish',
    timeoutMs,
    200,
  );

/** Links a member to an account by writing the link directly (accounts that need no on-chain proof in this test). */
const linkDirectly = (member: { id: number }, account: string) =>
  strapi.db.query('plugin::hive-smt.account-link' as any).create({ data: { userId: member.id, account, verifiedAt: Date.now() } });

describe('a reward period paid on chain', () => {
  it('pays each linked member exactly the ledger amount, and an unlinked member after linking', async () => {
    await createToken(strapi, 'maple-tokens', 'PAYA', 3, '1000000.000');
    const [author, b, c, d] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi), createMember(strapi)]);
    for (const [member, account] of [[author, 'alice'], [b, 'carol'], [c, 'bob']] as const) {
      const linked = await linkAccount(strapi, member, account);
      expect(linked.status).toBe(200);
      expect(linked.body.data).toMatchObject({ account, keyRole: 'posting' });
    }
    const board = await createRewardBoard(strapi, { symbol: 'PAYA', commentBonusBps: 500 });
    const p1 = await createPost(strapi, board, author);
    const p2 = await createPost(strapi, board, b);
    await like(b, p1.documentId);
    await like(c, p1.documentId);
    await like(d, p1.documentId);
    await like(author, p2.documentId);
    await like(c, p2.documentId);
    await comment(c, p1.documentId);
    await comment(d, p2.documentId);

    await settled(strapi, board.documentId);
    const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
    expect([...sums.keys()].sort()).toEqual([author.id, b.id, c.id, d.id].sort());
    const lines = await payoutsFinished(board.documentId);
    expect(lines.every((l) => l.state === 'paid')).toBe(true);
    // One line per member and period (the two posts may settle in one period or two).
    expect([...new Set(lines.map((l) => l.memberId))].sort()).toEqual([author.id, b.id, c.id].sort());
    for (const [member, account] of [[author, 'alice'], [b, 'carol'], [c, 'bob']] as const) {
      expect(await balanceUnits(strapi, account, 'PAYA', 3)).toBe(sums.get(member.id));
    }
    const paid = lines[0];
    expect(paid.txId).toMatch(/^[0-9a-f]{40}$/);
    expect(paid.engineTxId.startsWith(paid.txId)).toBe(true);
    const info = await hiveService(strapi, 'chain').engineTransaction(paid.engineTxId);
    expect(info.errors).toEqual([]);

    // Over REST: the author's balance is paid, on chain, with links to the transactions.
    const mine = await api().get('/api/me/rewards').set(bearer(author)).expect(200);
    const paya = mine.body.data.balances.find((x: any) => x.symbol === 'PAYA');
    const expected = (Number(sums.get(author.id)) / 1000).toFixed(3);
    expect(paya).toMatchObject({ paid: expected, pending: '0.000', failed: '0.000', onChain: expected });
    expect(mine.body.data.account).toMatchObject({ account: 'alice' });
    const entry = mine.body.data.history.find((h: any) => h.symbol === 'PAYA');
    expect(entry.state).toBe('paid');
    expect(entry.payout.links.engine).toContain(entry.payout.engineTxId);
    expect(entry.payout.links.hive).toContain(entry.payout.txId);

    // d earned but has no account yet: pending, nothing sent.
    const before = await api().get('/api/me/rewards').set(bearer(d)).expect(200);
    expect(before.body.data.balances.find((x: any) => x.symbol === 'PAYA').pending).toBe((Number(sums.get(d.id)) / 1000).toFixed(3));
    expect(await payoutsOf(strapi, { memberId: d.id })).toEqual([]);
    expect((await linkAccount(strapi, d, 'dave')).status).toBe(200);
    await waitFor(async () => {
      const own = await payoutsOf(strapi, { memberId: d.id });
      return own.length > 0 && own.every((l) => l.state === 'paid');
    }, "d's payout after linking");
    expect(await balanceUnits(strapi, 'dave', 'PAYA', 3)).toBe(sums.get(d.id));
  }, 90000);
});

describe('a token action the sidechain refuses', () => {
  it('shows the payout failed with the reason, and pays it on retry after the fix, never twice', async () => {
    await createToken(strapi, 'oakhill-tokens', 'TINY', 3, '100.000');
    const [author, f, g] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi)]);
    const economics = { symbol: 'TINY', issuer: 'oakhill-tokens', rewardPerInterval: '5' };
    const board = await createRewardBoard(strapi, economics);
    const post = await createPost(strapi, board, author);
    await like(f, post.documentId);
    await like(g, post.documentId);
    await settled(strapi, board.documentId);
    const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
    const smallest = [...sums.values()].reduce((a, x) => (x < a ? x : a));
    // Leave exactly room for the smallest payout: the others exceed the supply left.
    const left = 100000n - smallest;
    const info = await engineActions(strapi, 'oakhill-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'TINY', to: 'oakhill-tokens', quantity: (Number(left) / 1000).toFixed(3) } }]);
    expect(info!.errors).toEqual([]);

    await Promise.all([linkDirectly(author, 'maple-school'), linkDirectly(f, 'riverside-photo'), linkDirectly(g, 'oakhill-hood')]);
    const lines = await payoutsFinished(board.documentId);
    const failed = lines.filter((l) => l.state === 'failed');
    const paidFirst = lines.filter((l) => l.state === 'paid');
    expect(paidFirst.length).toBeGreaterThanOrEqual(1);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const line of failed) {
      expect(line.error).toContain('quantity exceeds available supply');
      expect(line.error).toMatch(/transfer/);
      expect(line.txId).toMatch(/^[0-9a-f]{40}$/); // the Hive transaction landed; the token action did not
    }
    const failedMember = failed[0].memberId;
    const member = [author, f, g].find((m) => m.id === failedMember)!;
    const view = await api().get('/api/me/rewards').set(bearer(member)).expect(200);
    const tiny = view.body.data.balances.find((x: any) => x.symbol === 'TINY');
    expect(tiny.failed).not.toBe('0.000');
    const failedEntry = view.body.data.history.find((h: any) => h.symbol === 'TINY');
    expect(failedEntry).toMatchObject({ state: 'failed' });
    expect(failedEntry.payout.error).toContain('quantity exceeds available supply');
    const batches = await rewards(strapi).payoutBatches({ limit: 10 });
    expect(batches.find((x: any) => x.boardDocumentId === board.documentId)).toMatchObject({ state: 'failed' });

    // The fix: pay from the issuer's balance instead of issuing; then retry.
    await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { economics: { ...economics, enabled: true, precision: 3, rewardIntervalSeconds: 1, mode: 'transfer' } } as any });
    const retried = await rewards(strapi).retryPayouts({ boardDocumentId: board.documentId });
    expect(retried.payouts).toBe(failed.length);
    await waitFor(async () => (await payoutsOf(strapi, { boardDocumentId: board.documentId })).every((l) => l.state === 'paid'), 'the retried payouts');
    const accountOf = new Map([
      [author.id, 'maple-school'],
      [f.id, 'riverside-photo'],
      [g.id, 'oakhill-hood'],
    ]);
    for (const [memberId, amount] of sums) expect(await balanceUnits(strapi, accountOf.get(memberId)!, 'TINY', 3)).toBe(amount);
    // The line paid in the first attempt kept its transaction: it was not part of the retry.
    const after = await payoutsOf(strapi, { id: paidFirst[0].id });
    expect(after[0].txId).toBe(paidFirst[0].txId);
  }, 90000);
});

describe('a worker killed mid-payout', () => {
  it('pays nobody twice: after the restart the stored transaction is found on chain and recorded', async () => {
    const jobs = hiveService(strapi, 'jobs');
    const devnet = devnetOf(strapi);
    await createToken(strapi, 'photo-tokens', 'CRSH', 3, '1000000.000');
    const [author, i, j] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi)]);
    await Promise.all([linkDirectly(author, 'crash-author'), linkDirectly(i, 'crash-liker-a'), linkDirectly(j, 'crash-liker-b')]);
    const board = await createRewardBoard(strapi, { symbol: 'CRSH', issuer: 'photo-tokens' });
    const post = await createPost(strapi, board, author);
    await like(i, post.documentId);
    await like(j, post.documentId);
    await jobs.pauseChainWork();
    try {
      await settled(strapi, board.documentId);
      await waitFor(async () => (await payoutsOf(strapi, { boardDocumentId: board.documentId })).every((l) => l.jobDocumentId), 'the payout job');
      const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));

      // The doomed worker signs, stores, sends — and dies before it records anything: the node takes the
      // transaction, its answer never comes back.
      devnet.faults.set({ dropReplyAfterAccept: 1 });
      const job = await jobs.claim(['payout.batch'], 'doomed-worker', 500);
      expect(job).not.toBeNull();
      await jobs.attempt(job, 'doomed-worker');
      devnet.faults.set({ dropReplyAfterAccept: 0 });
      const [stored] = await jobs.find({ id: job.id }, 1);
      expect(stored).toMatchObject({ state: 'leased', leaseOwner: 'doomed-worker' });
      expect(stored.signedTx.signatures).toHaveLength(1);
      // It did land: the members hold their tokens already, but no line says so.
      await waitFor(async () => (await balanceUnits(strapi, 'crash-author', 'CRSH', 3)) === sums.get(author.id), 'the tokens on chain');
      expect((await payoutsOf(strapi, { boardDocumentId: board.documentId })).every((l) => l.state === 'sending')).toBe(true);

      // Restart: the lease runs out, a live worker resumes the job from the stored transaction.
      jobs.resumeChainWork();
      const lines = await payoutsFinished(board.documentId);
      expect(lines.every((l) => l.state === 'paid' && l.txId === stored.txId)).toBe(true);
      for (const [member, account] of [[author, 'crash-author'], [i, 'crash-liker-a'], [j, 'crash-liker-b']] as const) {
        expect(await balanceUnits(strapi, account, 'CRSH', 3)).toBe(sums.get(member.id));
      }
      const [done] = await jobs.find({ id: job.id }, 1);
      expect(done.state).toBe('done');
      expect(done.txId).toBe(stored.txId);
    } finally {
      devnet.faults.set({ dropReplyAfterAccept: 0 });
      jobs.resumeChainWork();
    }
  }, 90000);
});

describe('linking a Hive account', () => {
  it('refuses another account\'s signature, unknown accounts, replayed challenges and accounts linked to someone else', async () => {
    const [m, other] = await Promise.all([createMember(strapi), createMember(strapi)]);
    const { body } = await api().post('/api/me/hive-account/challenge').set(bearer(m)).expect(200);
    expect(body.data.challenge).toMatch(/nonce [0-9a-f]{32}/);
    expect(Date.parse(body.data.expiresAt)).toBeGreaterThan(Date.now());
    const signAs = (account: string, role: 'posting' | 'active' = 'posting') => devnetKey(strapi, account, role).sign(cryptoUtils.sha256(body.data.challenge)).toString();

    const wrongKey = await api().post('/api/me/hive-account').set(bearer(m)).send({ account: 'lonely-board', signature: signAs('initminer') }).expect(400);
    expect(wrongKey.body.error.message).toMatch(/not signed with a key of @lonely-board/);
    const malformed = await api().post('/api/me/hive-account').set(bearer(m)).send({ account: 'lonely-board', signature: 'abc' }).expect(400);
    expect(malformed.body.error).toMatchObject({ name: 'ValidationError' });
    expect(malformed.body.error.details.errors[0].path).toEqual(['signature']);
    await api().post('/api/me/hive-account').set(bearer(m)).send({ account: 'no-such-acct', signature: signAs('lonely-board') }).expect(404);

    const ok = await api().post('/api/me/hive-account').set(bearer(m)).send({ data: { account: 'lonely-board', signature: signAs('lonely-board'), challenge: body.data.challenge } }).expect(200);
    expect(ok.body.data).toMatchObject({ account: 'lonely-board', keyRole: 'posting' });
    const replay = await api().post('/api/me/hive-account').set(bearer(m)).send({ account: 'lonely-board', signature: signAs('lonely-board') }).expect(400);
    expect(replay.body.error.message).toMatch(/No valid challenge/);

    const theirs = (await api().post('/api/me/hive-account/challenge').set(bearer(other)).expect(200)).body.data.challenge;
    const taken = await api()
      .post('/api/me/hive-account')
      .set(bearer(other))
      .send({ account: 'lonely-board', signature: devnetKey(strapi, 'lonely-board', 'active').sign(cryptoUtils.sha256(theirs)).toString() })
      .expect(409);
    expect(taken.body.error.message).toMatch(/already linked to another member/);
    await api().post('/api/me/hive-account/challenge').expect(403);
  });

  it('unlinks: the account is free for another member, and a second unlink is a 404', async () => {
    const [m, next] = await Promise.all([createMember(strapi), createMember(strapi)]);
    expect((await linkAccount(strapi, m, 'oakhill-tokens')).status).toBe(200);
    const gone = await api().delete('/api/me/hive-account').set(bearer(m)).expect(200);
    expect(gone.body).toEqual({ data: { account: 'oakhill-tokens' }, meta: { paymentsUnderway: 0 } });
    const mine = await api().get('/api/me/rewards').set(bearer(m)).expect(200);
    expect(mine.body.data.account).toBeNull();
    const again = await api().delete('/api/me/hive-account').set(bearer(m)).expect(404);
    expect(again.body.error.message).toMatch(/No Hive account is linked to you/);
    await api().delete('/api/me/hive-account').expect(403);
    expect((await linkAccount(strapi, next, 'oakhill-tokens')).status).toBe(200);
  });

  it('links an account to one member only when two members claim it at the same moment', async () => {
    const members = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi)]);
    const signed = await Promise.all(
      members.map(async (m) => {
        const { body } = await api().post('/api/me/hive-account/challenge').set(bearer(m)).expect(200);
        return { m, signature: devnetKey(strapi, 'photo-tokens', 'posting').sign(cryptoUtils.sha256(body.data.challenge)).toString() };
      }),
    );
    const answers = await Promise.all(signed.map(({ m, signature }) => api().post('/api/me/hive-account').set(bearer(m)).send({ account: 'photo-tokens', signature })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.message).toMatch(/@photo-tokens is already linked to another member/);
    expect(await strapi.db.query('plugin::hive-smt.account-link' as any).count({ where: { account: 'photo-tokens' } })).toBe(1);
  });

  it('keeps one link per account and per member in the database itself, whatever writes it', async () => {
    // Straight to the table, as any writer behind the service's back would: the unique indexes refuse it.
    const table = () => strapi.db.connection('hive_smt_account_links');
    const row = (userId: number, account: string) => ({ document_id: `test-${userId}-${account}`, user_id: userId, account });
    // The refusal's message, read without `instanceof Error`: better-sqlite3's native binding keeps the error class
    // of the first test file its worker loaded, which later files' jest realms do not recognise as an Error.
    const refusal = (insert: Promise<unknown>) => insert.then(() => 'accepted', (error: any) => String(error?.message ?? error));
    const [m, other] = await Promise.all([createMember(strapi), createMember(strapi)]);
    await table().insert(row(m.id, 'maple-tokens'));
    expect(await refusal(table().insert(row(other.id, 'maple-tokens')))).toMatch(/UNIQUE|duplicate/i);
    expect(await refusal(table().insert(row(m.id, 'initminer')))).toMatch(/UNIQUE|duplicate/i);
    const { n } = (await table().whereIn('user_id', [m.id, other.id]).count({ n: '*' }).first()) as { n: number | string };
    expect(Number(n)).toBe(1);
  });
});
