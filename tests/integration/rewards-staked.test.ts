import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { adminAuth, cm, createAdmin } from '../helpers/admins';
import { devnetClient, devnetKey, devnetOf, hiveService, waitFor } from '../helpers/chain';
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

/** A custom_json of token actions from `sender`, handed to the node without waiting for a block (blocks may be halted). */
async function sendWithoutWaiting(sender: string, actions: Array<{ contractAction: string; contractPayload: Record<string, unknown> }>) {
  const client = devnetClient(strapi);
  const props = await client.database.getDynamicGlobalProperties();
  const tx = {
    ref_block_num: props.head_block_number & 0xffff,
    ref_block_prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4),
    // From the chain's clock, which a test may have moved ahead of this machine's.
    expiration: new Date(Date.parse(`${props.time}Z`) + 60_000).toISOString().slice(0, -5),
    operations: [
      ['custom_json', { id: devnetOf(strapi).engineId, required_auths: [sender], required_posting_auths: [], json: JSON.stringify(actions.map((a) => ({ contractName: 'tokens', ...a }))) }],
    ] as any,
    extensions: [],
  };
  await client.call('condenser_api', 'broadcast_transaction', [client.broadcast.sign(tx, devnetKey(strapi, sender, 'active'))]);
}

describe('a staked line whose issue passed but whose stake hit the sender’s action limit of its block', () => {
  it('is paid again by the stake alone: the member is staked once and the issuer is left with nothing issued twice', async () => {
    const jobs = hiveService(strapi, 'jobs');
    const devnet = devnetOf(strapi);
    await createToken(strapi, 'photo-tokens', 'STKB', 3, '1000000.000');
    expect((await enableStaking('photo-tokens', 'STKB'))!.errors).toEqual([]);
    const [author, f] = await Promise.all([createMember(strapi), createMember(strapi)]);
    await Promise.all([linkDirectly(author, 'limit-author'), linkDirectly(f, 'limit-liker')]);
    const board = await createRewardBoard(strapi, { symbol: 'STKB', issuer: 'photo-tokens', stakedRewardPercentage: 100 });
    const post = await createPost(strapi, board, author);
    await like(f, post.documentId);
    await jobs.pauseChainWork();
    try {
      await settled(strapi, board.documentId);
      const sums = sumByMember(await allocationsOf(strapi, { boardDocumentId: board.documentId }));
      await waitFor(async () => {
        const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
        return lines.length === 2 && lines.every((l) => l.stake && l.jobDocumentId);
      }, 'two staked lines and their job');
      const issuerBefore = await balanceUnits(strapi, 'photo-tokens', 'STKB', 3);

      // One block for both: the issuer's own 17 actions first, then the payout's issue, stake, issue, stake —
      // the 21st action of the sender in that block (the second stake) is over Hive-Engine's limit of 20.
      devnet.faults.set({ haltBlocks: true });
      await sendWithoutWaiting(
        'photo-tokens',
        Array.from({ length: 17 }, () => ({ contractAction: 'issue', contractPayload: { symbol: 'STKB', to: 'limit-filler', quantity: '0.001' } })),
      );
      const job = await jobs.claim(['payout.batch'], 'limit-worker', 500);
      await jobs.attempt(job, 'limit-worker');
      devnet.faults.set({ haltBlocks: false });
      jobs.resumeChainWork();

      const lines = await payoutsFinished(board.documentId, 2);
      expect(lines.map((l) => l.state)).toEqual(['paid', 'paid']);
      const [again] = lines.filter((l) => l.fundedEngineTxId);
      expect(again).toBeDefined();
      const issue = await hiveService(strapi, 'chain').engineTransaction(again.fundedEngineTxId);
      expect(issue).toMatchObject({ errors: [] });
      // Paid again in a later transaction, whose only action for it is the stake.
      const [stored] = await jobs.find({ documentId: again.jobDocumentId }, 1);
      expect(JSON.parse(stored.signedTx.operations[0][1].json).map((a: any) => a.contractAction)).toEqual(['stake']);
      for (const [memberId, account] of [
        [author.id, 'limit-author'],
        [f.id, 'limit-liker'],
      ] as const) {
        expect(await stakeUnits(account, 'STKB', 3)).toBe(sums.get(memberId));
      }
      expect(await balanceUnits(strapi, 'photo-tokens', 'STKB', 3)).toBe(issuerBefore);
    } finally {
      devnet.faults.set({ haltBlocks: false });
      jobs.resumeChainWork();
    }
  }, 90000);
});

