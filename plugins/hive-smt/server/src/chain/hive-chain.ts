import { Client, cryptoUtils, type Operation, type PrivateKey, type SignedTransaction, type Transaction } from '@hiveio/dhive';

/** Where the chain is and how to reach it. */
export interface ChainEndpoint {
  nodes: string[];
  chainId: string;
  addressPrefix: string;
  engineApi: string;
  engineId: string;
  /** True when the nodes are the embedded local devnet. */
  devnet: boolean;
  timeoutMs: number;
}

export interface HeadInfo {
  blockNum: number;
  time: Date;
  irreversibleBlockNum: number;
}

/** A transaction signed and ready to send, with what is needed to find it on chain later. */
export interface PreparedTransaction {
  txId: string;
  expiration: string;
  signed: SignedTransaction;
}

/** hived's empty answer for a missing post has an empty author. */
export const isMissingContent = (content: any) => !content || !content.author;

/**
 * The one narrow adapter through which Quanzi talks to Hive and Hive-Engine.
 * Everything protocol-shaped (RPC names, transaction preparation, sidechain
 * JSON-RPC) lives here; callers deal in plain values.
 */
export class HiveChain {
  readonly client: Client;

  constructor(readonly endpoint: ChainEndpoint) {
    this.client = new Client(endpoint.nodes, {
      chainId: endpoint.chainId,
      addressPrefix: endpoint.addressPrefix,
      timeout: endpoint.timeoutMs,
      failoverThreshold: 2,
      consoleOnFailover: false,
    });
  }

  async head(): Promise<HeadInfo> {
    const props = await this.client.database.getDynamicGlobalProperties();
    return {
      blockNum: props.head_block_number,
      time: new Date(`${props.time}Z`),
      irreversibleBlockNum: props.last_irreversible_block_num,
    };
  }

  async getAccounts(names: string[]): Promise<any[]> {
    if (names.length === 0) return [];
    return this.client.database.getAccounts(names);
  }

  async getAccount(name: string): Promise<any | null> {
    const [account] = await this.getAccounts([name]);
    return account ?? null;
  }

  /** A post or reply, or null when the chain has none under this author/permlink. */
  async getContent(author: string, permlink: string): Promise<any | null> {
    try {
      const content = await this.client.call('condenser_api', 'get_content', [author, permlink]);
      return isMissingContent(content) ? null : content;
    } catch (error) {
      // API nodes backed by hivemind answer an error instead of an empty post.
      if (/does not exist|Unknown|not found/i.test(String((error as Error).message))) return null;
      throw error;
    }
  }

  async getReplies(author: string, permlink: string): Promise<any[]> {
    return this.client.call('condenser_api', 'get_content_replies', [author, permlink]);
  }

  async getRcAccount(name: string): Promise<any | null> {
    const result = await this.client.call('rc_api', 'find_rc_accounts', { accounts: [name] });
    return result?.rc_accounts?.[0] ?? null;
  }

  /**
   * Signs operations against the current head (TaPoS) with an expiration of
   * expireSeconds. Nothing is sent: the caller stores the result first.
   */
  async prepare(operations: Operation[], key: PrivateKey | PrivateKey[], expireSeconds: number): Promise<PreparedTransaction> {
    const props = await this.client.database.getDynamicGlobalProperties();
    const expiration = new Date(Date.parse(`${props.time}Z`) + expireSeconds * 1000).toISOString().slice(0, -5);
    const transaction: Transaction = {
      ref_block_num: props.head_block_number & 0xffff,
      ref_block_prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4),
      expiration,
      operations,
      extensions: [],
    };
    const signed = this.client.broadcast.sign(transaction, key);
    return { txId: cryptoUtils.generateTrxId(transaction), expiration, signed };
  }

  /** Sends signed bytes (broadcast_transaction: validated by the node, then in the mempool until a block takes it). */
  async send(signed: SignedTransaction): Promise<{ txId: string }> {
    // dhive sets no timeout on broadcasts; a node that never answers must not hold the caller.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('broadcast timed out'), { code: 'ETIMEDOUT' })), this.endpoint.timeoutMs);
    });
    try {
      const accepted = await Promise.race([this.client.broadcast.send(signed), timeout]);
      return { txId: accepted.id };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits until the transaction is in a block: its block number, null when it
   * is still pending after timeoutMs, or 'unsupported' when the node has no
   * transaction_status_api (the caller then looks for its effect instead).
   */
  async waitForInclusion(txId: string, expiration: string, timeoutMs: number, pollMs = 500): Promise<number | null | 'unsupported'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let status: { status: string; blockNum?: number };
      try {
        status = await this.transactionStatus(txId, expiration);
      } catch (error) {
        if (/transaction_status_api|Could not find API|method not found/i.test(String((error as Error).message))) return 'unsupported';
        throw error;
      }
      if (status.status === 'within_reversible_block' || status.status === 'within_irreversible_block') return status.blockNum ?? null;
      if (Date.now() + pollMs > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** transaction_status_api: 'unknown' | 'within_mempool' | 'within_reversible_block' | 'within_irreversible_block' | 'expired_*' | 'too_old'. */
  async transactionStatus(txId: string, expiration?: string): Promise<{ status: string; blockNum?: number }> {
    const result: any = await this.client.transaction.findTransaction(txId, expiration);
    return { status: result.status, blockNum: result.block_num };
  }

  /** Hive-Engine JSON-RPC (`<api>/blockchain`, `<api>/contracts`). */
  async engineCall(endpoint: 'blockchain' | 'contracts', method: string, params: unknown): Promise<any> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.endpoint.timeoutMs);
    try {
      const response = await fetch(`${this.endpoint.engineApi}/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`Hive-Engine API answered HTTP ${response.status}`);
      const body: any = await response.json();
      if (body.error) throw new Error(`Hive-Engine API error: ${body.error.message ?? JSON.stringify(body.error)}`);
      return body.result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A sidechain transaction's outcome: null while not processed; errors from its logs when it failed. */
  async engineTransaction(txid: string): Promise<null | { blockNumber: number; errors: string[]; events: any[] }> {
    const info = await this.engineCall('blockchain', 'getTransactionInfo', { txid });
    if (!info) return null;
    let logs: any = {};
    try {
      logs = typeof info.logs === 'string' ? JSON.parse(info.logs) : info.logs ?? {};
    } catch {
      logs = { errors: ['unreadable logs'] };
    }
    return { blockNumber: info.blockNumber, errors: logs.errors ?? [], events: logs.events ?? [] };
  }

  async engineBalance(account: string, symbol: string): Promise<string> {
    const row = await this.engineCall('contracts', 'findOne', { contract: 'tokens', table: 'balances', query: { account, symbol } });
    return row?.balance ?? '0';
  }

  async engineToken(symbol: string): Promise<any | null> {
    return this.engineCall('contracts', 'findOne', { contract: 'tokens', table: 'tokens', query: { symbol } });
  }
}
