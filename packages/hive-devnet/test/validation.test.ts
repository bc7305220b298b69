/**
 * Transaction-level rules (authority, TaPoS, expiration, duplicates, size) and
 * transfer / custom_json rules, each accepted and refused with hived's text.
 */
import { cryptoUtils } from '@hiveio/dhive';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

const vote = (voter: string, author: string, permlink: string, weight = 10000) => ['vote', { voter, author, permlink, weight }] as any;
const transfer = (from: string, to: string, amount: string, memo = '') => ['transfer', { from, to, amount, memo }] as any;
const customJson = (posting: string[], active: string[], id: string, json: string) =>
  ['custom_json', { required_auths: active, required_posting_auths: posting, id, json }] as any;

describe('authority (HF28 rules, the default)', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
    await t.commit([comment('bob', 'target')], t.key('bob'));
  });
  afterAll(() => t.stop());

  test('a board that granted posting authority to the app accepts the app posting key (account_auths)', async () => {
    for (const board of ['maple-school', 'riverside-photo', 'oakhill-hood']) {
      await t.send([comment(board, `board-post-${board}`)], t.key('quanzi'));
    }
    await t.send([vote('alice', 'bob', 'target')], t.key('quanzi'));
    await t.devnet.produceBlocks(1);
    await t.indexed();
    expect((await t.rpc('condenser_api.get_content', ['maple-school', 'board-post-maple-school'])).author).toBe('maple-school');
  });

  test('an account that did not grant authority refuses the app key', async () => {
    await expectRpcError(t.send([comment('lonely-board', 'not-mine')], t.key('quanzi')), 'Missing Posting Authority lonely-board');
    await expectRpcError(t.send([vote('bob', 'bob', 'target')], t.key('quanzi')), 'Missing Posting Authority bob');
    const err = await expectRpcError(t.send([vote('dave', 'bob', 'target')], t.key('bob')), 'Missing Posting Authority dave');
    expect(err.jse_info).toEqual(expect.objectContaining({ code: 3030000, name: 'tx_missing_posting_auth', message: 'missing required posting authority' }));
  });

  test('active operations need the active key; posting keys do not satisfy them', async () => {
    await expectRpcError(t.send([transfer('alice', 'bob', '1.000 HIVE')], t.key('alice')), 'Missing Active Authority alice');
    await expectRpcError(t.send([customJson([], ['maple-tokens'], 'ssc-mainnet-hive', '{}')], t.key('maple-tokens')), 'Missing Active Authority maple-tokens');
    // account_auths of posting do not extend to active
    await expectRpcError(t.send([transfer('alice', 'bob', '1.000 HIVE')], t.key('quanzi', 'active')), 'Missing Active Authority alice');
    await t.send([transfer('alice', 'bob', '1.000 HIVE')], t.key('alice', 'active'));
  });

  test('HF28: a stronger key does not satisfy a weaker role, redundant signatures and mixed roles are fine', async () => {
    await expectRpcError(t.send([vote('carol', 'bob', 'target')], t.key('carol', 'active')), 'Missing Posting Authority carol');
    await expectRpcError(t.send([transfer('carol', 'bob', '1.000 HIVE')], t.key('carol', 'owner')), 'Missing Active Authority carol');
    await t.send([vote('carol', 'bob', 'target')], [t.key('carol'), t.key('dave')]);
    await t.send([vote('dave', 'bob', 'target'), transfer('dave', 'bob', '1.000 HIVE')], [t.key('dave'), t.key('dave', 'active')]);
    await t.devnet.produceBlocks(1);
  });

  test('a signature repeated twice is refused', async () => {
    const tx = await t.sign([vote('alice', 'bob', 'target', 5000)], t.key('alice'));
    tx.signatures.push(tx.signatures[0]);
    await expectRpcError(t.client.broadcast.send(tx), 'Duplicate signature detected');
  });

  test('an unknown signer account', async () => {
    await expectRpcError(t.send([vote('nobody', 'bob', 'target')], t.key('alice')), 'unknown key');
  });
});

