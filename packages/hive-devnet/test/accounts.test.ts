/**
 * Accounts: the fields each API answers (hived 1.28.6 FC_REFLECT lists),
 * account_update / account_update2 with hived's validation, authority and
 * owner-update rules, a multi-signature posting authority from genesis, and
 * which custom_json ids hived evaluates itself (only "rc").
 */
import { devnetPrivateKey, devnetPublicKey } from '../src/accounts';
import { decodePublicKey } from '../src/keys';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

/** libraries/plugins/apis/database_api/include/hive/plugins/database_api/database_api_objects.hpp FC_REFLECT( api_account_object ). */
const DATABASE_API_ACCOUNT_FIELDS = [
  'id',
  'name',
  'owner',
  'active',
  'posting',
  'memo_key',
  'json_metadata',
  'posting_json_metadata',
  'proxy',
  'previous_owner_update',
  'last_owner_update',
  'last_account_update',
  'created',
  'mined',
  'recovery_account',
  'last_account_recovery',
  'reset_account',
  'comment_count',
  'lifetime_vote_count',
  'post_count',
  'can_vote',
  'voting_manabar',
  'downvote_manabar',
  'balance',
  'savings_balance',
  'hbd_balance',
  'hbd_seconds',
  'hbd_seconds_last_update',
  'hbd_last_interest_payment',
  'savings_hbd_balance',
  'savings_hbd_seconds',
  'savings_hbd_seconds_last_update',
  'savings_hbd_last_interest_payment',
  'savings_withdraw_requests',
  'reward_hbd_balance',
  'reward_hive_balance',
  'reward_vesting_balance',
  'reward_vesting_hive',
  'vesting_shares',
  'delegated_vesting_shares',
  'received_vesting_shares',
  'vesting_withdraw_rate',
  'post_voting_power',
  'next_vesting_withdrawal',
  'withdrawn',
  'to_withdraw',
  'withdraw_routes',
  'pending_transfers',
  'curation_rewards',
  'posting_rewards',
  'proxied_vsf_votes',
  'witnesses_voted_for',
  'last_post',
  'last_root_post',
  'last_post_edit',
  'last_vote_time',
  'post_bandwidth',
  'pending_claimed_accounts',
  'open_recurrent_transfers',
  'is_smt',
  'delayed_votes',
  'governance_vote_expiration_ts',
];
/** condenser_api.hpp FC_REFLECT( api_account_object ) + FC_REFLECT_DERIVED( extended_account ) (its optionals unset). */
const CONDENSER_ACCOUNT_FIELDS = [
  'id',
  'name',
  'owner',
  'active',
  'posting',
  'memo_key',
  'json_metadata',
  'posting_json_metadata',
  'proxy',
  'previous_owner_update',
  'last_owner_update',
  'last_account_update',
  'created',
  'mined',
  'recovery_account',
  'last_account_recovery',
  'reset_account',
  'comment_count',
  'lifetime_vote_count',
  'post_count',
  'can_vote',
  'voting_manabar',
  'downvote_manabar',
  'voting_power',
  'balance',
  'savings_balance',
  'hbd_balance',
  'hbd_seconds',
  'hbd_seconds_last_update',
  'hbd_last_interest_payment',
  'savings_hbd_balance',
  'savings_hbd_seconds',
  'savings_hbd_seconds_last_update',
  'savings_hbd_last_interest_payment',
  'savings_withdraw_requests',
  'reward_hbd_balance',
  'reward_hive_balance',
  'reward_vesting_balance',
  'reward_vesting_hive',
  'vesting_shares',
  'delegated_vesting_shares',
  'received_vesting_shares',
  'vesting_withdraw_rate',
  'post_voting_power',
  'next_vesting_withdrawal',
  'withdrawn',
  'to_withdraw',
  'withdraw_routes',
  'pending_transfers',
  'curation_rewards',
  'posting_rewards',
  'proxied_vsf_votes',
  'witnesses_voted_for',
  'last_post',
  'last_root_post',
  'last_vote_time',
  'post_bandwidth',
  'pending_claimed_accounts',
  'governance_vote_expiration_ts',
  'delayed_votes',
  'open_recurrent_transfers',
  'vesting_balance',
  'reputation',
  'transfer_history',
  'market_history',
  'post_history',
  'vote_history',
  'other_history',
  'witness_votes',
  'tags_usage',
  'guest_bloggers',
];

/**
 * An authority as hived stores and signs it: key_auths and account_auths are flat_maps, so a
 * client must send them sorted (by key bytes, by name) or its signature covers other bytes.
 */
