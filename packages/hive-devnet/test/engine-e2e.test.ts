/**
 * End to end: a custom_json broadcast with dhive to the running devnet is
 * processed by the Hive-Engine sidechain, and the result is read back over
 * plain HTTP from `<url>/rpc/blockchain` and `<url>/rpc/contracts`.
 */
import { Client } from '@hiveio/dhive';
import { devnetPrivateKey } from '../src/accounts';
import { startDevnet, type DevnetHandle } from '../src/index';

let devnet: DevnetHandle;
let client: Client;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, dataDir: null, blockIntervalMs: 100 });
  client = new Client(devnet.url, { chainId: devnet.chainId, addressPrefix: devnet.addressPrefix, timeout: 10000 } as any);
});

afterAll(async () => {
  await devnet?.stop();
});

async function engineRpc(endpoint: 'blockchain' | 'contracts', method: string, params: unknown): Promise<any> {
  const res = await fetch(`${devnet.url}/rpc/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as any;
  expect(body).toMatchObject({ jsonrpc: '2.0', id: 1 });
  return body.result;
}

/** dhive broadcasts asynchronously: poll getTransactionInfo until the sidechain has processed the Hive block (null until then), slower than the API's 10 requests a second. */
async function waitForTx(txid: string): Promise<any> {
  for (let i = 0; i < 200; i += 1) {
    const result = await engineRpc('blockchain', 'getTransactionInfo', { txid });
    if (result !== null) return result;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`sidechain transaction ${txid} not processed`);
}

const balanceOf = async (account: string, symbol: string): Promise<string | undefined> =>
  (await engineRpc('contracts', 'find', { contract: 'tokens', table: 'balances', query: { account, symbol } }))[0]?.balance;

it('issues and transfers MAPLE through a real broadcast and reads the balances over HTTP', async () => {
  expect(devnet.engineApi).toBe(`${devnet.url}/rpc`);
  const issued = await client.broadcast.json(
    {
      id: devnet.engineId,
      required_auths: ['maple-tokens'],
      required_posting_auths: [],
      json: JSON.stringify([
        { contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '25.5' } },
        { contractName: 'tokens', contractAction: 'issue', contractPayload: { symbol: 'MAPLE', to: 'bob', quantity: '1000000' } },
      ]),
    },
    devnetPrivateKey('maple-tokens', 'active'),
  );
  const batch = await waitForTx(issued.id);
  expect(batch).toHaveLength(2);
  expect(JSON.parse(batch[0].logs).events[0]).toEqual({
    contract: 'tokens',
    event: 'transferFromContract',
    data: { from: 'tokens', to: 'alice', symbol: 'MAPLE', quantity: '25.500' },
  });
  expect(JSON.parse(batch[1].logs)).toEqual({ errors: ['quantity exceeds available supply'] });
  expect(batch[0].refHiveBlockNumber).toBeGreaterThan(0);
  expect(batch[0].refHiveBlockNumber).toBeLessThanOrEqual(devnet.headBlockNum());

  const sent = await client.broadcast.json(
    {
      id: devnet.engineId,
      required_auths: ['alice'],
      required_posting_auths: [],
      json: JSON.stringify({
        contractName: 'tokens',
        contractAction: 'transfer',
        contractPayload: { symbol: 'MAPLE', to: 'bob', quantity: '5.000', memo: 'hi' },
      }),
    },
    devnetPrivateKey('alice', 'active'),
  );
  const tx = await waitForTx(sent.id);
  expect(JSON.parse(tx.logs)).toEqual({
    events: [{ contract: 'tokens', event: 'transfer', data: { from: 'alice', to: 'bob', symbol: 'MAPLE', quantity: '5.000' } }],
  });

  expect(await balanceOf('alice', 'MAPLE')).toBe('20.500');
  expect(await balanceOf('bob', 'MAPLE')).toBe('5.000');
  const maple = await engineRpc('contracts', 'findOne', { contract: 'tokens', table: 'tokens', query: { symbol: 'MAPLE' } });
  expect(maple).toMatchObject({ issuer: 'maple-tokens', supply: '25.500', circulatingSupply: '25.500' });

  // Posting-signed token actions are accepted by Hive but refused by the sidechain.
  const posting = await client.broadcast.json(
    {
      id: devnet.engineId,
      required_auths: [],
      required_posting_auths: ['alice'],
      json: JSON.stringify({ contractName: 'tokens', contractAction: 'transfer', contractPayload: { symbol: 'MAPLE', to: 'bob', quantity: '1' } }),
    },
    devnetPrivateKey('alice', 'posting'),
  );
  const refused = await waitForTx(posting.id);
  expect(JSON.parse(refused.logs)).toEqual({ errors: ['you must use a custom_json signed with your active key'] });
  expect(await balanceOf('alice', 'MAPLE')).toBe('20.500');
});
