/**
 * "Nothing twice" checked over every interleaving a run can draw: the real
 * exactly-once protocol and the real worker, against a model of two Hive
 * nodes (each with its mempool, gossiping at each block), blocks,
 * expiration and irreversibility — with sends whose replies are lost, 5xx
 * before or after the node took the bytes, refused connections, refusals on
 * the merits (resource credits, authority) from a node that has not heard of
 * bytes the other one holds, admin Cancel, Retry and "Run payout now", and
 * restarts. After every step no payment has landed twice; at the end every
 * payment has landed exactly once.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { attemptExactlyOnce, type ExactlyOnceSteps } from './exactly-once';
import { locateTransaction, refBlockOf, type StoredTransaction } from '../chain/locate-transaction';
import { HIVED_ERRORS, NOT_ENOUGH_RC_EXCEPTION } from '../chain/protocol';
import { cancelDecision, CLEARED_TRANSACTION, type ChainJob } from './queue';
import { JobWorker, type JobHandler } from './worker';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const BLOCK_MS = 3000;
/** Blocks a signed transaction lives (its expiration); irreversibility trails the head by this many. */
const LIFETIME_BLOCKS = 20;
const LIB_DELAY = 2;

type SendBehaviour = 'accept' | 'accept-drop' | 'lost-503' | 'taken-503' | 'refused-connection' | 'refuse-rc' | 'refuse-authority';

interface ModelTx {
  id: string;
  payment: string;
  expiresAt: number;
}

/** Two nodes, their mempools and the blocks: just enough of Hive to decide what "landed" means. */
class ModelChain {
  blocks: Array<{ num: number; time: number; txIds: string[] }> = [{ num: 1, time: T0, txIds: [] }];
  mempools: [Map<string, ModelTx>, Map<string, ModelTx>] = [new Map(), new Map()];
  txs = new Map<string, ModelTx>();
  script: Array<{ behaviour: SendBehaviour; node: 0 | 1 }> = [];
  private counter = 0;

  get head() {
    return this.blocks[this.blocks.length - 1];
  }

  /** Blocks holding a transaction of this payment. */
  landed(payment: string): number {
    return this.blocks.reduce((n, b) => n + b.txIds.filter((id) => this.txs.get(id)!.payment === payment).length, 0);
  }

  produceBlock() {
    const time = this.head.time + BLOCK_MS;
    const included = new Set<string>();
    for (const pool of this.mempools) for (const [id, tx] of pool) if (tx.expiresAt >= time) included.add(id);
    this.blocks.push({ num: this.head.num + 1, time, txIds: [...included] });
    // Gossip: what either node held is now in a block or gone from both.
    for (const pool of this.mempools) pool.clear();
  }

  private inBlocks(id: string) {
    return this.blocks.some((b) => b.txIds.includes(id));
  }

  private rpcError(format: string, extra: Record<string, unknown> = {}) {
    return Object.assign(new Error(format), { name: 'RPCError', jse_info: { code: 10, name: 'assert_exception', stack: [{ format, data: {} }], ...extra } });
  }

  // ---- the HiveChain surface the protocol uses
  async prepare(operations: any[]) {
    const payment = operations[0][1].payment as string;
    const id = createHash('sha256').update(`${payment}:${++this.counter}`).digest('hex').slice(0, 40);
    const expiresAt = this.head.time + LIFETIME_BLOCKS * BLOCK_MS;
    const tx: ModelTx = { id, payment, expiresAt };
    this.txs.set(id, tx);
    const expiration = new Date(expiresAt).toISOString().slice(0, 19);
    return { txId: id, expiration, refBlock: this.head.num, signed: { ref_block_num: this.head.num & 0xffff, id, operations } };
  }