const auth = (threshold: number, accounts: Array<[string, number]>, keys: Array<[string, number]>) => ({
  weight_threshold: threshold,
  account_auths: [...accounts].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  key_auths: [...keys].sort((a, b) => Buffer.compare(decodePublicKey(a[0]), decodePublicKey(b[0]))),
});
const NULL_KEY = 'TST1111111111111111111111111111111114T1Anm';

describe('account fields', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
    await t.commit([comment('alice', 'fields')], t.key('alice'));
  });
  afterAll(() => t.stop());

  test('condenser_api.get_accounts has no last_post_edit (nor is_smt); database_api.find_accounts has them', async () => {
    const [condenser] = await t.client.database.getAccounts(['alice']);
    expect(Object.keys(condenser).sort()).toEqual([...CONDENSER_ACCOUNT_FIELDS].sort());
    expect(condenser).not.toHaveProperty('last_post_edit');
    const { accounts } = await t.rpc('database_api.find_accounts', { accounts: ['alice'] });
    expect(Object.keys(accounts[0]).sort()).toEqual([...DATABASE_API_ACCOUNT_FIELDS].sort());
    expect(accounts[0].last_post_edit).toBe(condenser.last_post);
    expect(accounts[0]).not.toHaveProperty('voting_power');
  });

  test('manabars are the stored ones; int64 values above 2^32 are strings', async () => {
    const [a] = await t.client.database.getAccounts(['alice']);
    expect(typeof a.voting_manabar.current_mana).toBe('string');
    expect(a.voting_manabar.current_mana).toBe(String(Number(a.vesting_shares.split(' ')[0].replace('.', ''))));
    expect(a.lifetime_vote_count).toBe(0); // no longer set by hived's api_account_object constructor
  });
});

describe('account_update and account_update2', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  const publicKey = (name: string, role: string) => devnetPublicKey(name, role);

  test('account_update2 with only posting_json_metadata needs posting authority; json_metadata needs active', async () => {
    await t.commit(
      [['account_update2', { account: 'bob', json_metadata: '', posting_json_metadata: '{"profile":{"name":"Bob"}}', extensions: [] }]] as any,
      t.key('bob'),
    );
    const { accounts } = await t.rpc('database_api.find_accounts', { accounts: ['bob'] });
    expect(accounts[0].posting_json_metadata).toBe('{"profile":{"name":"Bob"}}');
    await expectRpcError(
      t.send([['account_update2', { account: 'bob', json_metadata: '{"a":1}', posting_json_metadata: '', extensions: [] }]] as any, t.key('bob')),
      'Missing Active Authority bob',
    );
    await t.commit(
      [['account_update2', { account: 'bob', json_metadata: '{"a":1}', posting_json_metadata: '', extensions: [] }]] as any,
      t.key('bob', 'active'),
    );
    const after = (await t.rpc('database_api.find_accounts', { accounts: ['bob'] })).accounts[0];
    expect(after.json_metadata).toBe('{"a":1}');
    expect(after.posting_json_metadata).toBe('{"profile":{"name":"Bob"}}'); // empty metadata leaves the old one
  });

  test('account_update2 changes the posting authority (active key) and the memo key; a missing account in it is refused', async () => {
    const posting = auth(1, [['quanzi', 1]], [[publicKey('bob', 'posting'), 1]]);
    await t.commit(
      [
        ['account_update2', { account: 'bob', posting, memo_key: publicKey('bob', 'memo-2'), json_metadata: '', posting_json_metadata: '', extensions: [] }],
      ] as any,
      t.key('bob', 'active'),
    );
    const [bob] = await t.client.database.getAccounts(['bob']);
    expect(bob.posting.account_auths).toEqual([['quanzi', 1]]);
    expect(bob.memo_key).toBe(publicKey('bob', 'memo-2'));
    // now the app may post for bob
    await t.commit([comment('bob', 'via-app')], t.key('quanzi'));
    await expectRpcError(
      t.send(
        [['account_update2', { account: 'bob', posting: auth(1, [['ghost', 1]], []), json_metadata: '', posting_json_metadata: '', extensions: [] }]] as any,
        t.key('bob', 'active'),
      ),
      'New posting authority on account bob references non-existing account ghost',
    );
    await expectRpcError(
      t.send(
        [
          [
            'account_update2',
            {
              account: 'bob',
              posting: auth(
                1,
                [],
                Array.from({ length: 41 }, (_, i) => [publicKey('bob', `k${i}`), 1] as [string, number]),
              ),
              json_metadata: '',
              posting_json_metadata: '',
              extensions: [],
            },
          ],
        ] as any,
        t.key('bob', 'active'),
      ),
      'Authority membership exceeded. Max: 40 Current: 41',
    );
  });

  test('the owner authority changes at most twice an hour (HF26: "twice an hour")', async () => {
    const owner = (role: string) => auth(1, [], [[publicKey('dave', role), 1]]);
    const update = (role: string) => [['account_update', { account: 'dave', owner: owner(role), memo_key: NULL_KEY, json_metadata: '' }]] as any;
    await t.commit(update('owner-1'), t.key('dave', 'owner'));
    await t.commit(update('owner-2'), devnetPrivateKey('dave', 'owner-1'));
    const err = await expectRpcError(t.send(update('owner-3'), devnetPrivateKey('dave', 'owner-2')), 'Owner authority can only be updated twice an hour.');
    expect(err.jse_info.stack[0].data).toEqual(
      expect.objectContaining({ m: 'Owner authority can only be updated twice an hour.', category: 'chain', subject_type: 'time', subject: 'dave' }),
    );
    await t.blocks(1, 1200); // an hour later
    await t.commit(update('owner-3'), devnetPrivateKey('dave', 'owner-2'));
    const [dave] = await t.client.database.getAccounts(['dave']);
    expect(dave.owner.key_auths[0][0]).toBe(publicKey('dave', 'owner-3'));
    // the all-zero memo key leaves the memo key alone
    expect(dave.memo_key).toBe(publicKey('dave', 'memo'));
  });

  test('account_update checks the authority size in the evaluator and keeps json_metadata when it is empty', async () => {
    await t.commit([['account_update', { account: 'carol', memo_key: NULL_KEY, json_metadata: '{"keep":true}' }]] as any, t.key('carol', 'active'));
    await t.commit([['account_update', { account: 'carol', memo_key: NULL_KEY, json_metadata: '' }]] as any, t.key('carol', 'active'));
    expect((await t.client.database.getAccounts(['carol']))[0].json_metadata).toBe('{"keep":true}');
    const big = auth(
      1,
      [],
      Array.from({ length: 41 }, (_, i) => [publicKey('carol', `k${i}`), 1] as [string, number]),
    );
    await expectRpcError(
      t.send([['account_update', { account: 'carol', active: big, memo_key: NULL_KEY, json_metadata: '' }]] as any, t.key('carol', 'active')),
      'Authority membership exceeded. Max: 40 Current: 41',
    );
  });
});

