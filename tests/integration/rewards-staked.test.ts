import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { adminAuth, cm, createAdmin } from '../helpers/admins';
import { devnetOf, hiveService, waitFor } from '../helpers/chain';
import { allocationsOf, balanceUnits, createRewardBoard, createToken, engineActions, payoutsOf, rewards, settled, sumByMember } from '../helpers/rewards';

/**
 * A reward pool with a staked share (Hive-Engine stakedRewardPercentage), on the devnet's sidechain:
 * each member's stake and balance equal the ledger's split, a retried or resumed job stakes nobody twice,
 * a token without staking is paid liquid with a note (and the Boards page says why), and economics out
 * of the contract's ranges are refused with nothing stored.
 */
let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
const like = (member: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set(bearer(member)).expect(200);

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '60', REWARDS_TICK_MS: '300' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(stopStrapi);

const linkDirectly = (member: { id: number }, account: string) =>
  strapi.db.query('plugin::hive-smt.account-link' as any).create({ data: { userId: member.id, account, verifiedAt: Date.now() } });

const payoutsFinished = (boardDocumentId: string, count: number) =>
  waitFor(
    async () => {
      const lines = await payoutsOf(strapi, { boardDocumentId });
      return lines.length >= count && lines.every((l) => l.state === 'paid' || l.state === 'failed') ? lines : null;
    },
    'the payouts to finish',
    40000,
    200,
  );

/** The account's stake of a token on the devnet's sidechain, in base units. */
async function stakeUnits(account: string, symbol: string, precision: number): Promise<bigint> {
  const text: string = await hiveService(strapi, 'chain').engineStake(account, symbol);
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(precision, '0').slice(0, precision));
}
const enableStaking = (issuer: string, symbol: string) =>
  engineActions(strapi, issuer, [{ contractAction: 'enableStaking', contractPayload: { symbol, unstakingCooldown: 7, numberTransactions: 4 } }]);
const quantity = (units: bigint) => (Number(units) / 1000).toFixed(3);