  async send(signed: { id: string }) {
    const tx = this.txs.get(signed.id)!;
    const { behaviour, node } = this.script.shift() ?? { behaviour: 'accept' as const, node: 0 as const };
    const pool = this.mempools[node];
    const connectionError = (code: string) => Object.assign(new Error(code), { code });
    const http503 = () => Object.assign(new Error('HTTP 503: Service Unavailable'), { status: 503 });
    if (behaviour === 'refused-connection') throw connectionError('ECONNREFUSED');
    if (behaviour === 'lost-503') throw http503();
    // hived: a known, unexpired id is a duplicate before anything else is looked at.
    if (pool.has(tx.id) || (this.inBlocks(tx.id) && tx.expiresAt >= this.head.time)) throw this.rpcError(`${HIVED_ERRORS.duplicateTransaction}: trx_id`);
    if (tx.expiresAt < this.head.time) throw Object.assign(this.rpcError('now < trx.expiration: transaction expiration exception'), {});
    if (behaviour === 'refuse-rc')
      throw this.rpcError('Account: ${account_name} has ${rc_current} RC, needs ${rc} RC.', {
        code: NOT_ENOUGH_RC_EXCEPTION.code,
        name: NOT_ENOUGH_RC_EXCEPTION.name,
      });
    if (behaviour === 'refuse-authority') throw this.rpcError(`${HIVED_ERRORS.missingActiveAuth} of maple-tokens`);
    pool.set(tx.id, tx);
    if (behaviour === 'accept-drop') throw connectionError('ECONNRESET');
    if (behaviour === 'taken-503') throw http503();
    return { txId: tx.id };
  }

  private port() {
    return {
      head: async () => ({ blockNum: this.head.num, timeMs: this.head.time, irreversibleBlockNum: Math.max(0, this.head.num - LIB_DELAY) }),
      // Public nodes often serve no transaction_status_api: the protocol reads blocks.
      transactionStatus: async () => 'unsupported' as const,
      blockRange: async (from: number, count: number) =>
        this.blocks.filter((b) => b.num >= from && b.num < from + count).map((b) => ({ num: b.num, time: b.time, transactionIds: b.txIds })),
    };
  }

  async storedInput(stored: StoredTransaction) {
    return { txId: stored.txId!, refBlock: refBlockOf(stored, this.head.num), expiration: stored.txExpiration! };
  }

  /** As on public nodes without transaction_status_api: only blocks are read, mempools cannot be seen. */
  async locateStored(stored: StoredTransaction) {
    return locateTransaction(this.port(), await this.storedInput(stored));
  }

  async waitForInclusion(input: { txId: string; refBlock: number; expiration: string }) {
    const where = await locateTransaction(this.port(), input);
    return where.state === 'in-block' ? where.blockNum : null;
  }

  async getRcAccounts() {
    return [];
  }
}

/** The outbox in memory, with the queue's lease rules (updates only under the lease that holds the job). */
class ModelQueue {
  jobs: ChainJob[] = [];
  private nextId = 1;

  add(payment: string) {
    const job: ChainJob = {
      id: this.nextId++,
      documentId: `job-${this.nextId}`,
      kind: 'payout.batch',
      subject: `payout:${payment}`,
      lane: null,
      state: 'queued',
      version: 1,
      runAt: 0,
      notBefore: null,
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      payload: { payment },
      signedTx: null,
      txId: null,
      txExpiration: null,
      txRefBlock: null,
      sendsInDoubt: 0,
      blockNum: null,
      lastError: null,
      finishedAt: null,
    };
    this.jobs.push(job);
    return job;
  }

  /** Jobs claimed in the current round: a job is tried at most once a round (the real queue waits for runAt). */
  claimedThisRound = new Set<number>();

  async claim(_kinds: string[], owner: string) {
    const job = this.jobs.find((j) => j.state === 'queued' && !this.claimedThisRound.has(j.id));
    if (!job) return null;
    Object.assign(job, { state: 'leased', leaseOwner: owner, leaseUntil: Date.now() + 60_000 });
    this.claimedThisRound.add(job.id);
    return { ...job };
  }

