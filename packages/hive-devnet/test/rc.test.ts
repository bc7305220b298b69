/**
 * Resource credits (hived 1.28 libraries/chain/rc/): the payer is the first
 * required authority, the cost follows hived's resource counts, a payer short
 * of mana is refused with not_enough_rc_exception and nothing happens, mana
 * regenerates linearly over 5 days of block time, rc_api answers hived's shape,
 * and the rc plugin's delegate_rc custom_json moves max RC between accounts.
 */
import { countResources, rcCost, regenerateMana } from '../src/rc';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

const FIVE_DAYS_IN_BLOCKS = (5 * 24 * 3600) / 3;
const noState = { authorityMembers: () => null, hasRcDelegation: () => false };
const delegateRc = (from: string, to: string[], maxRc: number) =>
  [
    'custom_json',
    {
      required_auths: [],
      required_posting_auths: [from],
      id: 'rc',
      json: JSON.stringify(['delegate_rc', { from, delegatees: to, max_rc: maxRc, extensions: [] }]),
    },
  ] as any;

async function rcOf(t: TestNet, account: string) {
  const res = await t.rpc('rc_api.find_rc_accounts', { accounts: [account] });
  return res.rc_accounts[0];
}
const mana = (rc: any) => Number(rc.rc_manabar.current_mana);

describe("RC costs (pure, resource counts of resource_count.cpp at the devnet's fixed prices)", () => {
  test('a post costs about 1.2 billion RC, a vote under 0.1 billion, a transfer under 0.2 billion', () => {
    const post = rcCost(
      countResources(
        [
          ['comment', { permlink: 'a-typical-post-permlink-20240101' }],
          ['comment_options', { extensions: [] }],
        ],
        700,
        1,
        1,
        noState,
      ),
    );
    const vote = rcCost(countResources([['vote', {}]], 180, 1, 1, noState));
    const transfer = rcCost(countResources([['transfer', {}]], 190, 1, 1, noState));
    expect(post).toBeGreaterThan(1.0e9);
    expect(post).toBeLessThan(1.5e9);
    expect(vote).toBeLessThan(0.1e9);
    expect(transfer).toBeGreaterThan(vote);
    expect(transfer).toBeLessThan(0.2e9);
  });

  test('bytes, signatures and expiration hours each cost; replacing an authority costs only its growth', () => {
    const base = (size: number, sigs: number, hours: number) => rcCost(countResources([['custom_json', { id: 'x', json: '{}' }]], size, sigs, hours, noState));
    expect(base(400, 1, 1)).toBeGreaterThan(base(200, 1, 1));
    expect(base(200, 2, 1)).toBeGreaterThan(base(200, 1, 1));
    expect(base(200, 1, 24)).toBeGreaterThan(base(200, 1, 1));
    const update = [['account_update', { account: 'a', posting: { account_auths: [], key_auths: [['k', 1]] } }]] as any;
    const fresh = rcCost(countResources(update, 200, 1, 1, noState));
    const replacing = rcCost(countResources(update, 200, 1, 1, { ...noState, authorityMembers: () => ({ accounts: 0, keys: 1 }) }));
    expect(replacing).toBeLessThan(fresh);
  });

  test('mana regenerates linearly over 5 days and stops at the maximum', () => {
    expect(regenerateMana({ current: 0, lastUpdate: 1000 }, 432000, 1000 + 216000)).toEqual({ current: 216000, lastUpdate: 217000 });
    expect(regenerateMana({ current: 100, lastUpdate: 0 }, 432000, 10 * 432000).current).toBe(432000);
  });
});

