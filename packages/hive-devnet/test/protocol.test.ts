/**
 * Wire protocol: transaction ids/digests (pinned dhive vector), blocks and TaPoS,
 * JSON-RPC forms and error shapes, read APIs, broadcast flavours.
 */
import crypto from 'node:crypto';
import { DEFAULT_CHAIN_ID, PrivateKey, Signature, cryptoUtils } from '@hiveio/dhive';
import { serializeTransaction } from '../src/binary';
import { transactionIdAndDigest } from '../src/index';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

// dhive's vector (test/serializer-tests.json "Transaction"), with the empty extensions hived takes
// (dhive writes its "long-pants" extension as a string; hived's future_extensions would refuse it).
const PINNED_TX = {
  ref_block_num: 1234,
  ref_block_prefix: 1122334455,
  expiration: '2017-07-15T16:51:19',
  extensions: [],
  operations: [['vote', { voter: 'foo', author: 'bar', permlink: 'baz', weight: 10000 }]] as any,
};
const PINNED_HEX = 'd204f776e54207486a59010003666f6f036261720362617a102700';
const PINNED_SIGNER = 'STM7s4VJuYFfHq8HCPpgC649Lu7CjA1V9oXgPfv8f3fszKMk3Kny9';

describe('transaction ids and digests', () => {
  test('the devnet serializes, hashes and recovers like dhive (pinned vector)', () => {
    expect(serializeTransaction(PINNED_TX, 'legacy').toString('hex')).toBe(PINNED_HEX);
    expect(serializeTransaction(PINNED_TX, 'hf26').toString('hex')).toBe(PINNED_HEX); // no asset: both packings agree
    const bytes = Buffer.from(PINNED_HEX, 'hex');
    const independentId = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 40);
    const independentDigest = crypto
      .createHash('sha256')
      .update(Buffer.concat([DEFAULT_CHAIN_ID, bytes]))
      .digest();
    const mine = transactionIdAndDigest(PINNED_TX as any, DEFAULT_CHAIN_ID);
    expect(mine.id).toBe(independentId);
    expect(mine.id).toBe(cryptoUtils.generateTrxId(PINNED_TX as any));
    expect(mine.digest.equals(independentDigest)).toBe(true);
    expect(mine.digest.equals(cryptoUtils.transactionDigest(PINNED_TX as any))).toBe(true);
    const signed = cryptoUtils.signTransaction(PINNED_TX as any, PrivateKey.fromSeed('hello'));
    expect(Signature.fromString(signed.signatures[0]).recover(mine.digest).toString()).toBe(PINNED_SIGNER);
  });
});