describe('a 2-of-3 posting authority (genesis account trio-desk)', () => {
  test('one key is below the threshold; two keys sign', async () => {
    const t = await startTestNet();
    try {
      const trio = t.devnet.accounts.find((a) => a.name === 'trio-desk')!;
      expect(trio.postingAuthority).toEqual({ weight_threshold: 2, keys: expect.arrayContaining([expect.objectContaining({ role: 'posting-2', weight: 1 })]) });
      const [onChain] = await t.client.database.getAccounts(['trio-desk']);
      expect(onChain.posting.weight_threshold).toBe(2);
      expect(onChain.posting.key_auths).toHaveLength(3);
      await expectRpcError(t.send([comment('trio-desk', 'one-key')], t.key('trio-desk', 'posting')), 'Missing Posting Authority trio-desk');
      await t.commit([comment('trio-desk', 'two-keys')], [t.key('trio-desk', 'posting'), devnetPrivateKey('trio-desk', 'posting-3')]);
      expect(t.devnet.chain.findComment('trio-desk', 'two-keys')).toBeDefined();
    } finally {
      await t.stop();
    }
  });
});

describe('custom_json ids hived evaluates', () => {
  test('only "rc": a malformed follow or reblog is accepted (hivemind reads those), a malformed rc op is refused', async () => {
    const t = await startTestNet();
    try {
      const cj = (id: string, json: string) => ['custom_json', { required_auths: [], required_posting_auths: ['alice'], id, json }] as any;
      await t.commit([cj('follow', '["follow",{"follower":"someone-else","what":"nonsense"}]')], t.key('alice'));
      await t.commit([cj('reblog', '{"not":"an op"}')], t.key('alice'));
      await expectRpcError(t.send([cj('rc', '["undelegate_everything",{}]')], t.key('alice')), 'Invalid operation name: undelegate_everything');
      await expectRpcError(
        t.send([cj('rc', '["delegate_rc",{"from":"bob","delegatees":["carol"],"max_rc":5000000000,"extensions":[]}]')], t.key('alice')),
        'inner_posting == outer_posting',
      );
    } finally {
      await t.stop();
    }
  });
});