describe('authority (pre-HF28 rules, hardfork: 27)', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet({ hardfork: 27 });
    await t.commit([comment('bob', 'target')], t.key('bob'));
  });
  afterAll(() => t.stop());

  test('owner satisfies active, active satisfies posting', async () => {
    await t.send([vote('carol', 'bob', 'target')], t.key('carol', 'active'));
    await t.send([vote('alice', 'bob', 'target')], t.key('alice', 'owner'));
    await t.send([transfer('carol', 'bob', '1.000 HIVE')], t.key('carol', 'owner'));
    await t.devnet.produceBlocks(1);
  });

  test('irrelevant signatures and posting mixed with active are refused', async () => {
    await expectRpcError(t.send([vote('dave', 'bob', 'target')], [t.key('dave'), t.key('alice')]), 'Unnecessary signature(s) detected');
    await expectRpcError(
      t.send([vote('dave', 'bob', 'target'), transfer('dave', 'bob', '1.000 HIVE')], [t.key('dave'), t.key('dave', 'active')]),
      'cannot be combined with transactions requiring active or owner authority',
    );
  });

  test('expiration at most one hour ahead', async () => {
    await expectRpcError(
      t.client.broadcast.send(await t.sign([vote('dave', 'bob', 'target', 100)], t.key('dave'), { expireInSeconds: 3601 })),
      'trx.expiration <= now + HIVE_MAX_TIME_UNTIL_EXPIRATION',
    );
    await t.client.broadcast.send(await t.sign([vote('dave', 'bob', 'target', 100)], t.key('dave'), { expireInSeconds: 3600 }));
  });
});

describe('TaPoS, expiration, duplicates, size', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
    await t.commit([comment('bob', 'target')], t.key('bob'));
  });
  afterAll(() => t.stop());

  test('TaPoS: a recent block is accepted, a wrong prefix or a future block is refused', async () => {
    await t.devnet.produceBlocks(5);
    const b2 = await t.client.database.getBlock(2);
    const prefix = Buffer.from((b2 as any).block_id, 'hex').readUInt32LE(4);
    await t.client.broadcast.send(await t.sign([vote('alice', 'bob', 'target')], t.key('alice'), { refBlock: { num: 2, prefix } }));
    const err = await expectRpcError(
      t.client.broadcast.send(await t.sign([vote('carol', 'bob', 'target')], t.key('carol'), { refBlock: { num: 2, prefix: (prefix ^ 1) >>> 0 } })),
      'transaction tapos exception',
    );
    expect(err.jse_info).toEqual(expect.objectContaining({ code: 4030200, name: 'transaction_tapos_exception' }));
    await expectRpcError(
      t.client.broadcast.send(
        await t.sign([vote('carol', 'bob', 'target')], t.key('carol'), { refBlock: { num: t.devnet.headBlockNum() + 5, prefix: 0x12345678 } }),
      ),
      'transaction tapos exception',
    );
  });

  test('expiration: expired and too far ahead are refused; HF28 allows up to a day', async () => {
    const err = await expectRpcError(
      t.client.broadcast.send(await t.sign([vote('dave', 'bob', 'target')], t.key('dave'), { expireInSeconds: -1 })),
      'transaction expiration exception',
    );
    expect(err.jse_info.name).toBe('transaction_expiration_exception');
    await expectRpcError(
      t.client.broadcast.send(await t.sign([vote('dave', 'bob', 'target')], t.key('dave'), { expireInSeconds: 86401 })),
      'trx.expiration <= now + HIVE_MAX_TIME_UNTIL_SIGNATURE_EXPIRATION',
    );
    await t.client.broadcast.send(await t.sign([vote('dave', 'bob', 'target')], t.key('dave'), { expireInSeconds: 7200 }));
    await t.devnet.produceBlocks(1);
  });

  test('the same signed transaction twice is a duplicate, in the mempool and after inclusion', async () => {
    const tx = await t.sign([vote('carol', 'bob', 'target', 2500)], t.key('carol'));
    await t.client.broadcast.send(tx);
    await expectRpcError(t.client.broadcast.send(tx), 'Duplicate transaction check failed');
    await t.devnet.produceBlocks(1);
    const err = await expectRpcError(t.client.broadcast.send(tx), 'Duplicate transaction check failed');
    expect(err.message).toContain(cryptoUtils.generateTrxId(tx));
  });

  test('a transaction larger than the block size limit is refused', async () => {
    await expectRpcError(t.send([comment('carol', 'huge', { body: 'x'.repeat(70_000) })], t.key('carol')), 'Transaction too large - size = ');
  });

  test('a transaction without operations is refused', async () => {
    await expectRpcError(t.client.broadcast.send(await t.sign([], t.key('carol'))), 'A transaction must have at least one operation');
  });

  test('an operation the devnet does not implement is refused clearly', async () => {
    await expectRpcError(
      t.send(
        [['claim_reward_balance', { account: 'alice', reward_hive: '0.000 HIVE', reward_hbd: '0.000 HBD', reward_vests: '0.000001 VESTS' }]] as any,
        t.key('alice'),
      ),
      'not supported by the Quanzi devnet',
    );
  });
});