  async updateLeased(job: ChainJob, owner: string, data: Record<string, unknown>) {
    const row = this.jobs.find((j) => j.id === job.id)!;
    if (row.state !== 'leased' || row.leaseOwner !== owner) return false;
    Object.assign(row, data);
    return true;
  }

  recordSigned(job: ChainJob, owner: string, signed: Record<string, unknown>) {
    return this.updateLeased(job, owner, signed);
  }

  complete(job: ChainJob, owner: string, result: { txId?: string | null; blockNum?: number | null } = {}) {
    return this.updateLeased(job, owner, { state: 'done', txId: result.txId ?? job.txId, blockNum: result.blockNum ?? null, leaseOwner: null });
  }

  release(
    job: ChainJob,
    owner: string,
    changes: { runAt: number; notBefore?: number | null; lastError?: string | null; attempts?: number; clearSigned?: boolean },
  ) {
    return this.updateLeased(job, owner, {
      state: 'queued',
      attempts: changes.attempts ?? job.attempts,
      lastError: changes.lastError ?? null,
      leaseOwner: null,
      ...(changes.clearSigned ? CLEARED_TRANSACTION : {}),
    });
  }

  bury(job: ChainJob, owner: string, error: string, attempts = job.attempts) {
    return this.updateLeased(job, owner, { state: 'dead', lastError: error, attempts, leaseOwner: null });
  }

  /** A crash: every lease is abandoned and runs out. */
  expireLeases() {
    for (const job of this.jobs) if (job.state === 'leased') Object.assign(job, { state: 'queued', leaseOwner: null });
  }
}

type Step =
  | { kind: 'work' }
  | { kind: 'block'; n: number }
  | { kind: 'crash' }
  | { kind: 'cancel' }
  | { kind: 'retry' }
  | { kind: 'run-payout-now' }
  | { kind: 'sends'; script: Array<{ behaviour: SendBehaviour; node: 0 | 1 }> };

const behaviours: SendBehaviour[] = ['accept', 'accept-drop', 'lost-503', 'taken-503', 'refused-connection', 'refuse-rc', 'refuse-authority'];
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Step>({ kind: 'work' }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }).map<Step>((n) => ({ kind: 'block', n })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'crash' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'cancel' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'retry' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'run-payout-now' }) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.record({ behaviour: fc.constantFrom(...behaviours), node: fc.constantFrom<0 | 1>(0, 1) }), { minLength: 1, maxLength: 4 })
      .map<Step>((script) => ({ kind: 'sends', script })),
  },
);

const quietLog = { warn: () => undefined, error: () => undefined };

