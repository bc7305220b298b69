/**
 * Where a signed transaction is: in a block, still able to land, or proven
 * never to land. "Did not land" is only ever decided by proof — its id is in
 * no Hive block from the one it references up to its expiration, and those
 * blocks are irreversible — because re-signing anything it did (a payout, a
 * post) on a weaker belief would do it twice.
 */

export type TransactionWhereabouts =
  | { state: 'in-block'; blockNum: number; irreversible: boolean }
  /** Not in a block yet, and it can still be included (not expired). */
  | { state: 'pending'; inMempool: boolean }
  /**
   * Expired, in no block, and the blocks of its lifetime are irreversible: it will never land.
   * throughBlock: a block past its expiration (everything that could hold it is at or below).
   */
  | { state: 'absent'; throughBlock: number }
  /** Expired and in no block seen so far, but not provable yet (blocks still reversible). */
  | { state: 'undecided'; reason: string };

export interface BlockSummary {
  num: number;
  /** Block timestamp in ms. */
  time: number;
  transactionIds: string[];
}

/** What the locator needs from a node. */
export interface LocatorPort {
  head(): Promise<{ blockNum: number; timeMs: number; irreversibleBlockNum: number }>;
  /** transaction_status_api.find_transaction, or 'unsupported' when the node does not serve it. */
  transactionStatus(txId: string, expiration: string): Promise<{ status: string; blockNum?: number } | 'unsupported'>;
  /** block_api.get_block_range: up to `count` blocks from `from` (fewer at the head). */
  blockRange(from: number, count: number): Promise<BlockSummary[]>;
}

export interface LocateInput {
  txId: string;
  /** The head block when it was signed: its TaPoS reference. The transaction can only be in a later block. */
  refBlock: number;
  /** Chain time, `YYYY-MM-DDTHH:MM:SS` (UTC). */
  expiration: string;
}

const IN_BLOCK = new Set(['within_reversible_block', 'within_irreversible_block']);
/** Blocks asked for per block_api call: a 5-minute transaction lifetime is about 100 blocks. */
export const LOCATE_RANGE_CHUNK = 100;

export const chainTimeMs = (time: string) => Date.parse(time.endsWith('Z') ? time : `${time}Z`);

/**
 * Asks transaction_status_api when the node serves it, otherwise reads the
 * blocks of the transaction's lifetime and looks for its id.
 */
export async function locateTransaction(port: LocatorPort, input: LocateInput, options: { chunk?: number } = {}): Promise<TransactionWhereabouts> {
  const expiresAt = chainTimeMs(input.expiration);
  const status = await port.transactionStatus(input.txId, input.expiration);
  if (status !== 'unsupported') {
    if (IN_BLOCK.has(status.status) && typeof status.blockNum === 'number') {
      return { state: 'in-block', blockNum: status.blockNum, irreversible: status.status === 'within_irreversible_block' };
    }
    if (status.status === 'within_mempool') return { state: 'pending', inMempool: true };
    if (status.status === 'expired_irreversible') return expiredIrreversible(port, input, expiresAt, options.chunk ?? LOCATE_RANGE_CHUNK);
    if (status.status === 'expired_reversible') return { state: 'undecided', reason: 'its expiration is past but the blocks since are not irreversible yet' };
    if (status.status === 'unknown') {
      const head = await port.head();
      if (head.timeMs <= expiresAt) return { state: 'pending', inMempool: false };
    }
    // 'too_old', or an answer this code does not know: read the blocks.
  }
  return scanBlocks(port, input, expiresAt, options.chunk ?? LOCATE_RANGE_CHUNK);
}

/**
 * The node says it expired in no block, irreversibly. Which block closed its window is read from the blocks
 * (the status does not say): a fixed block, where the irreversible head would be a moving target — whoever waits
 * for a follower (Hive-Engine's sidechain) to pass "throughBlock" must be able to reach it, and with one-block
 * irreversibility the irreversible head runs ahead of any follower. The blocks also get the last word: a block
 * holding it wins over the status.
 */
async function expiredIrreversible(port: LocatorPort, input: LocateInput, expiresAt: number, chunk: number): Promise<TransactionWhereabouts> {
  const scanned = await scanBlocks(port, input, expiresAt, chunk);
  if (scanned.state === 'absent' || scanned.state === 'in-block') return scanned;
  // A node that cannot return those blocks (pruned): the status's word, through the irreversible head.
  return { state: 'absent', throughBlock: (await port.head()).irreversibleBlockNum };
}

async function scanBlocks(port: LocatorPort, input: LocateInput, expiresAt: number, chunk: number): Promise<TransactionWhereabouts> {
  const head = await port.head();
  let from = input.refBlock + 1;
  let closedAt: number | null = null;
  while (from <= head.blockNum && closedAt === null) {
    const count = Math.min(chunk, head.blockNum - from + 1);
    const blocks = await port.blockRange(from, count);
    if (blocks.length === 0) break;
    for (const block of blocks) {
      // A block after the expiration cannot include it (hived: now <= trx.expiration).
      if (block.time > expiresAt) {
        closedAt = block.num;
        break;
      }
      if (block.transactionIds.includes(input.txId)) {
        return { state: 'in-block', blockNum: block.num, irreversible: block.num <= head.irreversibleBlockNum };
      }
    }
    from = blocks[blocks.length - 1].num + 1;
  }
  if (closedAt === null) {
    if (head.timeMs <= expiresAt) return { state: 'pending', inMempool: false };
    return { state: 'undecided', reason: 'the node did not return the blocks up to its expiration' };
  }
  // Every block that could hold it was read. Until the first block past its expiration is irreversible,
  // a fork could still replace them (with different slot times, even the block that closed the window).
  if (closedAt <= head.irreversibleBlockNum) return { state: 'absent', throughBlock: closedAt };
  return { state: 'undecided', reason: `blocks up to ${closedAt} are not irreversible yet (irreversible: ${head.irreversibleBlockNum})` };
}

/** A stored signed transaction, as the outbox keeps it. */
export interface StoredTransaction {
  txId: string | null;
  txExpiration: string | null;
  txRefBlock?: number | null;
  signedTx?: { ref_block_num?: number } | null;
}

/**
 * The block a stored transaction was signed against. Rows signed before it was recorded
 * have only its low 16 bits (ref_block_num): the latest block at or below the head with those
 * bits, which is right while fewer than 65,536 blocks (about 54 hours) passed since signing.
 */
export function refBlockOf(stored: StoredTransaction, headBlockNum: number): number {
  if (stored.txRefBlock !== null && stored.txRefBlock !== undefined) return Number(stored.txRefBlock);
  const low = Number(stored.signedTx?.ref_block_num ?? 0) & 0xffff;
  return headBlockNum - ((headBlockNum - low) & 0xffff);
}
