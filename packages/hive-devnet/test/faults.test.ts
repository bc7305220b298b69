/** Fault injection, each mode observed from a dhive client. */
import { Client, cryptoUtils } from '@hiveio/dhive';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults', () => {
  let t: TestNet;
  let impatient: Client;
  const setFaults = (f: Record<string, unknown>) => t.raw({ jsonrpc: '2.0', id: 1, method: 'debug_node_api.debug_set_faults', params: f });
  const getFaults = async () => (await t.raw({ jsonrpc: '2.0', id: 1, method: 'debug_node_api.debug_get_faults', params: {} })).json.result;

  beforeAll(async () => {
    t = await startTestNet();
    impatient = new Client(t.devnet.url, {
      chainId: t.devnet.chainId,
      addressPrefix: t.devnet.addressPrefix,
      timeout: 300,
      failoverThreshold: 1,
      consoleOnFailover: false,
    } as any);
  });
  afterEach(async () => {
    await setFaults({ clear: true });
  });
  afterAll(() => t.stop());

  test('refuseConnections: the socket is destroyed; control methods still answer', async () => {
    await setFaults({ refuseConnections: true });
    await expectRpcError(impatient.database.getDynamicGlobalProperties(), /socket hang up|ECONNRESET/);
    const tx = await (async () => {
      await setFaults({ refuseConnections: false });
      const signed = await t.sign([comment('alice', 'refused')], t.key('alice'));
      await setFaults({ refuseConnections: true });
      return signed;
    })();
    await expectRpcError(t.client.broadcast.send(tx), /socket hang up|ECONNRESET/);
    const state = await getFaults();
    expect(state.refuseConnections).toBe(true);
    expect(state.counters.refused).toBeGreaterThanOrEqual(2);
    await setFaults({ refuseConnections: false });
    expect(t.devnet.chain.isPending(cryptoUtils.generateTrxId(tx))).toBe(false);
  });

  test('delayMs: every request waits', async () => {
    await setFaults({ delayMs: 250 });
    const started = Date.now();
    await t.client.database.getDynamicGlobalProperties();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect((await getFaults()).counters.delayed).toBeGreaterThanOrEqual(1);
  });

  test('http5xxCount / http5xxRate: HTTP 503', async () => {
    await setFaults({ http5xxCount: 1 });
    const tx = await (async () => {
      await setFaults({ http5xxCount: 0 });
      const signed = await t.sign([comment('bob', 'five-oh-three')], t.key('bob'));
      await setFaults({ http5xxCount: 1 });
      return signed;
    })();
    await expectRpcError(t.client.broadcast.send(tx), 'HTTP 503');
    // the broadcast never reached the chain: sending it again is safe and works
    await t.client.broadcast.send(tx);
    await setFaults({ http5xxRate: 1 });
    await expectRpcError(impatient.database.getDynamicGlobalProperties(), 'HTTP 503');
    await setFaults({ http5xxRate: 0 });
    // a read survives one 503 thanks to dhive's retry
    await setFaults({ http5xxCount: 1 });
    expect((await t.client.database.getDynamicGlobalProperties()).head_block_number).toBe(t.devnet.headBlockNum());
    expect((await getFaults()).counters.http5xx).toBeGreaterThanOrEqual(3);
    await t.devnet.produceBlocks(1);
  });

  test('dropReplyAfterAccept: accepted and included, but the client never hears back', async () => {
    const tx = await t.sign([comment('carol', 'lost-reply')], t.key('carol'));
    const id = cryptoUtils.generateTrxId(tx);
    t.devnet.faults.set({ dropReplyAfterAccept: 1 });
    await expectRpcError(t.client.broadcast.send(tx), /socket hang up|ECONNRESET/);
    expect(await t.client.transaction.findTransaction(id)).toEqual({ status: 'within_mempool' });
    await t.devnet.produceBlocks(1);
    expect((await t.client.transaction.findTransaction(id)).status).toBe('within_irreversible_block');
    // retrying the same signed bytes is harmless: the node reports a duplicate
    await expectRpcError(t.client.broadcast.send(tx), 'Duplicate transaction check failed');
    await t.indexed();
    expect((await t.rpc('condenser_api.get_content', ['carol', 'lost-reply'])).author).toBe('carol');

    // the synchronous flavour: the reply would come with the block, it is dropped instead
    const tx2 = await t.sign([['vote', { voter: 'dave', author: 'carol', permlink: 'lost-reply', weight: 10000 }]], t.key('dave'));
    t.devnet.faults.set({ dropReplyAfterAccept: 1 });
    const sync = t.rpc('condenser_api.broadcast_transaction_synchronous', [tx2]).then(
      () => 'answered',
      (e) => String(e.message),
    );
    await sleep(50);
    await t.devnet.produceBlocks(1);
    expect(await sync).toMatch(/socket hang up|ECONNRESET/);
    expect((await t.client.transaction.findTransaction(cryptoUtils.generateTrxId(tx2))).status).toBe('within_irreversible_block');
    // refused broadcasts do not use up the fault
    t.devnet.faults.set({ dropReplyAfterAccept: 1 });
    await expectRpcError(t.client.broadcast.send(tx2), 'Duplicate transaction check failed');
    expect(t.devnet.faults.get().dropReplyAfterAccept).toBe(1);
    expect(t.devnet.faults.get().counters.droppedReplies).toBe(2);
  });

  test('loseBroadcasts: the request never reaches the node; reads still answer', async () => {
    const tx = await t.sign([comment('alice', 'lost-broadcast')], t.key('alice'));
    const id = cryptoUtils.generateTrxId(tx);
    t.devnet.faults.set({ loseBroadcasts: 1 });
    expect((await t.client.database.getDynamicGlobalProperties()).head_block_number).toBe(t.devnet.headBlockNum());
    await expectRpcError(t.client.broadcast.send(tx), /socket hang up|ECONNRESET/);
    // Nothing was applied: the node has never heard of it, and the same bytes go through afterwards.
    expect(t.devnet.chain.isPending(id)).toBe(false);
    expect(t.devnet.faults.get()).toMatchObject({ loseBroadcasts: 0, counters: expect.objectContaining({ lostBroadcasts: 1 }) });
    await t.client.broadcast.send(tx);
    expect(t.devnet.chain.isPending(id)).toBe(true);
    await t.devnet.produceBlocks(1);
  });

  test('invalid fault settings are refused', async () => {
    const res = await setFaults({ http5xxRate: 2 });
    expect(res.json.error.code).toBe(-32602);
    const res2 = await setFaults({ explode: true });
    expect(res2.json.error.message).toContain('unknown fault explode');
  });
});