async function run(steps: Step[], payments = ['alice', 'carol']) {
  const chain = new ModelChain();
  const queue = new ModelQueue();
  for (const p of payments) queue.add(p);

  const steps_ = (job: ChainJob): ExactlyOnceSteps => ({
    async build() {
      return { kind: 'send', operations: [['custom_json', { payment: job.payload.payment }]] as any, key: null as any };
    },
  });
  const handler: JobHandler = {
    kinds: ['payout.batch'],
    run: (job, owner) =>
      attemptExactlyOnce(job, steps_(job), { chain: chain as any, queue: queue as any, owner, expireSeconds: 60, inclusionWaitMs: 0, recheckMs: 1 }),
  };
  const worker = () =>
    new JobWorker(queue as any, [handler], {
      pollIntervalMs: 10,
      leaseMs: 60_000,
      maxAttempts: 6,
      backoffBaseMs: 1,
      backoffMaxMs: 1,
      recheckMs: 1,
      concurrency: 4,
      log: quietLog,
    });
  let current = worker();
  const work = async () => {
    queue.claimedThisRound.clear();
    await current.tick();
    await current.stop();
  };
  const open = (payment: string) =>
    queue.jobs.filter((j) => j.payload.payment === payment && (j.state === 'queued' || j.state === 'leased' || j.state === 'dead'));

  /** What the admin's Cancel does: the real decision, then (for payouts) the lines are packed into a new job. */
  const cancel = async (job: ChainJob) => {
    if (job.state !== 'dead' && job.state !== 'queued') return;
    if (job.signedTx && job.txId) {
      const decision = cancelDecision(job, await chain.locateStored(job));
      if (decision.action === 'confirm') Object.assign(job, { state: 'queued' });
      if (decision.action !== 'cancel') return;
    }
    Object.assign(job, { state: 'cancelled', ...CLEARED_TRANSACTION });
    if (open(job.payload.payment).length === 0) queue.add(job.payload.payment);
  };
  /** "Run payout now": dead jobs holding bytes are resumed; lines of dead jobs without bytes are paid by a new job. */
  const runPayoutNow = () => {
    for (const job of queue.jobs.filter((j) => j.state === 'dead')) {
      if (job.signedTx) Object.assign(job, { state: 'queued', attempts: 0 });
      else {
        Object.assign(job, { state: 'cancelled' });
        if (open(job.payload.payment).length === 0) queue.add(job.payload.payment);
      }
    }
  };

  const check = () => {
    for (const p of payments) {
      const n = chain.landed(p);
      if (n > 1) throw new Error(`payment to ${p} landed ${n} times; jobs: ${JSON.stringify(queue.jobs.map((j) => [j.id, j.state, j.txId, j.lastError]))}`);
    }
  };

  for (const step of steps) {
    switch (step.kind) {
      case 'work':
        await work();
        break;
      case 'block':
        for (let i = 0; i < step.n; i++) chain.produceBlock();
        break;
      case 'crash':
        await current.stop();
        queue.expireLeases();
        current = worker();
        break;
      case 'cancel':
        for (const job of [...queue.jobs]) await cancel(job);
        break;
      case 'retry':
        for (const job of queue.jobs.filter((j) => j.state === 'dead')) Object.assign(job, { state: 'queued', attempts: 0 });
        break;
      case 'run-payout-now':
        runPayoutNow();
        break;
      case 'sends':
        chain.script.push(...step.script);
        break;
    }
    check();
  }

  // Then the network heals and an admin keeps pressing "Run payout now": every payment lands, once.
  chain.script = [];
  for (let round = 0; round < 40 && payments.some((p) => chain.landed(p) === 0 || open(p).length > 0); round++) {
    runPayoutNow();
    await work();
    chain.produceBlock();
    check();
  }
  for (const p of payments)
    expect({ payment: p, landed: chain.landed(p), open: open(p).map((j) => [j.state, j.lastError]) }).toEqual({ payment: p, landed: 1, open: [] });
}

describe('exactly-once over drawn interleavings of faults and admin actions', () => {
  it('never pays twice and ends paying everyone once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 40 }), (steps) => run(steps)),
      { numRuns: 500, seed: 20261201 },
    );
  });

  it('an accepted send whose reply is lost, then a refusal from a node that never heard of it: the bytes are kept, paid once', async () => {
    await run(
      [
        {
          kind: 'sends',
          script: [
            { behaviour: 'accept-drop', node: 0 },
            { behaviour: 'refuse-authority', node: 1 },
          ],
        },
        { kind: 'work' },
        { kind: 'work' },
        { kind: 'run-payout-now' },
        { kind: 'work' },
        { kind: 'block', n: 1 },
        { kind: 'work' },
      ],
      ['alice'],
    );
  });

  it('Cancel of a dead job whose bytes may still land is refused until Hive proves them absent', async () => {
    await run(
      [
        {
          kind: 'sends',
          script: [
            { behaviour: 'taken-503', node: 0 },
            { behaviour: 'refuse-authority', node: 1 },
          ],
        },
        { kind: 'work' },
        { kind: 'work' },
        { kind: 'cancel' },
        { kind: 'run-payout-now' },
        { kind: 'work' },
        { kind: 'block', n: 1 },
        { kind: 'work' },
        { kind: 'cancel' },
      ],
      ['alice'],
    );
  });
});
