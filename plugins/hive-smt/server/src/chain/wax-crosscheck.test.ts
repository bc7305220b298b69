/**
 * Every transaction shape the plugin sends, checked against @hiveio/wax —
 * Hive's own protocol code (the C++ serializer hived uses, compiled to
 * WebAssembly) — rather than against our own understanding: the transaction
 * id and the signing digest dhive computes must be the ones hived computes,
 * or a node would refuse the signature or we would look for the wrong id.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PrivateKey, Signature, cryptoUtils, type Operation, type Transaction } from '@hiveio/dhive';
import { buildEditOperation, buildPostOperations, buildRemovalOperations, type PostOperationInput } from '../mirror/build-operation';
import { packPayoutBatches } from '../payouts/pack';
import { MAINNET_CHAIN_ID } from './protocol';

const WAX = path.resolve(__dirname, '../../../../../tests/helpers/wax-digest.mjs');

const post: PostOperationInput = {
  post: {
    title: '春季义卖 Spring fair',
    body: 'Come to the **fair** — 欢迎！',
    excerpt: 'Come to the fair.',
    tags: ['events', 'school'],
    coverImageUrl: 'https://img.example/cover.jpg',
    canonicalUrl: 'https://quanzi.example/boards/maple/posts/spring-fair',
    documentId: 'doc123',
  },
  board: {
    hiveAccount: 'maple-school',
    hiveCommunity: 'hive-123456',
    defaultTags: ['quanzi'],
    beneficiaryShareBps: 1000,
    maxAcceptedPayout: '1000000.000 HBD',
    percentHbd: 10000,
    allowVotes: true,
    allowCurationRewards: true,
  },
  author: { account: 'maple-school', onBehalfOf: { displayName: 'Alice', linkedAccount: 'alice' } },
  app: { name: 'quanzi', version: '0.1.0' },
  permlink: 'spring-fair',
};

const target = { author: 'maple-school', permlink: 'spring-fair', parent: { author: '', permlink: 'hive-123456' }, documentId: 'doc123' };
const payments = (mode: 'issue' | 'transfer') =>
  packPayoutBatches(
    [
      { to: 'alice', quantity: 1234567n, symbol: 'MAPLE', precision: 3, ...(mode === 'transfer' ? { memo: 'Quanzi rewards · maple' } : {}) },
      { to: 'carol', quantity: 5n, symbol: 'MAPLE', precision: 3, ...(mode === 'transfer' ? { memo: 'Quanzi rewards · maple' } : {}) },
    ],
    { sender: 'maple-tokens', engineId: 'ssc-mainnet-hive', mode },
  ).batches.map((b) => ['custom_json', b.body] as Operation);

const shapes: Record<string, Operation[]> = {
  'new post with comment_options and beneficiaries': buildPostOperations(post) as Operation[],
  'reply under a post of the day': buildPostOperations({ ...post, parent: { author: 'maple-school', permlink: 'maple-daily-2026-12-01' } }) as Operation[],
  edit: [buildEditOperation({ ...post, parent: { author: '', permlink: 'hive-123456' } }) as Operation],
  delete_comment: buildRemovalOperations('delete', target) as Operation[],
  'tombstone edit': buildRemovalOperations('tombstone', target, { app: post.app }) as Operation[],
  'Hive-Engine issue batch': payments('issue'),
  'Hive-Engine transfer batch': payments('transfer'),
};

function transaction(operations: Operation[], n: number): Transaction {
  return { ref_block_num: (4242 + n) & 0xffff, ref_block_prefix: 3141592653 - n, expiration: '2026-12-01T08:05:00', operations, extensions: [] };
}

describe('transactions the plugin signs, cross-checked with @hiveio/wax', () => {
  const names = Object.keys(shapes);
  const transactions = names.map((name, i) => transaction(shapes[name], i));
  let wax: Array<{ id: string; digest: string }>;

  beforeAll(() => {
    const out = execFileSync(process.execPath, [WAX], { input: JSON.stringify({ chainId: MAINNET_CHAIN_ID, transactions }), encoding: 'utf8' });
    wax = JSON.parse(out);
  });

  it.each(names.map((name, i) => [name, i] as const))('%s: same transaction id and signing digest', (_name, i) => {
    const tx = transactions[i];
    expect(cryptoUtils.generateTrxId(tx)).toBe(wax[i].id);
    expect(cryptoUtils.transactionDigest(tx, Buffer.from(MAINNET_CHAIN_ID, 'hex')).toString('hex')).toBe(wax[i].digest);
  });

  it("a dhive signature recovers the signer's key over wax's digest", () => {
    const key = PrivateKey.fromLogin('maple-school', 'correct horse', 'posting');
    const signed = cryptoUtils.signTransaction(transactions[0], key, Buffer.from(MAINNET_CHAIN_ID, 'hex'));
    const recovered = Signature.fromString(signed.signatures[0]).recover(Buffer.from(wax[0].digest, 'hex'));
    expect(recovered.toString()).toBe(key.createPublic().toString());
  });
});