describe('devnet protocol', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a dhive-signed transaction is included under the id dhive computes', async () => {
    const tx = await t.sign([comment('alice', 'id-check')], t.key('alice'));
    const expectedId = cryptoUtils.generateTrxId(tx);
    const digest = cryptoUtils.transactionDigest(tx, Buffer.from(t.devnet.chainId, 'hex'));
    expect(transactionIdAndDigest(tx as any, Buffer.from(t.devnet.chainId, 'hex')).digest.equals(digest)).toBe(true);
    const res = await t.client.broadcast.send(tx);
    expect(res.id).toBe(expectedId);
    await t.devnet.produceBlocks(1);
    const block = await t.client.database.getBlock(t.devnet.headBlockNum());
    expect(block.transaction_ids).toEqual([expectedId]);
    expect((block.transactions[0] as any).transaction_id).toBe(expectedId);
    const stored = await t.rpc('condenser_api.get_transaction', [expectedId]);
    expect(stored.block_num).toBe(t.devnet.headBlockNum());
    expect(stored.signatures).toEqual(tx.signatures);
  });

  test('a transaction signed for another chain id is refused', async () => {
    const props = await t.client.database.getDynamicGlobalProperties();
    const tx = {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4),
      expiration: new Date(Date.parse(`${props.time}Z`) + 60_000).toISOString().slice(0, -5),
      operations: [comment('alice', 'wrong-chain')],
      extensions: [],
    };
    const signed = cryptoUtils.signTransaction(tx as any, t.key('alice'), DEFAULT_CHAIN_ID);
    await expectRpcError(t.client.broadcast.send(signed), 'Missing Posting Authority alice');
  });

  test('blocks are shaped like hived blocks and chain by previous; TaPoS as dhive computes it', async () => {
    await t.devnet.produceBlocks(2);
    const head = t.devnet.headBlockNum();
    const b = await t.client.database.getBlock(head);
    const prev = await t.client.database.getBlock(head - 1);
    const id = (b as any).block_id as string;
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(parseInt(id.slice(0, 8), 16)).toBe(head);
    expect(b.previous).toBe((prev as any).block_id);
    expect(b.witness).toBe('initminer');
    expect(b.transaction_merkle_root).toMatch(/^[0-9a-f]{40}$/);
    expect((b as any).signing_key).toMatch(/^TST/);
    expect(Date.parse(`${b.timestamp}Z`) - Date.parse(`${prev.timestamp}Z`)).toBeGreaterThanOrEqual(3000);
    const header = await t.client.database.getBlockHeader(head);
    expect(header.previous).toBe(b.previous);
    const props = await t.client.database.getDynamicGlobalProperties();
    expect(props.head_block_id).toBe(id);
    expect(props.head_block_number).toBe(head);
    expect(props.time).toBe(b.timestamp);
    // dhive's sendOperations derives TaPoS from these two fields; that path must work:
    await t.client.broadcast.comment(
      { parent_author: '', parent_permlink: 'hive-1', author: 'carol', permlink: 'via-send-operations', title: 't', body: 'b', json_metadata: '{}' },
      t.key('carol'),
    );
    await t.devnet.produceBlocks(1);
    await t.indexed();
    expect((await t.rpc('condenser_api.get_content', ['carol', 'via-send-operations'])).author).toBe('carol');
    expect(await t.client.database.getBlock(head + 1000)).toBeNull();
  });

  test('config, version, chain properties, hardfork', async () => {
    const config = await t.client.database.getConfig();
    expect(config.HIVE_CHAIN_ID).toBe(t.devnet.chainId);
    expect(config.HIVE_ADDRESS_PREFIX).toBe('TST');
    expect(config.HIVE_BLOCK_INTERVAL).toBe(3);
    expect(config.HIVE_MAX_TIME_UNTIL_EXPIRATION).toBe(3600);
    const version = await t.client.database.getVersion();
    expect(version.chain_id).toBe(t.devnet.chainId);
    const props = await t.client.database.getChainProperties();
    expect(props.maximum_block_size).toBe(65536);
    expect(await t.rpc('condenser_api.get_hardfork_version', [])).toBe('1.28.0');
    const dbProps = await t.rpc('database_api.get_dynamic_global_properties', {});
    expect(dbProps.current_supply).toEqual(expect.objectContaining({ nai: '@@000000021', precision: 3 }));
  });

  test('accounts: condenser, database_api, lookup, rc, key references', async () => {
    const [quanzi, maple] = await t.client.database.getAccounts(['quanzi', 'maple-school']);
    expect(quanzi.name).toBe('quanzi');
    expect(quanzi.balance).toBe('1000.000 HIVE');
    expect(quanzi.hbd_balance).toBe('100.000 HBD');
    expect(maple.posting.account_auths).toEqual([['quanzi', 1]]);
    expect(maple.posting.key_auths[0][0]).toBe(t.devnet.accounts.find((a) => a.name === 'maple-school')!.keys.posting.public);
    expect(await t.client.database.getAccounts(['nobody-here'])).toEqual([]);
    const found = await t.rpc('database_api.find_accounts', { accounts: ['alice', 'ghost'] });
    expect(found.accounts).toHaveLength(1);
    expect(found.accounts[0].balance).toEqual({ amount: '50000', precision: 3, nai: '@@000000021' });
    expect(await t.rpc('condenser_api.lookup_accounts', ['m', 3])).toEqual(['maple-school', 'maple-tokens', 'oakhill-hood']);
    expect(await t.rpc('condenser_api.lookup_account_names', [['bob', 'ghost']])).toEqual([expect.objectContaining({ name: 'bob' }), null]);
    const rc = await t.client.rc.findRCAccounts(['alice']);
    expect(rc[0].account).toBe('alice');
    expect(Number(rc[0].max_rc)).toBeGreaterThan(0);
    const refs = await t.client.keys.getKeyReferences([t.key('bob').createPublic('TST').toString()]);
    expect(refs.accounts).toEqual([['bob']]);
  });

  test('JSON-RPC forms: api.method, legacy call, batch, errors', async () => {
    const single = await t.raw({ jsonrpc: '2.0', id: 7, method: 'condenser_api.get_version', params: [] });
    expect(single.json).toEqual({ jsonrpc: '2.0', id: 7, result: expect.objectContaining({ chain_id: t.devnet.chainId }) });
    const legacy = await t.raw({ jsonrpc: '2.0', id: 'x', method: 'call', params: ['condenser_api', 'get_accounts', [['alice']]] });
    expect(legacy.json.id).toBe('x');
    expect(legacy.json.result[0].name).toBe('alice');
    const batch = await t.raw([
      { jsonrpc: '2.0', id: 1, method: 'condenser_api.get_dynamic_global_properties', params: [] },
      { jsonrpc: '2.0', id: 2, method: 'call', params: ['database_api', 'get_version', {}] },
      { jsonrpc: '2.0', id: 3, method: 'nope_api.nothing', params: {} },
      { jsonrpc: '2.0', id: 4, method: 'condenser_api.nothing', params: [] },
    ]);
    expect(batch.json).toHaveLength(4);
    expect(batch.json[0].result.head_block_number).toBe(t.devnet.headBlockNum());
    expect(batch.json[1].result.chain_id).toBe(t.devnet.chainId);
    expect(batch.json[2].error.code).toBe(-32601);
    expect(batch.json[2].error.message).toContain('Could not find API nope_api');
    expect(batch.json[3].error.message).toContain('Could not find method nothing');
    const parse = await t.raw('{not json' as unknown);
    expect(parse.json.error.code).toBe(-32700);
    const bad = await t.raw({ id: 1, method: 'condenser_api.get_version' });
    expect(bad.json.error).toEqual({ code: -32600, message: 'jsonrpc value is not "2.0"' });
  });

  test('hived error shape: code, message and fc data with the assert text; dhive RPCError carries it', async () => {
    await t.blocks(1, 101); // past the 5-minute root post interval of earlier tests
    const tx = await t.sign([comment('alice', 'Bad_Permlink')], t.key('alice'));
    const res = await t.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.broadcast_transaction', params: [tx] });
    const error = res.json.error;
    expect(error.code).toBe(-32003);
    expect(error.message).toMatch(/^Assert Exception:.*Invalid permlink character: B/);
    expect(error.data).toEqual(expect.objectContaining({ code: 10, name: 'assert_exception', message: 'Assert Exception' }));
    // HIVE_CHAIN_STATE_ASSERT( cond, permlink, text, (s) ): hived 1.28.6 adds category, subject_type and subject
    expect(error.data.stack[0]).toEqual(
      expect.objectContaining({
        format: expect.stringContaining('Invalid permlink character: ${s}'),
        data: { s: 'B', category: 'chain', subject_type: 'state', subject: 'Bad_Permlink' },
      }),
    );
    expect(error.data.stack[0].context).toEqual(expect.objectContaining({ level: 'error', hostname: '' }));
    const err = await expectRpcError(t.client.broadcast.send(tx), 'Invalid permlink character: B');
    expect(err.name).toBe('RPCError');
    expect(err.jse_info.name).toBe('assert_exception');
  });

  test('broadcast flavours and transaction status', async () => {
    // async broadcast: in the mempool until the next block
    const tx1 = await t.sign([comment('bob', 'async-one')], t.key('bob'));
    const id1 = cryptoUtils.generateTrxId(tx1);
    expect(await t.rpc('condenser_api.broadcast_transaction', [tx1])).toEqual({});
    expect(await t.client.transaction.findTransaction(id1)).toEqual({ status: 'within_mempool' });
    await t.devnet.produceBlocks(1);
    expect(await t.client.transaction.findTransaction(id1)).toEqual({ status: 'within_irreversible_block', block_num: t.devnet.headBlockNum() });

    // synchronous broadcast answers once the block is produced
    const tx2 = await t.sign([['vote', { voter: 'dave', author: 'bob', permlink: 'async-one', weight: 10000 }]], t.key('dave'));
    const pending = t.rpc('condenser_api.broadcast_transaction_synchronous', [tx2]);
    await new Promise((r) => setTimeout(r, 50));
    await t.devnet.produceBlocks(1);
    expect(await pending).toEqual({ id: cryptoUtils.generateTrxId(tx2), block_num: t.devnet.headBlockNum(), trx_num: 0, expired: false });

    // network_broadcast_api with the HF26 operation form and NAI assets
    const tx3 = await t.sign([['transfer', { from: 'bob', to: 'dave', amount: '1.000 HIVE', memo: 'hi' }]], t.key('bob', 'active'));
    const nai = {
      ...tx3,
      operations: [
        { type: 'transfer_operation', value: { from: 'bob', to: 'dave', amount: { amount: '1000', precision: 3, nai: '@@000000021' }, memo: 'hi' } },
      ],
    };
    expect(await t.rpc('network_broadcast_api.broadcast_transaction', { trx: nai })).toEqual({});
    await t.devnet.produceBlocks(1);
    expect((await t.client.transaction.findTransaction(cryptoUtils.generateTrxId(tx3))).status).toBe('within_irreversible_block');

    // unknown ids: unknown, or expired once the given expiration has passed
    expect(await t.client.transaction.findTransaction('00'.repeat(20))).toEqual({ status: 'unknown' });
    const props = await t.client.database.getDynamicGlobalProperties();
    const past = new Date(Date.parse(`${props.time}Z`) - 10_000).toISOString().slice(0, -5);
    expect(await t.client.transaction.findTransaction('11'.repeat(20), past)).toEqual({ status: 'expired_irreversible' });
  });

  test('synchronous broadcast of a transaction that expires unincluded answers expired:true', async () => {
    const tx = await t.sign([comment('riverside-photo', 'never-included')], t.key('riverside-photo'), { expireInSeconds: 4 });
    const pending = t.rpc('condenser_api.broadcast_transaction_synchronous', [tx]);
    await new Promise((r) => setTimeout(r, 30));
    // the next block is 3 s later (still valid): it is included
    await t.devnet.produceBlocks(1);
    expect((await pending).expired).toBe(false);
    const tx2 = await t.sign([comment('oakhill-hood', 'expires-in-mempool')], t.key('oakhill-hood'), { expireInSeconds: 4 });
    const pending2 = t.rpc('condenser_api.broadcast_transaction_synchronous', [tx2]);
    await new Promise((r) => setTimeout(r, 30));
    await t.blocks(1, 5); // the next block is 18 s later: the transaction expired in the mempool
    const r = await pending2;
    expect(r).toEqual({ id: cryptoUtils.generateTrxId(tx2), block_num: t.devnet.headBlockNum(), trx_num: -1, expired: true });
    expect((await t.client.transaction.findTransaction(r.id, tx2.expiration)).status).toBe('expired_irreversible');
  });

  test('block_api and account history', async () => {
    const head = t.devnet.headBlockNum();
    const { block } = await t.rpc('block_api.get_block', { block_num: 2 });
    expect(block.block_id.slice(0, 8)).toBe('00000002');
    expect(block.transactions[0].operations[0].type).toBe('comment_operation');
    const range = await t.rpc('block_api.get_block_range', { starting_block_num: 1, count: 3 });
    expect(range.blocks).toHaveLength(3);
    expect(await t.rpc('block_api.get_block', { block_num: head + 50 })).toEqual({});

    const history = await t.client.database.getAccountHistory('bob', -1, 10);
    const names = history.map(([, h]) => h.op[0]);
    expect(names).toEqual(expect.arrayContaining(['comment', 'vote', 'transfer']));
    const [seq, entry] = history[history.length - 1];
    expect(typeof seq).toBe('number');
    expect(entry).toEqual(
      expect.objectContaining({ trx_id: expect.stringMatching(/^[0-9a-f]{40}$/), block: expect.any(Number), op_in_trx: 0, virtual_op: false }),
    );
    // operation filter: only transfers (op id 2)
    const transfers = await t.rpc('condenser_api.get_account_history', ['bob', -1, 10, 4, 0]);
    expect(transfers.map(([, h]: any) => h.op[0])).toEqual(['transfer']);
    await expectRpcError(t.client.database.getAccountHistory('bob', -1, 1001), 'limit of 1001 is greater than maxmimum allowed');
  });
});