describe('haltBlocks', () => {
  test('the block timer stops until cleared; debug_generate_blocks still produces', async () => {
    const t = await startTestNet({ blockIntervalMs: 40 });
    try {
      await sleep(150);
      expect(t.devnet.headBlockNum()).toBeGreaterThan(1);
      await t.raw({ jsonrpc: '2.0', id: 1, method: 'debug_node_api.debug_set_faults', params: { haltBlocks: true } });
      const halted = t.devnet.headBlockNum();
      await sleep(200);
      expect(t.devnet.headBlockNum()).toBe(halted);
      const tx = await t.sign([comment('alice', 'while-halted')], t.key('alice'));
      await t.client.broadcast.send(tx);
      expect(await t.client.transaction.findTransaction(cryptoUtils.generateTrxId(tx))).toEqual({ status: 'within_mempool' });
      await t.blocks(2);
      expect(t.devnet.headBlockNum()).toBe(halted + 2);
      expect((await t.client.transaction.findTransaction(cryptoUtils.generateTrxId(tx))).status).toBe('within_irreversible_block');
      expect(t.devnet.faults.get().counters.haltedBlockSlots).toBeGreaterThan(0);
      t.devnet.faults.set({ haltBlocks: false });
      await sleep(150);
      expect(t.devnet.headBlockNum()).toBeGreaterThan(halted + 2);
    } finally {
      await t.stop();
    }
  });
});
