/**
 * The devnet's own serializer (src/binary.ts) against @hiveio/wax 2.0.2, Hive's
 * protocol code compiled to WebAssembly: for every operation shape the devnet
 * accepts, the transaction id and signing digest agree in both packings — hf26
 * (assets as NAI numbers) and legacy (assets as "STEEM"/"SBD" symbols, what
 * dhive signs) — and a transaction signed for either packing is accepted under
 * that packing's id.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { cryptoUtils } from '@hiveio/dhive';
import { transactionIdAndDigest } from '../src/index';
import { devnetPublicKey } from '../src/accounts';
import { serializeTransaction } from '../src/binary';
import type { TestNet } from './helpers';
import { startTestNet } from './helpers';

const CHAIN_ID = '44ed44034f37cc0ecaae4312ccf8f03e917daebbcdeb404c262111cacde24c4b';
const WAX_SCRIPT = path.join(__dirname, 'support', 'wax-digests.mjs');

/** wax is a mainnet build: keys must carry STM (the 33 key bytes, and so the checksum, are the same). */
const stm = (key: string) => `STM${key.slice(3)}`;
const pub = (name: string, role: string) => stm(devnetPublicKey(name, role));
const auth = (threshold: number, accounts: Array<[string, number]>, keys: Array<[string, number]>) => ({
  weight_threshold: threshold,
  account_auths: accounts,
  key_auths: keys,
});

const engineActions = JSON.stringify([
  { contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '1.000' } },
  { contractName: 'tokens', contractAction: 'transfer', contractPayload: { symbol: 'MAPLE', to: 'bob', quantity: '0.500', memo: '谢谢' } },
]);

/** Every operation shape the devnet supports, in the legacy (condenser) form. */
const SHAPES: Array<[string, any[]]> = [
  [
    'comment',
    [
      [
        'comment',
        {
          parent_author: '',
          parent_permlink: 'hive-155234',
          author: 'alice',
          permlink: 'spring-fair',
          title: '春天 Spring fair',
          body: 'Bring **cake** 🍰',
          json_metadata: '{"app":"quanzi/0.1","tags":["school"]}',
        },
      ],
    ],
  ],
  [
    'reply',
    [
      [
        'comment',
        { parent_author: 'alice', parent_permlink: 'spring-fair', author: 'bob', permlink: 're-spring-fair', title: '', body: 'yes', json_metadata: '' },
      ],
    ],
  ],
  [
    'comment_options with beneficiaries',
    [
      [
        'comment_options',
        {
          author: 'alice',
          permlink: 'spring-fair',
          max_accepted_payout: '1000000.000 HBD',
          percent_hbd: 10000,
          allow_votes: true,
          allow_curation_rewards: true,
          extensions: [
            [
              0,
              {
                beneficiaries: [
                  { account: 'bob', weight: 1000 },
                  { account: 'quanzi', weight: 500 },
                ],
              },
            ],
          ],
        },
      ],
    ],
  ],
  [
    'comment_options declining payout',
    [
      [
        'comment_options',
        {
          author: 'alice',
          permlink: 'spring-fair',
          max_accepted_payout: '0.000 HBD',
          percent_hbd: 0,
          allow_votes: false,
          allow_curation_rewards: false,
          extensions: [],
        },
      ],
    ],
  ],
  ['delete_comment', [['delete_comment', { author: 'alice', permlink: 'spring-fair' }]]],
  ['vote', [['vote', { voter: 'carol', author: 'alice', permlink: 'spring-fair', weight: -2500 }]]],
  ['transfer', [['transfer', { from: 'alice', to: 'bob', amount: '12.345 HIVE', memo: 'for the raffle' }]]],
  ['transfer HBD', [['transfer', { from: 'alice', to: 'bob', amount: '0.001 HBD', memo: '' }]]],
  [
    'custom_json with Hive-Engine actions',
    [['custom_json', { required_auths: ['maple-tokens'], required_posting_auths: [], id: 'ssc-mainnet-hive', json: engineActions }]],
  ],
  [
    'community custom_json',
    [
      [
        'custom_json',
        {
          required_auths: [],
          required_posting_auths: ['hive-155234'],
          id: 'community',
          json: '["setRole",{"community":"hive-155234","account":"bob","role":"member"}]',
        },
      ],
    ],
  ],
  [
    'delegate_rc custom_json',
    [
      [
        'custom_json',
        {
          required_auths: [],
          required_posting_auths: ['alice'],
          id: 'rc',
          json: '["delegate_rc",{"from":"alice","delegatees":["bob"],"max_rc":5000000000,"extensions":[]}]',
        },
      ],
    ],
  ],
  [
    'account_update (posting + memo)',
    [
      [
        'account_update',
        {
          account: 'dave',
          posting: auth(1, [['quanzi', 1]], [[pub('dave', 'posting'), 1]]),
          memo_key: pub('dave', 'memo'),
          json_metadata: '{"profile":{"name":"Dave"}}',
        },
      ],
    ],
  ],
  [
    'account_update (owner, active)',
    [
      [
        'account_update',
        {
          account: 'dave',
          owner: auth(1, [], [[pub('dave', 'owner2'), 1]]),
          active: auth(
            2,
            [['alice', 1]],
            [
              [pub('dave', 'active'), 1],
              [pub('dave', 'active2'), 1],
            ],
          ),
          memo_key: pub('dave', 'memo'),
          json_metadata: '',
        },
      ],
    ],
  ],
  [
    'account_update2 (posting, both metadata)',
    [
      [
        'account_update2',
        {
          account: 'dave',
          posting: auth(
            2,
            [],
            [
              [pub('dave', 'posting'), 1],
              [pub('dave', 'posting-2'), 1],
              [pub('dave', 'posting-3'), 1],
            ],
          ),
          json_metadata: '',
          posting_json_metadata: '{"profile":{"about":"hi"}}',
          extensions: [],
        },
      ],
    ],
  ],
  [
    'account_update2 (memo key only)',
    [['account_update2', { account: 'dave', memo_key: pub('dave', 'memo2'), json_metadata: '{"x":1}', posting_json_metadata: '', extensions: [] }]],
  ],
  [
    'several operations',
    [
      ['comment', { parent_author: '', parent_permlink: 'hive-123456', author: 'bob', permlink: 'two-ops', title: 't', body: 'b', json_metadata: '{}' }],
      [
        'comment_options',
        {
          author: 'bob',
          permlink: 'two-ops',
          max_accepted_payout: '100.000 HBD',
          percent_hbd: 5000,
          allow_votes: true,
          allow_curation_rewards: true,
          extensions: [[0, { beneficiaries: [{ account: 'alice', weight: 10000 }] }]],
        },
      ],
    ],
  ],
];