describe('economics out of the contract ranges', () => {
  it('are refused with the field named, and nothing is stored', async () => {
    const admin = await createAdmin(strapi);
    const board = await createRewardBoard(strapi, { stakedRewardPercentage: 10 });
    const economics = { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', rewardPerInterval: '10' };
    const put = (extra: Record<string, unknown>) => api().put(cm('api::board.board', `/${board.documentId}`)).set(adminAuth(admin)).send({ economics: { ...economics, ...extra } });
    const cases: Array<[Record<string, unknown>, string[], RegExp]> = [
      [{ stakedRewardPercentage: 150 }, ['economics', 'stakedRewardPercentage'], /stakedRewardPercentage is a whole percentage from 0 to 100/],
      [{ downvoteRegenerationDays: 0 }, ['economics', 'downvoteRegenerationDays'], /downvoteRegenerationDays is a whole number of days from 1 to 30/],
      [{ tags: 'a, b, c, d, e, f' }, ['economics', 'tags'], /at most 5/],
      [{ appTaxConfig: { app: 'quanzi', percent: 0, beneficiary: 'quanzi-fund' } }, ['economics', 'appTaxConfig', 'percent'], /between 1 and 100/],
    ];
    for (const [extra, path, message] of cases) {
      const bad = await put(extra).expect(400);
      expect(bad.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(bad.body.error.details.errors[0].path).toEqual(path);
      expect(bad.body.error.details.errors[0].message).toMatch(message);
    }
    const stored = await strapi.documents('api::board.board').findOne({ documentId: board.documentId, populate: ['economics'] as any });
    expect((stored as any).economics.stakedRewardPercentage).toBe(10);
    expect((stored as any).economics.downvoteRegenerationDays).not.toBe(0);
    expect((stored as any).economics.tags ?? null).toBeNull();
    expect((stored as any).economics.appTaxConfig ?? null).toBeNull();
    await put({ stakedRewardPercentage: 100, appTaxConfig: { app: 'quanzi', percent: 10, beneficiary: 'quanzi-fund' } }).expect(200);
  }, 60000);
});

describe('stakedRewardPercentage 50 in "issue" mode', () => {
  it("stakes half of each member's reward on the sidechain, exactly once, even when the worker dies after sending", async () => {
    const jobs = hiveService(strapi, 'jobs');
    const devnet = devnetOf(strapi);
    await createToken(strapi, 'maple-tokens', 'STKI', 3, '1000000.000');
    expect((await enableStaking('maple-tokens', 'STKI'))!.errors).toEqual([]);
    const [author, i, j] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi)]);
    const accountOf = new Map([
      [author.id, 'stake-author'],
      [i.id, 'stake-liker-a'],
      [j.id, 'stake-liker-b'],
    ]);
    await Promise.all([author, i, j].map((m) => linkDirectly(m, accountOf.get(m.id)!)));
    const board = await createRewardBoard(strapi, { symbol: 'STKI', issuer: 'maple-tokens', stakedRewardPercentage: 50 });
    const post = await createPost(strapi, board, author);
    await like(i, post.documentId);
    await like(j, post.documentId);
    await jobs.pauseChainWork();
    try {
      await settled(strapi, board.documentId);
      const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
      expect(sums.size).toBe(3);
      await waitFor(async () => {
        const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
        return lines.length === 6 && lines.every((l) => l.jobDocumentId);
      }, 'the payout lines and job');
      // One liquid and one staked line per member: floor(total · 50 %) staked, the rest liquid.
      for (const [memberId, total] of sums) {
        const own = await payoutsOf(strapi, { boardDocumentId: board.documentId, memberId });
        expect(own.map((l) => [Boolean(l.stake), BigInt(l.amount)])).toEqual([
          [false, total - total / 2n],
          [true, total / 2n],
        ]);
      }

      // The worker signs, sends — and dies before recording anything: the node took the transaction.
      devnet.faults.set({ dropReplyAfterAccept: 1 });
      const job = await jobs.claim(['payout.batch'], 'doomed-worker', 500);
      expect(job).not.toBeNull();
      await jobs.attempt(job, 'doomed-worker');
      devnet.faults.set({ dropReplyAfterAccept: 0 });
      const [stored] = await jobs.find({ id: job.id }, 1);
      // Issue mode: a staked line is two actions, issue to the issuer then stake to the member.
      const actions = JSON.parse(stored.signedTx.operations[0][1].json);
      expect(actions.map((a: any) => a.contractAction)).toEqual(['issue', 'issue', 'stake', 'issue', 'issue', 'stake', 'issue', 'issue', 'stake']);
      expect(actions[1].contractPayload.to).toBe('maple-tokens');
      await waitFor(async () => (await stakeUnits('stake-author', 'STKI', 3)) === sums.get(author.id)! / 2n, 'the stake on chain');

      jobs.resumeChainWork();
      const lines = await payoutsFinished(board.documentId, 6);
      expect(lines.every((l) => l.state === 'paid' && l.txId === stored.txId)).toBe(true);
      const check = async () => {
        for (const [memberId, total] of sums) {
          const account = accountOf.get(memberId)!;
          expect([account, await stakeUnits(account, 'STKI', 3), await balanceUnits(strapi, account, 'STKI', 3)]).toEqual([account, total / 2n, total - total / 2n]);
        }
        // The issuer issued the staked shares to itself and staked them all on: it keeps nothing.
        expect(await balanceUnits(strapi, 'maple-tokens', 'STKI', 3)).toBe(0n);
      };
      await check();

      // Retrying the board's payouts and scheduling again send nothing more.
      expect((await rewards(strapi).retryPayouts({ boardDocumentId: board.documentId })).payouts).toBe(0);
      await rewards(strapi).tick();
      expect(await payoutsOf(strapi, { boardDocumentId: board.documentId })).toHaveLength(6);
      await check();

      // The member's view: the staked part of what was paid, and the stake on chain.
      const mine = await api().get('/api/me/rewards').set(bearer(author)).expect(200);
      const stki = mine.body.data.balances.find((b: any) => b.symbol === 'STKI');
      const total = sums.get(author.id)!;
      expect(stki).toMatchObject({ paid: quantity(total), staked: quantity(total / 2n), onChain: quantity(total - total / 2n), onChainStake: quantity(total / 2n) });
    } finally {
      devnet.faults.set({ dropReplyAfterAccept: 0 });
      jobs.resumeChainWork();
    }
  }, 90000);
});