describe('transfer and custom_json', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test('transfer moves HIVE and HBD; refuses overdraft, unknown accounts, VESTS and non-positive amounts', async () => {
    await t.commit([transfer('alice', 'bob', '10.000 HIVE', 'thanks'), transfer('alice', 'bob', '1.500 HBD')], t.key('alice', 'active'));
    const [alice, bob] = await t.client.database.getAccounts(['alice', 'bob']);
    expect(alice.balance).toBe('40.000 HIVE');
    expect(alice.hbd_balance).toBe('3.500 HBD');
    expect(bob.balance).toBe('60.000 HIVE');
    expect(bob.hbd_balance).toBe('6.500 HBD');
    await expectRpcError(
      t.send([transfer('alice', 'bob', '40.001 HIVE')], t.key('alice', 'active')),
      'Account alice does not have sufficient funds for balance adjustment. Required: -40.001 HIVE, Available: 40.000 HIVE',
    );
    await expectRpcError(t.send([transfer('alice', 'nobody', '1.000 HIVE')], t.key('alice', 'active')), "Account nobody doesn't exist");
    await expectRpcError(t.send([transfer('alice', 'bob', '0.000 HIVE')], t.key('alice', 'active')), 'Cannot transfer a negative amount (aka: stealing)');
    await expectRpcError(t.send([transfer('alice', 'bob', '1.000000 VESTS')], t.key('alice', 'active')), 'Transfer of vesting is not allowed.');
    // hived 1.28 has no "to self" rule for transfer: it is accepted and changes nothing
    await t.commit([transfer('bob', 'bob', '1.000 HIVE')], t.key('bob', 'active'));
    expect((await t.client.database.getAccounts(['bob']))[0].balance).toBe('60.000 HIVE');
  });

  test('pending transfers count against the balance', async () => {
    await t.send([transfer('dave', 'carol', '30.000 HIVE')], t.key('dave', 'active'));
    await expectRpcError(t.send([transfer('dave', 'carol', '30.000 HIVE', 'again')], t.key('dave', 'active')), 'does not have sufficient funds');
    await t.devnet.produceBlocks(1);
  });

  test('custom_json: id length, JSON validity, size, authorities', async () => {
    await t.commit([customJson(['alice'], [], 'follow', '["follow",{"follower":"alice","following":"bob","what":["blog"]}]')], t.key('alice'));
    await expectRpcError(t.send([customJson(['alice'], [], 'x'.repeat(33), '{}')], t.key('alice')), 'Operation ID length exceeded. Max: 32 Current: 33');
    await expectRpcError(t.send([customJson(['alice'], [], 'quanzi', '{not json')], t.key('alice')), 'JSON is not valid JSON');
    await expectRpcError(
      t.send([customJson(['alice'], [], 'quanzi', JSON.stringify({ a: 'y'.repeat(8200) }))], t.key('alice')),
      'Operation JSON must be less than 8192 bytes.',
    );
    await expectRpcError(t.send([customJson([], [], 'quanzi', '{}')], t.key('alice')), 'at least one account must be specified');
    await t.commit(
      [customJson([], ['maple-tokens'], 'ssc-mainnet-hive', '{"contractName":"tokens","contractAction":"issue","contractPayload":{}}')],
      t.key('maple-tokens', 'active'),
    );
  });

  test('custom_json: at most 5 per account per block, counting the mempool', async () => {
    await t.devnet.produceBlocks(1);
    for (let i = 0; i < 5; i++) await t.send([customJson(['carol'], [], 'quanzi', JSON.stringify({ i }))], t.key('carol'));
    const err = await expectRpcError(
      t.send([customJson(['carol'], [], 'quanzi', '{"i":5}')], t.key('carol')),
      'Account carol already submitted 5 custom json operation(s) this block.',
    );
    expect(err.jse_info.name).toBe('assert_exception');
    // another account is not affected
    await t.send([customJson(['alice'], [], 'quanzi', '{"i":0}')], t.key('alice'));
    await t.devnet.produceBlocks(1);
    const block = await t.client.database.getBlock(t.devnet.headBlockNum());
    expect(block.transaction_ids).toHaveLength(6);
    // a new block, a new allowance
    await t.send([customJson(['carol'], [], 'quanzi', '{"i":6}')], t.key('carol'));
    // six in one transaction are refused too
    const six = Array.from({ length: 6 }, (_, i) => customJson(['bob'], [], 'quanzi', JSON.stringify({ six: i })));
    await expectRpcError(t.send(six, t.key('bob')), 'Account bob already submitted 5 custom json operation(s) this block.');
  });
});

