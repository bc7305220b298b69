/** Shared helpers for the devnet suites: an in-memory devnet driven by a dhive Client. */
import { Client, PrivateKey } from '@hiveio/dhive';
import type { Operation, SignedTransaction, Transaction } from '@hiveio/dhive';
import type { DevnetHandle, DevnetOptions } from '../src/index';
import { devnetPrivateKey, startDevnet } from '../src/index';
import type { KeyRole } from '../src/accounts';

export interface TestNet {
  devnet: DevnetHandle;
  client: Client;
  key(name: string, role?: KeyRole): PrivateKey;
  /** Build and sign a transaction against the current head (dhive's own way). */
  sign(
    ops: Operation[],
    keys: PrivateKey | PrivateKey[],
    opts?: { expireInSeconds?: number; refBlock?: { num: number; prefix: number } },
  ): Promise<SignedTransaction>;
  /** Sign, broadcast (condenser_api.broadcast_transaction) and return the tx id. */
  send(ops: Operation[], keys: PrivateKey | PrivateKey[]): Promise<string>;
  /** Broadcast and produce a block so the transaction is applied. */
  commit(ops: Operation[], keys: PrivateKey | PrivateKey[]): Promise<string>;
  /** Produce the blocks hivemind trails by, so it has indexed everything produced so far. */
  indexed(): Promise<void>;
  /** commit, then indexed: the transaction is in a block and hivemind has read it. */
  commitIndexed(ops: Operation[], keys: PrivateKey | PrivateKey[]): Promise<string>;
  rpc(method: string, params: unknown): Promise<any>;
  raw(body: unknown): Promise<{ status: number; json: any }>;
  blocks(n?: number, missBlocks?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestNet(options: DevnetOptions = {}): Promise<TestNet> {
  const devnet = await startDevnet({ port: 0, dataDir: null, blockIntervalMs: 0, engine: null, ...options });
  const client = new Client(devnet.url, {
    chainId: devnet.chainId,
    addressPrefix: devnet.addressPrefix,
    timeout: 4000,
    failoverThreshold: 1,
    consoleOnFailover: false,
  } as any);
  const key = (name: string, role: KeyRole = 'posting') => devnetPrivateKey(name, role);
  const sign: TestNet['sign'] = async (ops, keys, opts = {}) => {
    const props = await client.database.getDynamicGlobalProperties();
    const ref = opts.refBlock ?? { num: props.head_block_number & 0xffff, prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4) };
    const expiration = new Date(new Date(`${props.time}Z`).getTime() + (opts.expireInSeconds ?? 60) * 1000).toISOString().slice(0, -5);
    const tx: Transaction = { ref_block_num: ref.num, ref_block_prefix: ref.prefix, expiration, operations: ops, extensions: [] };
    return client.broadcast.sign(tx, keys);
  };
  const send: TestNet['send'] = async (ops, keys) => (await client.broadcast.send(await sign(ops, keys))).id;
  const rpc = (method: string, params: unknown) => client.call(method.split('.')[0], method.split('.')[1], params as any);
  const raw = async (body: unknown) => {
    const res = await fetch(devnet.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  };
  const blocks = async (n = 1, missBlocks = 0) => {
    await raw({ jsonrpc: '2.0', id: 1, method: 'debug_node_api.debug_generate_blocks', params: { count: n, miss_blocks: missBlocks } });
  };
  const commit: TestNet['commit'] = async (ops, keys) => {
    const id = await send(ops, keys);
    await devnet.produceBlocks(1);
    return id;
  };
  const indexed = async () => {
    await devnet.produceBlocks(devnet.hivemind.lagBlocks());
  };
  const commitIndexed: TestNet['commitIndexed'] = async (ops, keys) => {
    const id = await commit(ops, keys);
    await indexed();
    return id;
  };
  return { devnet, client, key, sign, send, commit, indexed, commitIndexed, rpc, raw, blocks, stop: () => devnet.stop() };
}

/**
 * Expect a promise to be rejected by the node with a message containing text.
 * hivemind's asserts carry their text in data.extension.assertion_expression
 * (dhive's message is then only " category=hivemind"), which is searched too.
 */
export async function expectRpcError(p: Promise<unknown>, text: string | RegExp): Promise<any> {
  let err: any;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  if (!err) throw new Error(`expected an RPC error containing ${String(text)}, but the call succeeded`);
  const msg = [String(err.message), err.jse_info?.extension?.assertion_expression ?? ''].join(' | ');
  if (typeof text === 'string' ? !msg.includes(text) : !text.test(msg)) {
    throw new Error(`expected an RPC error containing ${String(text)}, got: ${msg}`);
  }
  return err;
}

export function comment(author: string, permlink: string, extra: Partial<Record<string, string>> = {}): Operation {
  return [
    'comment',
    {
      parent_author: '',
      parent_permlink: 'hive-123456',
      author,
      permlink,
      title: `Title of ${permlink}`,
      body: `Body of ${permlink}`,
      json_metadata: JSON.stringify({ app: 'quanzi/0.1', tags: ['test'] }),
      ...extra,
    },
  ];
}

export function reply(author: string, permlink: string, parentAuthor: string, parentPermlink: string, body = 'a reply'): Operation {
  return ['comment', { parent_author: parentAuthor, parent_permlink: parentPermlink, author, permlink, title: '', body, json_metadata: '' }];
}

export { PrivateKey };