interface WaxAnswer {
  id: string;
  sigDigest: string;
  legacy_id: string;
  legacy_sigDigest: string;
}

function waxDigests(transactions: unknown[]): WaxAnswer[] {
  const out = execFileSync(process.execPath, [WAX_SCRIPT], { input: JSON.stringify({ chainId: CHAIN_ID, transactions }), encoding: 'utf8', cwd: __dirname });
  return JSON.parse(out) as WaxAnswer[];
}

const tx = (operations: any[], i: number) => ({
  ref_block_num: 4660 + i,
  ref_block_prefix: 3735928559 - i,
  expiration: '2026-06-01T12:00:00',
  operations,
  extensions: [],
});

describe('transaction id and signing digest: the devnet agrees with @hiveio/wax', () => {
  const transactions = SHAPES.map(([, ops], i) => tx(ops, i));
  const wax = waxDigests(transactions);
  const chainId = Buffer.from(CHAIN_ID, 'hex');

  test.each(SHAPES.map(([name], i) => [name, i] as const))('%s', (_name, i) => {
    const hf26 = transactionIdAndDigest(transactions[i] as any, chainId, 'hf26');
    const legacy = transactionIdAndDigest(transactions[i] as any, chainId, 'legacy');
    const { id, sigDigest, legacy_id, legacy_sigDigest } = wax[i];
    expect({ id: hf26.id, sigDigest: hf26.digest.toString('hex'), legacy_id: legacy.id, legacy_sigDigest: legacy.digest.toString('hex') }).toEqual({
      id,
      sigDigest,
      legacy_id,
      legacy_sigDigest,
    });
  });

  test('only assets pack differently: transfers and comment_options differ between packings, the rest do not', () => {
    const differs = SHAPES.map(([name], i) => [
      name,
      !serializeTransaction(transactions[i] as any, 'hf26').equals(serializeTransaction(transactions[i] as any, 'legacy')),
    ]);
    expect(differs.filter(([, d]) => d).map(([n]) => n)).toEqual([
      'comment_options with beneficiaries',
      'comment_options declining payout',
      'transfer',
      'transfer HBD',
      'several operations',
    ]);
  });
});

describe("a node accepts either packing, under that packing's id (chain_plugin determine_encoding_and_accept_transaction)", () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  async function tapos() {
    const props = await t.client.database.getDynamicGlobalProperties();
    return {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4),
      expiration: new Date(Date.parse(`${props.time}Z`) + 60_000).toISOString().slice(0, -5),
      extensions: [],
    };
  }

  test('signed over the hf26 packing (as wax signs): accepted under the hf26 id', async () => {
    const unsigned = { ...(await tapos()), operations: [['transfer', { from: 'alice', to: 'bob', amount: '1.000 HIVE', memo: 'hf26' }]] } as any;
    const { id, digest } = transactionIdAndDigest(unsigned, Buffer.from(t.devnet.chainId, 'hex'), 'hf26');
    const signature = t.key('alice', 'active').sign(digest).toString();
    expect(await t.rpc('condenser_api.broadcast_transaction', [{ ...unsigned, signatures: [signature] }])).toEqual({});
    await t.devnet.produceBlocks(1);
    expect((await t.client.transaction.findTransaction(id)).status).toBe('within_irreversible_block');
    expect((await t.client.database.getBlock(t.devnet.headBlockNum())).transaction_ids).toEqual([id]);
    expect(id).not.toBe(cryptoUtils.generateTrxId(unsigned)); // dhive's (legacy) id is another one
  });

  test('signed over the legacy packing (as dhive signs): accepted under the legacy id', async () => {
    const signed = await t.sign([['transfer', { from: 'alice', to: 'bob', amount: '1.000 HIVE', memo: 'legacy' }]] as any, t.key('alice', 'active'));
    const res = await t.client.broadcast.send(signed);
    expect(res.id).toBe(cryptoUtils.generateTrxId(signed));
    await t.devnet.produceBlocks(1);
    expect((await t.client.database.getBlock(t.devnet.headBlockNum())).transaction_ids).toEqual([res.id]);
  });

  test('a signature over neither packing names both attempts', async () => {
    const unsigned = { ...(await tapos()), operations: [['transfer', { from: 'alice', to: 'bob', amount: '1.000 HIVE', memo: 'wrong' }]] } as any;
    const other = transactionIdAndDigest(unsigned, Buffer.alloc(32), 'hf26').digest;
    const signature = t.key('alice', 'active').sign(other).toString();
    const res = await t.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.broadcast_transaction', params: [{ ...unsigned, signatures: [signature] }] });
    expect(res.json.error.data.name).toBe('tx_missing_active_auth');
    expect(res.json.error.data.stack.map((s: any) => s.format)).toContain('Transaction failed to validate using both new (hf26) and legacy serialization');
  });
});