describe('HIVED_ERRORS (server/src/chain/protocol.ts) match what the devnet answers', () => {
  const { HIVED_ERRORS } = require('../../../plugins/hive-smt/server/src/chain/protocol');
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test.each([
    ['titleSize', () => t.send([comment('alice', 'x', { title: 'y'.repeat(300) })], t.key('alice'))],
    ['metadataJson', () => t.send([comment('alice', 'x', { json_metadata: '{' })], t.key('alice'))],
    ['permlinkTooLong', () => t.send([comment('alice', 'p'.repeat(300), { title: '' })], t.key('alice'))],
    ['customIdSize', () => t.send([customJson(['alice'], [], 'i'.repeat(40), '{}')], t.key('alice'))],
    ['customJsonInvalid', () => t.send([customJson(['alice'], [], 'quanzi', '[')], t.key('alice'))],
    ['customJsonSize', () => t.send([customJson(['alice'], [], 'quanzi', `"${'z'.repeat(9000)}"`)], t.key('alice'))],
    ['missingActiveAuth', () => t.send([transfer('alice', 'bob', '1.000 HIVE')], t.key('alice'))],
    ['insufficientFunds', () => t.send([transfer('alice', 'bob', '999.000 HIVE')], t.key('alice', 'active'))],
    [
      'expirationTooFar',
      async () => t.client.broadcast.send(await t.sign([transfer('alice', 'bob', '1.000 HIVE')], t.key('alice', 'active'), { expireInSeconds: 90000 })),
    ],
    ['expired', async () => t.client.broadcast.send(await t.sign([transfer('alice', 'bob', '1.000 HIVE')], t.key('alice', 'active'), { expireInSeconds: -5 }))],
  ] as Array<[string, () => Promise<unknown>]>)('%s', async (key, run) => {
    await expectRpcError(run(), HIVED_ERRORS[key]);
  });
});