describe('RC on the chain', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test("rc_api.find_rc_accounts answers hived's rc_account_api_object (int64 above 2^32 as strings)", async () => {
    const rc = await rcOf(t, 'alice');
    expect(Object.keys(rc).sort()).toEqual(['account', 'delegated_rc', 'max_rc', 'max_rc_creation_adjustment', 'rc_manabar', 'received_delegated_rc']);
    expect(rc.account).toBe('alice');
    expect(rc.max_rc_creation_adjustment).toEqual({ amount: '0', precision: 6, nai: '@@000000037' });
    expect(typeof rc.max_rc).toBe('string');
    expect(rc.max_rc).toBe(String((await t.rpc('database_api.find_accounts', { accounts: ['alice'] })).accounts[0].vesting_shares.amount));
    expect(Object.keys(rc.rc_manabar).sort()).toEqual(['current_mana', 'last_update_time']);
    expect(typeof rc.rc_manabar.last_update_time).toBe('number');
    expect(rc.delegated_rc).toBe(0);
    expect(rc.received_delegated_rc).toBe(0);
  });

  test("the payer is the first required authority: a board's post signed by the app costs the board, not the app", async () => {
    const boardBefore = mana(await rcOf(t, 'maple-school'));
    const appBefore = mana(await rcOf(t, 'quanzi'));
    const tx = await t.sign([comment('maple-school', 'rc-payer')], t.key('quanzi'));
    const cost = t.devnet.chain.rcCostOf(tx);
    await t.client.broadcast.send(tx);
    await t.devnet.produceBlocks(1);
    // charged once (the block re-applies the mempool's transactions), regeneration since is below 1 % of the cost
    const spent = boardBefore - mana(await rcOf(t, 'maple-school'));
    expect(spent).toBeGreaterThan(cost * 0.99);
    expect(spent).toBeLessThanOrEqual(cost);
    expect(mana(await rcOf(t, 'quanzi'))).toBeGreaterThanOrEqual(appBefore);
  });

  test("a payer short of RC is refused with not_enough_rc_exception and hived's text; nothing is applied", async () => {
    await t.rpc('debug_node_api.debug_set_rc_mana', { account: 'bob', current_mana: 1000 });
    const tx = await t.sign([comment('bob', 'no-rc')], t.key('bob'));
    const cost = t.devnet.chain.rcCostOf(tx);
    const res = await t.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.broadcast_transaction', params: [tx] });
    expect(res.json.error.code).toBe(-32003);
    expect(res.json.error.data).toEqual(
      expect.objectContaining({ code: 4100100, name: 'not_enough_rc_exception', message: 'payer has not enough RC mana for transaction' }),
    );
    const err = await expectRpcError(t.client.broadcast.send(tx), `Account: bob has 1000 RC, needs ${cost} RC. Please wait to transact or power up HIVE.`);
    expect(err.jse_info.stack[0].format).toMatch(/^has_mana: /);
    expect(t.devnet.chain.pendingCount()).toBe(0);
    expect(t.devnet.chain.findComment('bob', 'no-rc')).toBeUndefined();
    expect(mana(await rcOf(t, 'bob'))).toBe(1000);
  });

  test('mana regenerates with block time: half of it in 2.5 days, all of it in 5', async () => {
    await t.rpc('debug_node_api.debug_set_rc_mana', { account: 'dave', current_mana: 0 });
    const max = Number((await rcOf(t, 'dave')).max_rc);
    await t.blocks(1, FIVE_DAYS_IN_BLOCKS / 2 - 1);
    // the stored manabar regenerates when the account next transacts
    await t.commit([['vote', { voter: 'dave', author: 'maple-school', permlink: 'rc-payer', weight: 100 }]] as any, t.key('dave'));
    const half = mana(await rcOf(t, 'dave'));
    expect(half / max).toBeGreaterThan(0.49);
    expect(half / max).toBeLessThan(0.51);
    await t.blocks(1, FIVE_DAYS_IN_BLOCKS);
    await t.commit([['vote', { voter: 'dave', author: 'maple-school', permlink: 'rc-payer', weight: 200 }]] as any, t.key('dave'));
    expect(mana(await rcOf(t, 'dave')) / max).toBeGreaterThan(0.999);
  });

  test("delegate_rc: the rc plugin's custom_json moves max RC; too small, to oneself and unfunded delegations are refused", async () => {
    const before = await rcOf(t, 'carol');
    await t.commit([delegateRc('alice', ['carol'], 5_000_000_000)], t.key('alice'));
    const alice = await rcOf(t, 'alice');
    const carol = await rcOf(t, 'carol');
    expect(alice.delegated_rc).toBe('5000000000');
    expect(carol.received_delegated_rc).toBe('5000000000');
    expect(BigInt(carol.max_rc) - BigInt(before.max_rc)).toBe(5_000_000_000n);
    // ( account_creation_fee / 3 ) * vesting share price = 1 HIVE of VESTS
    await expectRpcError(t.send([delegateRc('alice', ['bob'], 1000)], t.key('alice')), 'Cannot delegate less than 2000000000 rc');
    await expectRpcError(t.send([delegateRc('alice', ['alice'], 5_000_000_000)], t.key('alice')), 'cannot delegate rc to yourself');
    await expectRpcError(
      t.send([delegateRc('alice', ['carol'], 5_000_000_000)], t.key('alice')),
      'A delegation to that user with the same amount of RC already exists',
    );
    await t.rpc('debug_node_api.debug_set_rc_mana', { account: 'dave', current_mana: 3_000_000_000 });
    await expectRpcError(t.send([delegateRc('dave', ['bob'], 4_000_000_000)], t.key('dave')), 'Account dave has insufficient RC');
    // removing it takes the RC back from carol at once
    await t.commit([delegateRc('alice', ['carol'], 0)], t.key('alice'));
    expect((await rcOf(t, 'carol')).max_rc).toBe(before.max_rc);
    expect((await rcOf(t, 'alice')).delegated_rc).toBe(0);
  });
});

describe('resourceCredits: false (a kinder devnet, on request)', () => {
  test('nothing is charged or refused', async () => {
    const t = await startTestNet({ resourceCredits: false });
    try {
      await t.rpc('debug_node_api.debug_set_rc_mana', { account: 'bob', current_mana: 0 });
      await t.commit([comment('bob', 'free')], t.key('bob'));
      expect(t.devnet.chain.findComment('bob', 'free')).toBeDefined();
      expect(mana(await rcOf(t, 'bob'))).toBe(0);
    } finally {
      await t.stop();
    }
  });
});
