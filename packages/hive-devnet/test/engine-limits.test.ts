/**
 * The Hive-Engine side as public nodes run it: the streamer processes a Hive
 * block once it left its 2-block anti-fork buffer (plugins/Streamer.js), getStatus
 * reports the block the streamer fetches next, JSON-RPC batches hold one call
 * (rpcConfig.maxBatchLength), and a client sending too fast gets HTTP 429.
 */
import type { TestNet } from './helpers';
import { startTestNet } from './helpers';

const issue = (to: string, quantity: string) =>
  JSON.stringify({ contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to, quantity } });

describe('Hive-Engine streamer lag and API limits', () => {
  let t: TestNet;
  const post = (route: 'blockchain' | 'contracts', body: unknown) =>
    fetch(`${t.devnet.engineApi}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const call = async (route: 'blockchain' | 'contracts', method: string, params: unknown = {}) =>
    (await (await post(route, { jsonrpc: '2.0', id: 1, method, params })).json()) as any;

  beforeAll(async () => {
    t = await startTestNet({ engine: undefined, engineRateLimit: { perSecond: 0 } });
  });
  afterAll(() => t.stop());

  test('an action is processed two blocks after its Hive block; until then getTransactionInfo is null', async () => {
    const id = await t.send(
      [['custom_json', { required_auths: ['maple-tokens'], required_posting_auths: [], id: t.devnet.engineId, json: issue('alice', '1.000') }]] as any,
      t.key('maple-tokens', 'active'),
    );
    await t.devnet.produceBlocks(1);
    const hiveBlock = t.devnet.headBlockNum();
    expect((await call('blockchain', 'getTransactionInfo', { txid: id })).result).toBeNull();
    await t.devnet.produceBlocks(1);
    expect((await call('blockchain', 'getTransactionInfo', { txid: id })).result).toBeNull();
    const status = (await call('blockchain', 'getStatus')).result;
    // the block the streamer fetches next, not the last one processed
    expect(status.lastParsedHiveBlockNumber).toBe(t.devnet.headBlockNum() + 1);
    expect(status.disabledMethods).toEqual({ blockchain: ['getBlockRangeInfo'], contracts: [] });
    await t.devnet.produceBlocks(1);
    const info = (await call('blockchain', 'getTransactionInfo', { txid: id })).result;
    expect(info).toEqual(expect.objectContaining({ transactionId: id, refHiveBlockNumber: hiveBlock }));
    expect((await call('blockchain', 'getStatus')).result.lastBlockRefHiveBlockNumber).toBe(hiveBlock);
  });

  test('debug_node_api.debug_set_streamer_lag: 0 processes the head block at once', async () => {
    expect((await t.rpc('debug_node_api.debug_set_streamer_lag', { blocks: 0 })).streamer_lag_blocks).toBe(0);
    const id = await t.send(
      [['custom_json', { required_auths: ['maple-tokens'], required_posting_auths: [], id: t.devnet.engineId, json: issue('bob', '2.000') }]] as any,
      t.key('maple-tokens', 'active'),
    );
    await t.devnet.produceBlocks(1);
    expect((await call('blockchain', 'getTransactionInfo', { txid: id })).result.refHiveBlockNumber).toBe(t.devnet.headBlockNum());
    await t.rpc('debug_node_api.debug_set_streamer_lag', { blocks: 2 });
  });

  test('one call per batch: a longer batch is refused whole (jayson maxBatchLength 1); an unparsable body is HTTP 500', async () => {
    const one = await post('contracts', [
      { jsonrpc: '2.0', id: 1, method: 'findOne', params: { contract: 'tokens', table: 'tokens', query: { symbol: 'MAPLE' } } },
    ]);
    expect(((await one.json()) as any)[0].result.symbol).toBe('MAPLE');
    const two = await post('blockchain', [
      { jsonrpc: '2.0', id: 1, method: 'getStatus' },
      { jsonrpc: '2.0', id: 2, method: 'getLatestBlockInfo' },
    ]);
    expect(two.status).toBe(200);
    expect(await two.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32099, message: 'Invalid request: Maximum batch length exceeded' } });
    const bad = await post('blockchain', '{"jsonrpc":');
    expect(bad.status).toBe(500);
    expect(await bad.json()).toEqual({ error: 'Error processing requests' });
  });

  test('a client faster than the limit gets HTTP 429 (the Hive RPC is not limited); the limit is settable', async () => {
    await t.rpc('debug_node_api.debug_set_engine_rate_limit', { per_second: 5, burst: 10 });
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await post('blockchain', { jsonrpc: '2.0', id: i, method: 'getStatus' })).status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const refused = await post('blockchain', { jsonrpc: '2.0', id: 1, method: 'getStatus' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('429 Too Many Requests');
    for (let i = 0; i < 20; i++) await t.rpc('condenser_api.get_version', []); // hived's own API is not behind this limit
    const settings = await t.rpc('debug_node_api.debug_set_engine_rate_limit', { per_second: 0 });
    expect(settings.engine_rate_limit).toEqual(expect.objectContaining({ per_second: 0, burst: 10 }));
    expect(settings.engine_rate_limit.refused).toBeGreaterThan(0);
    expect((await post('blockchain', { jsonrpc: '2.0', id: 1, method: 'getStatus' })).status).toBe(200);
  });

  test('the defaults are the realistic ones', async () => {
    const fresh = await startTestNet();
    try {
      expect(await fresh.rpc('debug_node_api.debug_get_devnet_settings', {})).toEqual({
        content_api: 'hivemind',
        hivemind_lag_blocks: 1,
        streamer_lag_blocks: 2,
        resource_credits: true,
        engine_rate_limit: { per_second: 10, burst: 20, refused: 0 },
      });
    } finally {
      await fresh.stop();
    }
  });
});
