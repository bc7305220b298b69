import { locateTransaction, refBlockOf, type BlockSummary, type LocatorPort } from './locate-transaction';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** A chain of 3-second blocks from block 1 at T0, with some transactions in given blocks. */
function chain(opts: {
  head: number;
  irreversible: number;
  txs?: Record<number, string[]>;
  statusApi?: (id: string, exp: string) => { status: string; blockNum?: number };
}): LocatorPort & { calls: number } {
  const port = {
    calls: 0,
    async head() {
      return { blockNum: opts.head, timeMs: T0 + (opts.head - 1) * 3000, irreversibleBlockNum: opts.irreversible };
    },
    async transactionStatus(id: string, exp: string) {
      return opts.statusApi ? opts.statusApi(id, exp) : ('unsupported' as const);
    },
    async blockRange(from: number, count: number): Promise<BlockSummary[]> {
      port.calls += 1;
      const blocks: BlockSummary[] = [];
      for (let n = from; n < from + count && n <= opts.head; n++) blocks.push({ num: n, time: T0 + (n - 1) * 3000, transactionIds: opts.txs?.[n] ?? [] });
      return blocks;
    },
  };
  return port;
}

describe('locateTransaction by reading blocks (no transaction_status_api)', () => {
  const expiration = iso(T0 + 30 * 3000); // block 31's time

  it('finds it in a block', async () => {
    expect(await locateTransaction(chain({ head: 50, irreversible: 40, txs: { 12: ['aa'] } }), { txId: 'aa', refBlock: 10, expiration })).toEqual({
      state: 'in-block',
      blockNum: 12,
      irreversible: true,
    });
  });

  it('is pending while it can still be included', async () => {
    expect(await locateTransaction(chain({ head: 20, irreversible: 20 }), { txId: 'aa', refBlock: 10, expiration })).toEqual({
      state: 'pending',
      inMempool: false,
    });
  });

  it('is absent only once the first block past its expiration is irreversible', async () => {
    expect(await locateTransaction(chain({ head: 40, irreversible: 31 }), { txId: 'aa', refBlock: 10, expiration })).toMatchObject({ state: 'undecided' });
    expect(await locateTransaction(chain({ head: 40, irreversible: 32 }), { txId: 'aa', refBlock: 10, expiration })).toEqual({
      state: 'absent',
      throughBlock: 32,
    });
  });

  it('never looks before the block it was signed against, and reads in chunks', async () => {
    const port = chain({ head: 400, irreversible: 400, txs: { 5: ['aa'] } });
    expect(await locateTransaction(port, { txId: 'aa', refBlock: 10, expiration }, { chunk: 7 })).toMatchObject({ state: 'absent' });
    expect(port.calls).toBe(4); // blocks 11..38: four chunks of seven, stopping at the first block past the expiration
  });
});

describe('locateTransaction with transaction_status_api', () => {
  it('takes in-block, mempool and expired_irreversible as they are', async () => {
    const expiration = iso(T0 + 60_000);
    const answer = (status: string, blockNum?: number) => chain({ head: 100, irreversible: 90, statusApi: () => ({ status, blockNum }) });
    expect(await locateTransaction(answer('within_reversible_block', 95), { txId: 'a', refBlock: 1, expiration })).toEqual({
      state: 'in-block',
      blockNum: 95,
      irreversible: false,
    });
    expect(await locateTransaction(answer('within_mempool'), { txId: 'a', refBlock: 1, expiration })).toEqual({ state: 'pending', inMempool: true });
    // The block that closed its window (block 22, the first after its expiration at block 21's time), read from the blocks.
    expect(await locateTransaction(answer('expired_irreversible'), { txId: 'a', refBlock: 1, expiration })).toEqual({ state: 'absent', throughBlock: 22 });
    expect(await locateTransaction(answer('expired_reversible'), { txId: 'a', refBlock: 1, expiration })).toMatchObject({ state: 'undecided' });
  });

  it('names the same block for an expired transaction however far the head has moved (a follower can reach it)', async () => {
    const expiration = iso(T0 + 60_000);
    const at = (head: number) => chain({ head, irreversible: head, statusApi: () => ({ status: 'expired_irreversible' }) });
    const early = await locateTransaction(at(40), { txId: 'a', refBlock: 1, expiration });
    const late = await locateTransaction(at(4000), { txId: 'a', refBlock: 1, expiration });
    expect(early).toEqual({ state: 'absent', throughBlock: 22 });
    expect(late).toEqual(early);
  });

  it('believes a block over an expired status, and the status when the node cannot return the blocks', async () => {
    const expiration = iso(T0 + 60_000);
    const holding = chain({ head: 100, irreversible: 100, txs: { 7: ['a'] }, statusApi: () => ({ status: 'expired_irreversible' }) });
    expect(await locateTransaction(holding, { txId: 'a', refBlock: 1, expiration })).toMatchObject({ state: 'in-block', blockNum: 7 });
    const pruned = { ...chain({ head: 100, irreversible: 95, statusApi: () => ({ status: 'expired_irreversible' }) }), blockRange: async () => [] };
    expect(await locateTransaction(pruned, { txId: 'a', refBlock: 1, expiration })).toEqual({ state: 'absent', throughBlock: 95 });
  });

  it("falls back to reading blocks when the node's status index is too young", async () => {
    const port = chain({ head: 100, irreversible: 100, txs: { 3: ['a'] }, statusApi: () => ({ status: 'too_old' }) });
    expect(await locateTransaction(port, { txId: 'a', refBlock: 1, expiration: iso(T0 + 60_000) })).toMatchObject({ state: 'in-block', blockNum: 3 });
  });
});

describe('refBlockOf', () => {
  it('uses the recorded block, or rebuilds it from the TaPoS low bits', () => {
    expect(refBlockOf({ txId: 'a', txExpiration: 'x', txRefBlock: 77 }, 1_000_000)).toBe(77);
    const signedAt = 1_000_000 - 1200;
    expect(refBlockOf({ txId: 'a', txExpiration: 'x', signedTx: { ref_block_num: signedAt & 0xffff } }, 1_000_000)).toBe(signedAt);
  });
});
