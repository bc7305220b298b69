/** The bench's narrow view of a devnet: JSON-RPC calls, the head block, signed transactions (dhive). */
import { Client, PrivateKey, cryptoUtils, type Operation, type Transaction } from '@hiveio/dhive';

export interface DevnetModule {
  DEVNET_GENESIS: any;
  devnetKey(name: string, role?: 'owner' | 'active' | 'posting' | 'memo'): string;
}

/** The devnet's own module (compiled), for its genesis and DEVNET-ONLY keys. */
export function devnetModule(): DevnetModule {
  return require('@quanzi/hive-devnet');
}

let rpcId = 0;
export async function rpc<T = any>(url: string, method: string, params: unknown = []): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }) });
  const body: any = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export async function headBlock(url: string): Promise<number> {
  const props = await rpc(url, 'condenser_api.get_dynamic_global_properties');
  return props.head_block_number;
}

export interface Signer {
  client: Client;
  /** A transaction with the given operations, referencing the current head, signed. */
  sign(operations: Operation[], key: PrivateKey): Promise<Transaction & { id: string }>;
}

export function signer(url: string, chainId: string, addressPrefix = 'TST'): Signer {
  const client = new Client(url, { chainId, addressPrefix, timeout: 30000 });
  return {
    client,
    async sign(operations, key) {
      const props = await client.database.getDynamicGlobalProperties();
      const tx: Transaction = {
        ref_block_num: props.head_block_number & 0xffff,
        ref_block_prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4),
        // Devnet chain time runs ahead of the wall clock with fast blocks: expiry from chain time.
        expiration: new Date(new Date(`${props.time}Z`).getTime() + 30 * 60 * 1000).toISOString().slice(0, -5),
        operations,
        extensions: [],
      };
      const signed = client.broadcast.sign(tx, key);
      return Object.assign(signed, { id: cryptoUtils.generateTrxId(signed) });
    },
  };
}
