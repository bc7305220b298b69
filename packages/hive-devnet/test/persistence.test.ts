/** Restart with the same dataDir, and the Hive-Engine delegation contract. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { EngineLike, HiveTxForEngine } from '../src/index';
import { startDevnet } from '../src/index';
import type { TestNet } from './helpers';
import { comment, expectRpcError, startTestNet } from './helpers';

interface FakeEngine extends EngineLike {
  applied: Array<{ blockNum: number; timestamp: string; transactions: HiveTxForEngine[] }>;
  tokens: string[];
  migrated: number;
}

function fakeEngineFactory(): { factory: (db: any, o: { engineId: string }) => FakeEngine; last: () => FakeEngine } {
  let last!: FakeEngine;
  const factory = (db: any, o: { engineId: string }) => {
    const engine: FakeEngine = {
      applied: [],
      tokens: [],
      migrated: 0,
      migrate() {
        this.migrated++;
        db.exec(`CREATE TABLE IF NOT EXISTS fake_engine_blocks (num INTEGER PRIMARY KEY, txs INTEGER NOT NULL)`);
      },
      createToken(t) {
        this.tokens.push(t.symbol);
      },
      applyHiveBlock(block) {
        this.applied.push(block);
        db.prepare(`INSERT INTO fake_engine_blocks(num, txs) VALUES (?, ?)`).run(block.blockNum, block.transactions.length);
      },
      handleBlockchainRpc(body: any) {
        return { jsonrpc: '2.0', id: body.id, result: { engineId: o.engineId, route: 'blockchain', method: body.method } };
      },
      handleContractsRpc(body: any) {
        return Array.isArray(body)
          ? body.map((b) => ({ jsonrpc: '2.0', id: b.id, result: 'contracts' }))
          : { jsonrpc: '2.0', id: body.id, result: 'contracts' };
      },
    };
    last = engine;
    return engine;
  };
  return { factory, last: () => last };
}

describe('restart with the same dataDir', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-devnet-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('blocks, accounts, content, transactions and engine tables survive; the chain continues', async () => {
    const fake = fakeEngineFactory();
    let t: TestNet = await startTestNet({ dataDir: dir, engine: fake.factory });
    const tx = await t.sign([comment('alice', 'persisted'), ['transfer', { from: 'alice', to: 'bob', amount: '5.000 HIVE', memo: '' }]] as any, [
      t.key('alice'),
      t.key('alice', 'active'),
    ]);
    await t.client.broadcast.send(tx);
    await t.devnet.produceBlocks(3);
    const head = t.devnet.headBlockNum();
    const headBlock = await t.client.database.getBlock(head);
    await t.stop();
    expect(fs.existsSync(path.join(dir, 'chain.db'))).toBe(true);

    t = await startTestNet({ dataDir: dir, engine: fake.factory });
    try {
      expect(t.devnet.headBlockNum()).toBe(head);
      expect(await t.client.database.getBlock(head)).toEqual(headBlock);
      expect((await t.client.database.getAccounts(['bob']))[0].balance).toBe('55.000 HIVE');
      expect((await t.rpc('condenser_api.get_content', ['alice', 'persisted'])).author).toBe('alice');
      expect((await t.client.database.getAccountHistory('alice', -1, 10)).length).toBe(2);
      // the engine's table kept its rows, tokens are (idempotently) created again
      const rows = t.devnet.chain.db.prepare(`SELECT COUNT(*) AS n FROM fake_engine_blocks`).get() as { n: number };
      expect(rows.n).toBe(head - t.devnet.chain.streamerLagBlocks()); // the streamer stays its anti-fork buffer behind
      expect(fake.last().tokens).toEqual(['MAPLE', 'SNAP', 'OAK']);
      // the duplicate check still knows the transaction
      await expectRpcError(t.client.broadcast.send(tx), 'Duplicate transaction check failed');
      await t.devnet.produceBlocks(1);
      const next = await t.client.database.getBlock(head + 1);
      expect(next.previous).toBe((headBlock as any).block_id);
    } finally {
      await t.stop();
    }
  });

  test('a state folder from before RC (schema 1) gets the genesis accounts and Hive Power it lacks, and hivemind indexes it', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-devnet-v1-'));
    try {
      let t: TestNet = await startTestNet({ dataDir: old });
      await t.commit([comment('alice', 'from-before')], t.key('alice'));
      await t.stop();
      // what a schema-1 folder looks like: no hivemind tables, no new accounts, little Hive Power
      const db = new Database(path.join(old, 'chain.db'));
      db.exec(`UPDATE hive_meta SET value = '1' WHERE key = 'schema_version';
               DELETE FROM hive_meta WHERE key LIKE 'follower:hivemind' OR key = 'hivemind_genesis';
               DROP TABLE hm_posts; DROP TABLE hm_votes; DROP TABLE hm_communities; DROP TABLE hm_roles; DROP TABLE hm_subscriptions; DROP TABLE hm_notifications;
               DELETE FROM hive_accounts WHERE name IN ('trio-desk', 'hive-255234');
               UPDATE hive_accounts SET vesting_shares = 5000000000, rc_mana = 0 WHERE name = 'alice';`);
      db.close();
      t = await startTestNet({ dataDir: old });
      try {
        const rc = (await t.rpc('rc_api.find_rc_accounts', { accounts: ['alice', 'trio-desk'] })).rc_accounts;
        expect(rc.map((r: any) => [r.account, r.max_rc, r.rc_manabar.current_mana])).toEqual([
          ['alice', '1000000000000', '1000000000000'],
          ['trio-desk', '1000000000000', '1000000000000'],
        ]);
        expect((await t.rpc('bridge.get_community', { name: 'hive-255234' })).type_id).toBe(2);
        await t.indexed(); // the post's block is the head: hivemind reaches it one block later
        expect((await t.rpc('condenser_api.get_content', ['alice', 'from-before'])).author).toBe('alice');
      } finally {
        await t.stop();
      }
    } finally {
      fs.rmSync(old, { recursive: true, force: true });
    }
  });

  test('HIVE_DEVNET_GENESIS names the genesis when the options do not', async () => {
    const genesis = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'genesis.json'), 'utf8'));
    const alice = genesis.accounts.find((a: { name: string }) => a.name === 'alice');
    alice.vesting_shares = '50000000.000000 VESTS';
    const file = path.join(dir, 'stake-genesis.json');
    fs.writeFileSync(file, JSON.stringify(genesis));
    const previous = process.env.HIVE_DEVNET_GENESIS;
    process.env.HIVE_DEVNET_GENESIS = file;
    try {
      const t = await startTestNet();
      try {
        const { accounts } = await t.rpc('database_api.find_accounts', { accounts: ['alice'] });
        expect(accounts[0].vesting_shares).toMatchObject({ amount: '50000000000000', precision: 6 });
      } finally {
        await t.stop();
      }
    } finally {
      if (previous === undefined) delete process.env.HIVE_DEVNET_GENESIS;
      else process.env.HIVE_DEVNET_GENESIS = previous;
    }
  });

  test('a dataDir made for another chain id is refused', async () => {
    const genesis = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'genesis.json'), 'utf8'));
    genesis.chainId = 'ab'.repeat(32);
    const file = path.join(dir, 'other-genesis.json');
    fs.writeFileSync(file, JSON.stringify(genesis));
    await expect(startDevnet({ port: 0, dataDir: dir, blockIntervalMs: 0, engine: null, genesisFile: file })).rejects.toThrow(/created for chain id/);
  });
});

describe('Hive-Engine delegation', () => {
  test('the sidechain gets every block with all its transactions, two blocks late; /rpc routes delegate', async () => {
    const fake = fakeEngineFactory();
    const t = await startTestNet({ engine: fake.factory, engineId: 'ssc-testnet-quanzi' });
    try {
      const engine = fake.last();
      expect(engine.migrated).toBe(1);
      expect(engine.tokens).toEqual(['MAPLE', 'SNAP', 'OAK']);
      const payload = JSON.stringify({
        contractName: 'tokens',
        contractAction: 'issue',
        contractPayload: { symbol: 'MAPLE', to: 'alice', quantity: '10.000' },
      });
      await t.send(
        [['custom_json', { required_auths: ['maple-tokens'], required_posting_auths: [], id: 'ssc-testnet-quanzi', json: payload }]] as any,
        t.key('maple-tokens', 'active'),
      );
      await t.send([comment('bob', 'engine-sees-this')], t.key('bob'));
      await t.devnet.produceBlocks(1);
      const txBlock = t.devnet.headBlockNum();
      expect(engine.applied.some((b) => b.blockNum === txBlock)).toBe(false);
      await t.devnet.produceBlocks(2);
      const last = engine.applied[engine.applied.length - 1];
      expect(last.blockNum).toBe(txBlock);
      expect(engine.applied.map((b) => b.blockNum)).toEqual(Array.from({ length: txBlock }, (_, i) => i + 1));
      expect(last.transactions).toHaveLength(2);
      expect(last.transactions[0].operations[0]).toEqual(['custom_json', expect.objectContaining({ required_auths: ['maple-tokens'], json: payload })]);
      expect(last.transactions[0].trxId).toMatch(/^[0-9a-f]{40}$/);
      expect(last.timestamp).toBe((await t.client.database.getBlock(last.blockNum)).timestamp);

      const post = (route: string, body: unknown) =>
        fetch(`${t.devnet.engineApi}/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) =>
          r.json(),
        );
      expect(await post('blockchain', { jsonrpc: '2.0', id: 3, method: 'getLatestBlockInfo' })).toEqual({
        jsonrpc: '2.0',
        id: 3,
        result: { engineId: 'ssc-testnet-quanzi', route: 'blockchain', method: 'getLatestBlockInfo' },
      });
      expect(await post('contracts', [{ jsonrpc: '2.0', id: 1, method: 'find' }])).toEqual([{ jsonrpc: '2.0', id: 1, result: 'contracts' }]);
      // faults apply to the engine routes too
      t.devnet.faults.set({ http5xxCount: 1 });
      const res = await fetch(`${t.devnet.engineApi}/contracts`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(503);
    } finally {
      await t.stop();
    }
  });

  test('without a sidechain the routes answer a JSON-RPC error', async () => {
    const t = await startTestNet({ engine: null });
    try {
      const res = await fetch(`${t.devnet.engineApi}/contracts`, {
        method: 'POST',
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'find', params: {} }),
      });
      expect((await res.json()).error.message).toContain('not available');
    } finally {
      await t.stop();
    }
  });

  const realEngine = fs.existsSync(path.join(__dirname, '..', 'src', 'engine', 'sidechain.ts'));
  (realEngine ? test : test.skip)('the real sidechain (devnet/src/engine/sidechain.ts) is loaded and knows the genesis tokens', async () => {
    const t = await startTestNet({ engine: undefined });
    try {
      const res = await fetch(`${t.devnet.engineApi}/contracts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'find', params: { contract: 'tokens', table: 'tokens', query: {} } }),
      });
      const body = await res.json();
      expect(JSON.stringify(body)).toContain('MAPLE');
    } finally {
      await t.stop();
    }
  });
});