describe('stakedRewardPercentage in "transfer" mode', () => {
  it('pays liquid with a note while the token has no staking (the Boards page says why), then stakes from the treasury once enabled', async () => {
    await createToken(strapi, 'oakhill-tokens', 'STKT', 3, '1000000.000');
    expect((await engineActions(strapi, 'oakhill-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'STKT', to: 'oakhill-tokens', quantity: '5000' } }]))!.errors).toEqual([]);
    const [author, f] = await Promise.all([createMember(strapi), createMember(strapi)]);
    await Promise.all([linkDirectly(author, 'treasury-author'), linkDirectly(f, 'treasury-liker')]);
    const board = await createRewardBoard(strapi, { symbol: 'STKT', issuer: 'oakhill-tokens', mode: 'transfer', stakedRewardPercentage: 40 });

    const admin = await createAdmin(strapi);
    const health = async () => (await api().get('/hive-smt/boards').set(adminAuth(admin)).expect(200)).body.data.find((b: any) => b.documentId === board.documentId);
    const before = await health();
    expect(before.token).toMatchObject({ stakingEnabled: false, problem: { code: 'staking-disabled' } });
    expect(before.token.problem.help).toMatch(/40 % of each reward as staked STKT, but STKT has staking disabled/);

    const first = await createPost(strapi, board, author);
    await like(f, first.documentId);
    await settled(strapi, board.documentId);
    const firstSums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
    const paidLiquid = await payoutsFinished(board.documentId, 4);
    expect(paidLiquid.every((l) => l.state === 'paid' && !l.stake)).toBe(true);
    const notes = paidLiquid.filter((l) => l.error);
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n.error).toMatch(/^Paid liquid: STKT has staking disabled on Hive-Engine/);
    expect(await balanceUnits(strapi, 'treasury-author', 'STKT', 3)).toBe(firstSums.get(author.id));
    expect(await stakeUnits('treasury-author', 'STKT', 3)).toBe(0n);

    expect((await enableStaking('oakhill-tokens', 'STKT'))!.errors).toEqual([]);
    expect((await health()).token).toMatchObject({ stakingEnabled: true, problem: null });
    const second = await createPost(strapi, board, author);
    await like(f, second.documentId);
    await settled(strapi, board.documentId);
    const allSums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
    const lines = await payoutsFinished(board.documentId, 8);
    expect(lines.every((l) => l.state === 'paid')).toBe(true);
    const secondAuthor = allSums.get(author.id)! - firstSums.get(author.id)!;
    const staked = (secondAuthor * 40n) / 100n;
    expect(await stakeUnits('treasury-author', 'STKT', 3)).toBe(staked);
    expect(await balanceUnits(strapi, 'treasury-author', 'STKT', 3)).toBe(allSums.get(author.id)! - staked);
    const stakeLine = lines.find((l) => l.stake && l.memberId === author.id)!;
    const info = await hiveService(strapi, 'chain').engineTransaction(stakeLine.engineTxId);
    expect(info.errors).toEqual([]);
  }, 90000);
});

describe('a staked line whose issue fails but whose stake passes', () => {
  it("is recorded as the chain shows it: the last action decides (the issuer staked from its own balance), each action's outcome on its own line", async () => {
    // All the supply is issued already, to the issuer: every issue fails, every stake from its balance passes.
    await createToken(strapi, 'photo-tokens', 'STKX', 3, '1000.000');
    expect((await enableStaking('photo-tokens', 'STKX'))!.errors).toEqual([]);
    expect((await engineActions(strapi, 'photo-tokens', [{ contractAction: 'issue', contractPayload: { symbol: 'STKX', to: 'photo-tokens', quantity: '1000' } }]))!.errors).toEqual([]);
    const [author, f] = await Promise.all([createMember(strapi), createMember(strapi)]);
    await Promise.all([linkDirectly(author, 'supply-author'), linkDirectly(f, 'supply-liker')]);
    const board = await createRewardBoard(strapi, { symbol: 'STKX', issuer: 'photo-tokens', rewardPerInterval: '1', stakedRewardPercentage: 50 });
    const post = await createPost(strapi, board, author);
    await like(f, post.documentId);
    await settled(strapi, board.documentId);
    const lines = await payoutsFinished(board.documentId, 4);
    expect(lines.map((l) => [Boolean(l.stake), l.state])).toEqual([
      [false, 'failed'],
      [true, 'paid'],
      [false, 'failed'],
      [true, 'paid'],
    ]);
    for (const line of lines.filter((l) => !l.stake)) expect(line.error).toContain('quantity exceeds available supply');
    for (const [memberId, account] of [
      [author.id, 'supply-author'],
      [f.id, 'supply-liker'],
    ] as const) {
      const staked = lines.find((l) => l.stake && l.memberId === memberId)!;
      expect(await stakeUnits(account, 'STKX', 3)).toBe(BigInt(staked.amount));
      expect(await balanceUnits(strapi, account, 'STKX', 3)).toBe(0n);
    }
  }, 90000);
});