describe('appTaxConfig', () => {
  it("pays the tax on the author's reward of posts of other apps to the beneficiary, liquid and once, and none when the pool's app is Quanzi", async () => {
    await createToken(strapi, 'maple-tokens', 'TAXD', 3, '1000000.000');
    const [author, f, g] = await Promise.all([createMember(strapi), createMember(strapi), createMember(strapi)]);
    await Promise.all([linkDirectly(author, 'taxed-author'), linkDirectly(f, 'taxed-liker'), linkDirectly(g, 'taxed-liker-b')]);
    // Posts here are made with Quanzi (json_metadata app "quanzi/…"): a pool that taxes every app but "peakd" taxes them.
    const board = await createRewardBoard(strapi, {
      symbol: 'TAXD',
      stakedRewardPercentage: 50,
      appTaxConfig: { app: 'peakd', percent: 15, beneficiary: 'tax-fund' },
    });
    const post = await createPost(strapi, board, author);
    await like(f, post.documentId);
    await like(g, post.documentId);
    const pending = (await api().get(`/api/posts/${post.documentId}/rewards`).expect(200)).body.data;
    expect(Number(pending.estimate.appTax)).toBeGreaterThan(0);
    await settled(strapi, board.documentId);

    const allocations = await allocationsOf(strapi, { boardDocumentId: board.documentId });
    const taxes = allocations.filter((a) => a.role === 'app-tax');
    const authorShare = allocations.filter((a) => a.role === 'author').reduce((s, a) => s + BigInt(a.amount), 0n);
    expect(taxes).toHaveLength(1);
    expect(taxes[0]).toMatchObject({ memberId: null, account: 'tax-fund', postDocumentId: post.documentId });
    const tax = BigInt(taxes[0].amount);
    // The contract's rounding: tax = floor(author reward · 15 / 100), the author keeps the rest.
    expect(tax).toBe(((authorShare + tax) * 15n) / 100n);
    // The period still adds up: what the post was paid includes the tax.
    const [period] = await strapi.db.query('plugin::hive-smt.reward-period' as any).findMany({ where: { boardDocumentId: board.documentId } });
    expect(BigInt(period.distributed)).toBe(allocations.reduce((s, a) => s + BigInt(a.amount), 0n));

    const lines = await payoutsFinished(board.documentId, 7);
    expect(lines.every((l) => l.state === 'paid')).toBe(true);
    const taxLines = lines.filter((l) => l.account === 'tax-fund');
    // Liquid, as the contract pays the tax, however much of the members' rewards is staked.
    expect(taxLines.map((l) => [l.memberId, Boolean(l.stake), BigInt(l.amount)])).toEqual([[null, false, tax]]);
    expect(await balanceUnits(strapi, 'tax-fund', 'TAXD', 3)).toBe(tax);
    const shown = (await api().get(`/api/posts/${post.documentId}/rewards`).expect(200)).body.data;
    expect(shown.paid.appTax).toBe(quantity(tax));
    expect(shown.paid.author).toBe(quantity(authorShare));
    // No member's earnings or rewards list carry it.
    const mine = await api().get('/api/me/rewards').set(bearer(author)).expect(200);
    expect(JSON.stringify(mine.body)).not.toContain('app-tax');

    // Scheduling again pays nothing twice.
    await rewards(strapi).tick();
    expect(await payoutsOf(strapi, { boardDocumentId: board.documentId })).toHaveLength(7);
    expect(await balanceUnits(strapi, 'tax-fund', 'TAXD', 3)).toBe(tax);

    // A pool whose app is Quanzi's own taxes nothing.
    const untaxed = await createRewardBoard(strapi, { symbol: 'TAXD', appTaxConfig: { app: 'quanzi', percent: 15, beneficiary: 'tax-fund' } });
    const other = await createPost(strapi, untaxed, author);
    await like(f, other.documentId);
    await settled(strapi, untaxed.documentId);
    expect((await allocationsOf(strapi, { boardDocumentId: untaxed.documentId })).filter((a) => a.role === 'app-tax')).toEqual([]);
  }, 90000);
});