describe('mempool', () => {
  test('state reads include the mempool (as hived); fat-node content does too, hivemind content does not', async () => {
    const fat = await startTestNet({ contentApi: 'fatnode' });
    const hm = await startTestNet({ hivemindLagBlocks: 0 });
    try {
      for (const t of [fat, hm]) {
        await t.send([comment('alice', 'pending-post'), ['transfer', { from: 'alice', to: 'bob', amount: '1.000 HIVE', memo: '' }]] as any, [
          t.key('alice'),
          t.key('alice', 'active'),
        ]);
        expect((await t.client.database.getAccounts(['bob']))[0].balance).toBe('51.000 HIVE');
      }
      expect((await fat.rpc('condenser_api.get_content', ['alice', 'pending-post'])).author).toBe('alice');
      await expectRpcError(hm.rpc('condenser_api.get_content', ['alice', 'pending-post']), 'Post alice/pending-post does not exist');
      await expectRpcError(hm.rpc('bridge.get_post', { author: 'alice', permlink: 'pending-post' }), 'does not exist');
      await hm.devnet.produceBlocks(1);
      expect((await hm.rpc('condenser_api.get_content', ['alice', 'pending-post'])).author).toBe('alice');
      expect((await hm.rpc('bridge.get_post', { author: 'alice', permlink: 'pending-post' })).author).toBe('alice');
    } finally {
      await fat.stop();
      await hm.stop();
    }
  });

  test('transactions beyond the block size wait for the next block', async () => {
    const t = await startTestNet();
    try {
      const authors = ['alice', 'bob', 'carol', 'dave', 'quanzi'];
      for (const a of authors) await t.send([comment(a, 'big', { body: 'b'.repeat(20_000) })], t.key(a));
      await t.devnet.produceBlocks(1);
      const first = await t.client.database.getBlock(t.devnet.headBlockNum());
      expect(first.transaction_ids).toHaveLength(3);
      expect(t.devnet.chain.pendingCount()).toBe(2);
      await t.devnet.produceBlocks(1);
      expect((await t.client.database.getBlock(t.devnet.headBlockNum())).transaction_ids).toHaveLength(2);
      await t.indexed();
      for (const a of authors) expect((await t.rpc('condenser_api.get_content', [a, 'big'])).author).toBe(a);
    } finally {
      await t.stop();
    }
  });
});
