/**
 * Votes as hived 1.28 weighs them (hive_evaluator_social.cpp hf20_vote_evaluator,
 * HF28 stable vote): rshares from the voter's vesting shares and the weight, minus
 * HIVE_VOTE_DUST_THRESHOLD, mana used from the voting (or downvote) manabar, the
 * last-12-hours lockout; and delete_comment deciding on net rshares, not votes.
 */
import { voteRshares, voteUsedMana } from '../src/votes';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

const vote = (voter: string, author: string, permlink: string, weight = 10000) => ['vote', { voter, author, permlink, weight }] as any;
const del = (author: string, permlink: string) => ['delete_comment', { author, permlink }] as any;

const vestsOf = async (t: TestNet, name: string) => Number((await t.rpc('database_api.find_accounts', { accounts: [name] })).accounts[0].vesting_shares.amount);
const manabars = async (t: TestNet, name: string) => {
  const a = (await t.rpc('database_api.find_accounts', { accounts: [name] })).accounts[0];
  return { up: Number(a.voting_manabar.current_mana), down: Number(a.downvote_manabar.current_mana) };
};

describe('vote rshares (pure)', () => {
  test('a full vote uses 2 % of the vesting shares; rshares lose the 50 million dust threshold', () => {
    expect(voteUsedMana(1_000_000_000_000, 10000)).toBe(20_000_000_000);
    expect(voteRshares(20_000_000_000, 10000, 7 * 86400)).toBe(20_000_000_000 - 50_000_000);
    expect(voteRshares(20_000_000_000, -10000, 7 * 86400)).toBe(-(20_000_000_000 - 50_000_000));
  });

  test('a vote below the dust threshold carries 0 rshares', () => {
    const used = voteUsedMana(1_000_000_000_000, 1); // 0.01 %
    expect(used).toBeLessThan(50_000_000);
    expect(voteRshares(used, 1, 7 * 86400)).toBe(0);
  });

  test('in the last 12 hours before cashout rshares shrink linearly', () => {
    expect(voteRshares(1_050_000_000, 10000, 6 * 3600)).toBe(500_000_000);
  });
});

describe('votes and delete_comment on the chain', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
    await t.commit([comment('bob', 'target')], t.key('bob'));
  });
  afterAll(() => t.stop());

  test("rshares and mana: a full vote is 2 % of the voter's VESTS less the dust, taken from the voting manabar", async () => {
    const vests = await vestsOf(t, 'alice');
    const before = await manabars(t, 'alice');
    await t.commitIndexed([vote('alice', 'bob', 'target')], t.key('alice'));
    const post = await t.rpc('condenser_api.get_content', ['bob', 'target']);
    const expected = vests / 50 - 50_000_000;
    expect(post.active_votes).toEqual([expect.objectContaining({ voter: 'alice', percent: 10000, rshares: expected })]);
    expect(post.net_rshares).toBe(expected);
    expect((await t.rpc('bridge.get_post', { author: 'bob', permlink: 'target' })).net_rshares).toBe(expected);
    const after = await manabars(t, 'alice');
    expect(before.up - after.up).toBe(vests / 50);
    expect(after.down).toBe(before.down);
  });

  test('a downvote spends the downvote manabar first', async () => {
    const before = await manabars(t, 'carol');
    await t.commitIndexed([vote('carol', 'bob', 'target', -5000)], t.key('carol'));
    const after = await manabars(t, 'carol');
    expect(after.up).toBe(before.up);
    expect(before.down - after.down).toBe((await vestsOf(t, 'carol')) / 100);
    const votes = await t.rpc('condenser_api.get_active_votes', ['bob', 'target']);
    expect(votes.find((v: any) => v.voter === 'carol').rshares).toBeLessThan(0);
  });

  test('a dust vote is counted as a vote but carries 0 rshares, so it does not stop a deletion', async () => {
    await t.blocks(1, 101);
    await t.commit([comment('dave', 'dusted')], t.key('dave'));
    await t.commitIndexed([vote('alice', 'dave', 'dusted', 1)], t.key('alice'));
    const post = await t.rpc('condenser_api.get_content', ['dave', 'dusted']);
    expect(post.net_votes).toBe(1);
    expect(post.net_rshares).toBe(0);
    await t.commit([del('dave', 'dusted')], t.key('dave'));
    expect(t.devnet.chain.findComment('dave', 'dusted')).toBeUndefined();
  });

  test("net positive rshares refuse delete_comment, with hived 1.28.6's assert data", async () => {
    await t.blocks(1, 101);
    await t.commit([comment('dave', 'liked')], t.key('dave'));
    await t.commit([vote('carol', 'dave', 'liked', 100)], t.key('carol'));
    const err = await expectRpcError(t.send([del('dave', 'liked')], t.key('dave')), 'Cannot delete a comment with net positive votes.');
    expect(err.jse_info.stack[0].format).toBe('comment_cashout->get_net_rshares() <= 0: Cannot delete a comment with net positive votes.');
    expect(err.jse_info.stack[0].data).toEqual({ category: 'chain', subject_type: 'hardfork' });
  });

  test('cashout_time is 7 days after creation in the content APIs; votes in its last 12 hours weigh less', async () => {
    await t.blocks(1, 101);
    await t.commitIndexed([comment('riverside-photo', 'weekly')], t.key('riverside-photo'));
    const post = await t.rpc('condenser_api.get_content', ['riverside-photo', 'weekly']);
    expect(Date.parse(`${post.cashout_time}Z`) - Date.parse(`${post.created}Z`)).toBe(7 * 86400 * 1000);
    expect((await t.rpc('bridge.get_post', { author: 'riverside-photo', permlink: 'weekly' })).payout_at).toBe(post.cashout_time);
    // move to 6 hours before cashout: the vote keeps about half its rshares
    const head = await t.client.database.getDynamicGlobalProperties();
    const secondsLeft = (Date.parse(`${post.cashout_time}Z`) - Date.parse(`${head.time}Z`)) / 1000;
    await t.blocks(1, Math.floor((secondsLeft - 6 * 3600) / 3) - 1);
    await t.commitIndexed([vote('alice', 'riverside-photo', 'weekly')], t.key('alice'));
    const voted = await t.rpc('condenser_api.get_content', ['riverside-photo', 'weekly']);
    const full = (await vestsOf(t, 'alice')) / 50 - 50_000_000;
    expect(voted.net_rshares / full).toBeGreaterThan(0.49);
    expect(voted.net_rshares / full).toBeLessThan(0.51);
  });
});
