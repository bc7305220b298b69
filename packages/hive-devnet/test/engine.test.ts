/**
 * EngineSidechain against an in-memory SQLite: the tokens contract checks with
 * hive-engine's error texts, transaction ids, the per-sender cap, and the
 * blockchain / contracts JSON-RPC shapes.
 */
import { createHash } from 'crypto';
import Database from 'better-sqlite3';
import { ENGINE_ERRORS, ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK } from '../src/engine/protocol';
import { EngineSidechain, type HiveTxForEngine } from '../src/engine/sidechain';

const ENGINE_ID = 'ssc-devnet-quanzi';
const TIMESTAMP = '2024-05-01T12:00:00';

type Op = [string, any];

interface Action {
  contractName: string;
  contractAction: string;
  contractPayload: Record<string, unknown>;
}

const act = (contractAction: string, contractPayload: Record<string, unknown>, contractName = 'tokens'): Action => ({
  contractName,
  contractAction,
  contractPayload,
});
const transfer = (to: string, quantity: string, symbol = 'MAPLE', memo?: string) =>
  act('transfer', { symbol, to, quantity, ...(memo === undefined ? {} : { memo }) });
const issue = (to: string, quantity: string, symbol = 'MAPLE') => act('issue', { symbol, to, quantity });

function customJson(sender: string, json: unknown, opts: { posting?: boolean; id?: string; raw?: boolean } = {}): Op {
  return [
    'custom_json',
    {
      required_auths: opts.posting ? [] : [sender],
      required_posting_auths: opts.posting ? [sender] : [],
      id: opts.id ?? ENGINE_ID,
      json: opts.raw ? json : JSON.stringify(json),
    },
  ];
}

let db: Database.Database;
let engine: EngineSidechain;
let hiveBlock: number;
let trxCounter: number;

function newTrxId(): string {
  trxCounter += 1;
  return createHash('sha256').update(`trx ${trxCounter}`).digest('hex').slice(0, 40);
}

/** Apply one Hive block whose transactions hold the given operations; returns their trx ids. */
function block(...txs: Op[][]): string[] {
  hiveBlock += 1;
  const transactions: HiveTxForEngine[] = txs.map((operations) => ({ trxId: newTrxId(), blockNum: hiveBlock, timestamp: TIMESTAMP, operations }));
  engine.applyHiveBlock({ blockNum: hiveBlock, timestamp: TIMESTAMP, transactions });
  return transactions.map((t) => t.trxId);
}

/** One Hive tx with one custom_json from `sender`; returns the trx id (= sidechain id for a single action). */
function send(sender: string, json: Action | Action[] | unknown, opts: { posting?: boolean } = {}): string {
  return block([customJson(sender, json, opts)])[0];
}

function info(txid: string): any {
  return engine.getTransactionInfo(txid);
}
function logs(txid: string): any {
  const tx = info(txid);
  if (!tx) throw new Error(`no sidechain transaction ${txid}`);
  return JSON.parse(tx.logs);
}
function errorsOf(txid: string): string[] | undefined {
  return logs(txid).errors;
}
function balance(account: string, symbol = 'MAPLE'): string | undefined {
  const doc = engine.findOne({ contract: 'tokens', table: 'balances', query: { account, symbol } });
  return doc ? (doc.balance as string) : undefined;
}
function token(symbol: string): any {
  return engine.findOne({ contract: 'tokens', table: 'tokens', query: { symbol } });
}
function rpc(kind: 'blockchain' | 'contracts', method: string, params?: unknown, id: number | string = 1): any {
  const body = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) };
  return kind === 'blockchain' ? engine.handleBlockchainRpc(body) : engine.handleContractsRpc(body);
}

beforeEach(() => {
  db = new Database(':memory:');
  engine = new EngineSidechain(db, { engineId: ENGINE_ID });
  engine.migrate();
  engine.createToken({ issuer: 'maple-tokens', symbol: 'MAPLE', name: 'Maple School Token', precision: 3, maxSupply: '1000000.000' });
  engine.createToken({ issuer: 'oakhill-tokens', symbol: 'OAK', name: 'Oakhill Neighbourhood Oak', precision: 2, maxSupply: '500000.00' });
  hiveBlock = 100;
  trxCounter = 0;
});

afterEach(() => db.close());

// ---------------------------------------------------------------- setup

describe('migrate and genesis tokens', () => {
  it('creates engine_ tables, a genesis block 0, and is idempotent', () => {
    engine.migrate();
    engine.createToken({ issuer: 'maple-tokens', symbol: 'MAPLE', name: 'Maple School Token', precision: 3, maxSupply: '1000000.000' });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables.every((t) => t.startsWith('engine_'))).toBe(true);
    expect(tables).toEqual(expect.arrayContaining(['engine_tokens', 'engine_balances', 'engine_blocks', 'engine_transactions']));
    expect(engine.find({ contract: 'tokens', table: 'tokens', query: {} })).toHaveLength(2);
    const genesis = engine.getLatestBlockInfo();
    expect(genesis).toMatchObject({ blockNumber: 0, refHiveBlockNumber: 0, transactions: [], virtualTransactions: [] });
  });

  it('genesis token has the hive-engine token shape', () => {
    expect(token('MAPLE')).toEqual({
      _id: 1,
      issuer: 'maple-tokens',
      symbol: 'MAPLE',
      name: 'Maple School Token',
      metadata: '{"url":""}',
      precision: 3,
      maxSupply: '1000000.000',
      supply: '0',
      circulatingSupply: '0',
      stakingEnabled: false,
      unstakingCooldown: 1,
      delegationEnabled: false,
      undelegationCooldown: 0,
    });
  });

  it('refuses an invalid genesis token', () => {
    expect(() => engine.createToken({ issuer: 'maple-tokens', symbol: 'bad', name: 'x', precision: 3, maxSupply: '1' })).toThrow(ENGINE_ERRORS.symbolFormat);
    expect(() => engine.createToken({ issuer: 'maple-tokens', symbol: 'GOOD', name: 'x', precision: 9, maxSupply: '1' })).toThrow(
      ENGINE_ERRORS.precisionInvalid,
    );
  });
});

// ---------------------------------------------------------------- create

describe('tokens.create', () => {
  const create = (payload: Record<string, unknown>) => act('create', { name: 'Test Token', symbol: 'TEST', precision: 3, maxSupply: '1000', ...payload });

  it('creates a token; logs are "{}" (no event without a creation fee)', () => {
    const id = send('alice', create({ url: 'https://example.org', maxSupply: '1000.1236' }));
    expect(info(id).logs).toBe('{}');
    expect(token('TEST')).toMatchObject({
      issuer: 'alice',
      symbol: 'TEST',
      name: 'Test Token',
      metadata: '{"url":"https://example.org"}',
      precision: 3,
      maxSupply: '1000.124',
      supply: '0',
      circulatingSupply: '0',
    });
  });

  it('accepts precision 0, a dotted symbol only for hive-engine accounts, names with spaces and digits', () => {
    expect(info(send('alice', create({ symbol: 'ZERO', precision: 0, name: 'Zero 2 Hero' }))).logs).toBe('{}');
    expect(token('ZERO').maxSupply).toBe('1000');
    expect(info(send('hive-engine', create({ symbol: 'SWAP.TEST' }))).logs).toBe('{}');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['missing name', { name: undefined }, ENGINE_ERRORS.invalidParams],
    ['name not a string', { name: 5 }, ENGINE_ERRORS.invalidParams],
    ['precision as string', { precision: '3' }, ENGINE_ERRORS.invalidParams],
    ['maxSupply as number', { maxSupply: 1000 }, ENGINE_ERRORS.invalidParams],
    ['maxSupply not a number', { maxSupply: 'lots' }, ENGINE_ERRORS.invalidParams],
    ['empty url', { url: '' }, ENGINE_ERRORS.invalidParams],
    ['lowercase symbol', { symbol: 'test' }, ENGINE_ERRORS.symbolFormat],
    ['symbol longer than 10', { symbol: 'ABCDEFGHIJK' }, ENGINE_ERRORS.symbolFormat],
    ['symbol with digit', { symbol: 'AB1' }, ENGINE_ERRORS.symbolFormat],
    ['symbol with two dots', { symbol: 'A.B.C' }, ENGINE_ERRORS.symbolFormat],
    ['symbol starting with dot', { symbol: '.ABC' }, ENGINE_ERRORS.symbolFormat],
    ['reserved symbol', { symbol: 'ENG' }, ENGINE_ERRORS.symbolReserved],
    ['SWAP in symbol', { symbol: 'MYSWAP' }, ENGINE_ERRORS.symbolSwap],
    ['ETH in symbol', { symbol: 'ETHX' }, ENGINE_ERRORS.symbolEth],
    ['BSC in symbol', { symbol: 'XBSC' }, ENGINE_ERRORS.symbolBsc],
    ['dot for a normal account', { symbol: 'AB.CD' }, ENGINE_ERRORS.symbolDot],
    ['name with punctuation', { name: 'Bad_Name!' }, ENGINE_ERRORS.nameFormat],
    ['name of 51 chars', { name: 'a'.repeat(51) }, ENGINE_ERRORS.nameFormat],
    ['url of 256 chars', { url: 'u'.repeat(256) }, ENGINE_ERRORS.urlLength],
    ['precision 9', { precision: 9 }, ENGINE_ERRORS.precisionInvalid],
    ['precision -1', { precision: -1 }, ENGINE_ERRORS.precisionInvalid],
    ['precision 2.5', { precision: 2.5 }, ENGINE_ERRORS.precisionInvalid],
    ['maxSupply 0', { maxSupply: '0' }, ENGINE_ERRORS.maxSupplyPositive],
    ['maxSupply negative', { maxSupply: '-5' }, ENGINE_ERRORS.maxSupplyPositive],
    ['maxSupply above MAX_SAFE_INTEGER', { maxSupply: '9007199254740992' }, 'maxSupply must be lower than 9007199254740991'],
    ['existing symbol', { symbol: 'MAPLE' }, ENGINE_ERRORS.symbolExists],
  ])('refuses %s', (_label, payload, error) => {
    const id = send('alice', create(payload));
    expect(logs(id)).toEqual({ errors: [error] });
    if (payload.symbol !== 'MAPLE') expect(engine.find({ contract: 'tokens', table: 'tokens', query: {} })).toHaveLength(2);
  });

  it('refuses a posting-signed create', () => {
    expect(logs(send('alice', create({}), { posting: true }))).toEqual({ errors: [ENGINE_ERRORS.activeKey] });
    expect(token('TEST')).toBeNull();
  });
});

// ---------------------------------------------------------------- issue

describe('tokens.issue', () => {
  it('issues to another account: event, balances, supply and circulatingSupply', () => {
    const id = send('maple-tokens', issue('alice', '10.5'));
    expect(info(id).logs).toBe(
      JSON.stringify({
        events: [{ contract: 'tokens', event: 'transferFromContract', data: { from: 'tokens', to: 'alice', symbol: 'MAPLE', quantity: '10.500' } }],
      }),
    );
    expect(balance('alice')).toBe('10.500');
    expect(balance('maple-tokens')).toBe('0.000'); // the contract credits then debits the issuer
    expect(token('MAPLE')).toMatchObject({ supply: '10.500', circulatingSupply: '10.500' });
  });

  it('issues to the issuer itself and adds to an existing balance with the token precision', () => {
    send('maple-tokens', issue('maple-tokens', '1'));
    send('maple-tokens', issue('maple-tokens', '2.25'));
    expect(balance('maple-tokens')).toBe('3.250');
    expect(token('MAPLE').supply).toBe('3.250');
  });

  it('trims `to`, and accepts trailing zeros beyond the precision', () => {
    expect(errorsOf(send('maple-tokens', issue('  alice ', '1.5000')))).toBeUndefined();
    expect(balance('alice')).toBe('1.500');
  });

  it('issuing to "null" raises supply but not circulatingSupply', () => {
    send('maple-tokens', issue('null', '5'));
    expect(token('MAPLE')).toMatchObject({ supply: '5.000', circulatingSupply: '0' });
  });

  it('accepts quantities up to maxSupply exactly, then refuses more', () => {
    expect(errorsOf(send('oakhill-tokens', issue('bob', '499999.99', 'OAK')))).toBeUndefined();
    expect(errorsOf(send('oakhill-tokens', issue('bob', '0.01', 'OAK')))).toBeUndefined();
    expect(token('OAK')).toMatchObject({ supply: '500000.00', circulatingSupply: '500000.00' });
    expect(errorsOf(send('oakhill-tokens', issue('bob', '0.01', 'OAK')))).toEqual([ENGINE_ERRORS.maxSupply]);
    expect(balance('bob', 'OAK')).toBe('500000.00');
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['a non-issuer', 'alice', { to: 'alice', quantity: '1', symbol: 'MAPLE' }, ENGINE_ERRORS.issuerOnly],
    ['an unknown symbol', 'maple-tokens', { to: 'alice', quantity: '1', symbol: 'NOPE' }, ENGINE_ERRORS.symbolMissing],
    ['too many decimals', 'maple-tokens', { to: 'alice', quantity: '1.0001', symbol: 'MAPLE' }, ENGINE_ERRORS.precision],
    ['zero', 'maple-tokens', { to: 'alice', quantity: '0', symbol: 'MAPLE' }, ENGINE_ERRORS.issuePositive],
    ['a negative quantity', 'maple-tokens', { to: 'alice', quantity: '-1', symbol: 'MAPLE' }, ENGINE_ERRORS.issuePositive],
    ['more than maxSupply', 'maple-tokens', { to: 'alice', quantity: '1000000.001', symbol: 'MAPLE' }, ENGINE_ERRORS.maxSupply],
    ['Infinity', 'maple-tokens', { to: 'alice', quantity: 'Infinity', symbol: 'MAPLE' }, ENGINE_ERRORS.maxSupply],
    ['a non-numeric quantity', 'maple-tokens', { to: 'alice', quantity: 'ten', symbol: 'MAPLE' }, ENGINE_ERRORS.invalidParams],
    ['a numeric (not string) quantity', 'maple-tokens', { to: 'alice', quantity: 10, symbol: 'MAPLE' }, ENGINE_ERRORS.invalidParams],
    ['a missing to', 'maple-tokens', { quantity: '1', symbol: 'MAPLE' }, ENGINE_ERRORS.invalidParams],
    ['an invalid to', 'maple-tokens', { to: 'Alice!', quantity: '1', symbol: 'MAPLE' }, ENGINE_ERRORS.invalidTo],
    ['a too short to', 'maple-tokens', { to: 'al', quantity: '1', symbol: 'MAPLE' }, ENGINE_ERRORS.invalidTo],
  ])('refuses %s', (_label, sender, payload, error) => {
    const id = send(sender, act('issue', payload));
    expect(logs(id)).toEqual({ errors: [error] });
    expect(token('MAPLE')).toMatchObject({ supply: '0', circulatingSupply: '0' });
    expect(engine.find({ contract: 'tokens', table: 'balances', query: {} })).toEqual([]);
  });

  it('refuses a posting-signed issue', () => {
    expect(logs(send('maple-tokens', issue('alice', '1'), { posting: true }))).toEqual({ errors: [ENGINE_ERRORS.activeKey] });
    expect(balance('alice')).toBeUndefined();
  });
});

// ---------------------------------------------------------------- transfer

describe('tokens.transfer', () => {
  beforeEach(() => {
    send('maple-tokens', issue('alice', '10'));
  });

  it('moves tokens and emits the transfer event with the quantity as sent', () => {
    const id = send('alice', transfer('bob', '2.5', 'MAPLE', 'thanks!'));
    expect(info(id).logs).toBe(
      JSON.stringify({ events: [{ contract: 'tokens', event: 'transfer', data: { from: 'alice', to: 'bob', symbol: 'MAPLE', quantity: '2.5' } }] }),
    );
    expect(balance('alice')).toBe('7.500');
    // hive-engine stores a new balance record with the quantity string as sent.
    expect(balance('bob')).toBe('2.5');
    send('alice', transfer('bob', '0.5'));
    expect(balance('bob')).toBe('3.000');
    expect(token('MAPLE')).toMatchObject({ supply: '10.000', circulatingSupply: '10.000' });
  });

  it('can spend the whole balance; a transfer to "null" burns circulating supply', () => {
    expect(errorsOf(send('alice', transfer('null', '4')))).toBeUndefined();
    expect(token('MAPLE')).toMatchObject({ supply: '10.000', circulatingSupply: '6.000' });
    expect(errorsOf(send('alice', transfer('carol', '6.000')))).toBeUndefined();
    expect(balance('alice')).toBe('0.000');
  });

  it('does not check the memo (hive-engine ignores it; only the custom_json size limit applies)', () => {
    expect(errorsOf(send('alice', transfer('bob', '1', 'MAPLE', 'm'.repeat(5000))))).toBeUndefined();
    expect(errorsOf(send('alice', act('transfer', { symbol: 'MAPLE', to: 'bob', quantity: '1', memo: { not: 'a string' } })))).toBeUndefined();
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['a transfer to self', 'alice', { to: 'alice', quantity: '1' }, ENGINE_ERRORS.toSelf],
    ['a transfer to self with spaces', 'alice', { to: ' alice ', quantity: '1' }, ENGINE_ERRORS.toSelf],
    ['an invalid to', 'alice', { to: 'Bob', quantity: '1' }, ENGINE_ERRORS.invalidTo],
    ['a blacklisted exchange account', 'alice', { to: 'bittrex', quantity: '1' }, 'not allowed to send to bittrex'],
    ['an unknown symbol', 'alice', { to: 'bob', quantity: '1', symbol: 'NOPE' }, ENGINE_ERRORS.symbolMissing],
    ['too many decimals', 'alice', { to: 'bob', quantity: '0.0001' }, ENGINE_ERRORS.precision],
    ['zero', 'alice', { to: 'bob', quantity: '0' }, ENGINE_ERRORS.transferPositive],
    ['a negative quantity', 'alice', { to: 'bob', quantity: '-1' }, ENGINE_ERRORS.transferPositive],
    ['more than the balance', 'alice', { to: 'bob', quantity: '10.001' }, ENGINE_ERRORS.balance],
    ['a sender without balance record', 'carol', { to: 'bob', quantity: '1' }, ENGINE_ERRORS.balanceMissing],
    ['a non-numeric quantity', 'alice', { to: 'bob', quantity: '1,5' }, ENGINE_ERRORS.invalidParams],
    ['a numeric (not string) quantity', 'alice', { to: 'bob', quantity: 1 }, ENGINE_ERRORS.invalidParams],
    ['a missing symbol', 'alice', { to: 'bob', quantity: '1', symbol: undefined }, ENGINE_ERRORS.invalidParams],
  ])('refuses %s', (_label, sender, payload, error) => {
    const id = send(sender, act('transfer', { symbol: 'MAPLE', ...payload }));
    expect(logs(id)).toEqual({ errors: [error] });
    expect(balance('alice')).toBe('10.000');
    expect(balance('bob')).toBeUndefined();
  });

  it('refuses a posting-signed transfer', () => {
    expect(logs(send('alice', transfer('bob', '1'), { posting: true }))).toEqual({ errors: [ENGINE_ERRORS.activeKey] });
    expect(balance('alice')).toBe('10.000');
  });
});

// ---------------------------------------------------------------- custom_json parsing and ids

describe('custom_json parsing and sidechain transaction ids', () => {
  it('an action array gives one transaction per element (-i), with mixed success', () => {
    const trx = send('maple-tokens', [issue('alice', '5'), transfer('bob', '1'), issue('bob', '2')]);
    expect(info(trx)).toHaveLength(3); // bare Hive id of a batch: all its actions
    expect(logs(`${trx}-0`).events[0].event).toBe('transferFromContract');
    expect(logs(`${trx}-1`)).toEqual({ errors: [ENGINE_ERRORS.balance] }); // maple-tokens holds 0 after issuing to alice
    expect(logs(`${trx}-2`).events[0].data).toEqual({ from: 'tokens', to: 'bob', symbol: 'MAPLE', quantity: '2.000' });
    expect(balance('alice')).toBe('5.000');
    expect(balance('bob')).toBe('2.000');
    const all = info(trx);
    expect(all.map((t: any) => [t.transactionId, t.transactionIndex])).toEqual([
      [`${trx}-0`, 0],
      [`${trx}-1`, 1],
      [`${trx}-2`, 2],
    ]);
    expect(info(`${trx}-3`)).toBeNull();
  });

  it('a one-element array keeps the bare trx id', () => {
    const trx = send('maple-tokens', [issue('alice', '1')]);
    expect(info(trx)).toMatchObject({ transactionId: trx, action: 'issue' });
  });

  it('adds -<op index> when the Hive transaction has several operations, then -<array index>', () => {
    const [trx] = block([
      ['transfer', { from: 'alice', to: 'bob', amount: '1.000 HIVE', memo: '' }],
      customJson('maple-tokens', issue('alice', '1')),
      customJson('maple-tokens', [issue('alice', '1'), issue('bob', '1')]),
    ]);
    expect(info(`${trx}-1`)).toMatchObject({ transactionId: `${trx}-1`, sender: 'maple-tokens' });
    expect(info(`${trx}-2-0`)).toMatchObject({ transactionId: `${trx}-2-0` });
    expect(info(`${trx}-2-1`)).toMatchObject({ transactionId: `${trx}-2-1` });
    expect(info(`${trx}-0`)).toBeNull();
    expect(balance('alice')).toBe('2.000');
  });

  it('ignores other ids, invalid JSON and malformed elements (keeping array indexes)', () => {
    const [other, invalid, partly] = block(
      [customJson('maple-tokens', issue('alice', '1'), { id: 'ssc-mainnet-hive' })],
      [customJson('maple-tokens', '{not json', { raw: true })],
      [customJson('maple-tokens', [issue('alice', '1'), { contractName: 'tokens', contractAction: 'issue' }, issue('bob', '1')])],
    );
    expect(info(other)).toBeNull();
    expect(info(invalid)).toBeNull();
    expect(info(`${partly}-0`)).not.toBeNull();
    expect(info(`${partly}-1`)).toBeNull();
    expect(info(`${partly}-2`)).not.toBeNull();
    expect(balance('alice')).toBe('1.000');
  });

  it('refuses unknown contracts and actions with hive-engine texts', () => {
    expect(logs(send('alice', act('buy', { symbol: 'MAPLE' }, 'market')))).toEqual({ errors: [ENGINE_ERRORS.contractMissing] });
    expect(logs(send('alice', act('fly', {})))).toEqual({ errors: [ENGINE_ERRORS.unknownError] });
    expect(logs(send('alice', act('createSSC', {})))).toEqual({ errors: [ENGINE_ERRORS.reservedAction] });
    expect(logs(send('alice', act('deploy', { name: 'x', code: 'y' }, 'contract')))).toEqual({ errors: [ENGINE_ERRORS.deploymentUnavailable] });
    expect(logs(send('alice', act('unstake', { symbol: 'MAPLE', quantity: '1' })))).toEqual({ errors: ['devnet: tokens.unstake is not emulated'] });
  });

  it('a posting-signed action records isSignedWithActiveKey false in the payload; a forged flag is overwritten', () => {
    const id = send('maple-tokens', act('issue', { symbol: 'MAPLE', to: 'alice', quantity: '1', isSignedWithActiveKey: true }), { posting: true });
    expect(JSON.parse(info(id).payload)).toEqual({ symbol: 'MAPLE', to: 'alice', quantity: '1', isSignedWithActiveKey: false });
    expect(errorsOf(id)).toEqual([ENGINE_ERRORS.activeKey]);
  });
});

// ---------------------------------------------------------------- per-sender cap

describe('per-sender action cap', () => {
  const cap = ENGINE_MAX_ACTIONS_PER_SENDER_PER_BLOCK;

  it(`the ${cap + 1}st action of a sender in one Hive block fails; the next block is fine`, () => {
    const actions = Array.from({ length: cap + 1 }, () => issue('alice', '1'));
    const trx = send('maple-tokens', actions);
    for (let i = 0; i < cap; i += 1) expect(errorsOf(`${trx}-${i}`)).toBeUndefined();
    expect(logs(`${trx}-${cap}`)).toEqual({ errors: ['max transaction limit per block reached.'] });
    expect(info(`${trx}-${cap}`).executedCodeHash).toBe('');
    expect(balance('alice')).toBe(`${cap}.000`);

    const next = send('maple-tokens', issue('alice', '1'));
    expect(errorsOf(next)).toBeUndefined();
    expect(balance('alice')).toBe(`${cap + 1}.000`);
  });

  it('counts across the Hive transactions of the block, failed actions included, per sender', () => {
    const first = Array.from({ length: 15 }, () => transfer('bob', '1')); // all fail: no balance
    const second = Array.from({ length: 6 }, () => issue('alice', '1'));
    const [a, b, c] = block(
      [customJson('maple-tokens', first)],
      [customJson('maple-tokens', second)],
      [customJson('oakhill-tokens', issue('carol', '1', 'OAK'))],
    );
    expect(errorsOf(`${a}-14`)).toEqual([ENGINE_ERRORS.balanceMissing]);
    for (let i = 0; i < 5; i += 1) expect(errorsOf(`${b}-${i}`)).toBeUndefined();
    expect(errorsOf(`${b}-5`)).toEqual([ENGINE_ERRORS.blockLimit]);
    expect(errorsOf(c)).toBeUndefined();
    expect(balance('alice')).toBe('5.000');
  });
});

// ---------------------------------------------------------------- blockchain API

describe('blockchain API', () => {
  it('getTransactionInfo: null for unknown ids and for transactions of Hive blocks not processed yet', () => {
    expect(engine.getTransactionInfo('f'.repeat(40))).toBeNull();
    expect(engine.getTransactionInfo('nope')).toBeNull();
    expect(rpc('blockchain', 'getTransactionInfo', { txid: 'a'.repeat(40) })).toEqual({ jsonrpc: '2.0', id: 1, result: null });
  });

  it('getTransactionInfo: the shape of a processed transaction', () => {
    const id = send('maple-tokens', issue('alice', '3'));
    const res = rpc('blockchain', 'getTransactionInfo', { txid: id }, 'abc');
    expect(res.jsonrpc).toBe('2.0');
    expect(res.id).toBe('abc');
    const tx = res.result;
    expect(Object.keys(tx)).toEqual([
      'blockNumber',
      'refHiveBlockNumber',
      'transactionId',
      'sender',
      'contract',
      'action',
      'payload',
      'executedCodeHash',
      'hash',
      'databaseHash',
      'logs',
    ]);
    expect(tx).toMatchObject({
      blockNumber: 1,
      refHiveBlockNumber: hiveBlock,
      transactionId: id,
      sender: 'maple-tokens',
      contract: 'tokens',
      action: 'issue',
      payload: JSON.stringify({ symbol: 'MAPLE', to: 'alice', quantity: '3', isSignedWithActiveKey: true }),
    });
    expect(tx.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tx.executedCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof tx.logs).toBe('string');
  });

  it('getTransactionInfo requires a txid', () => {
    expect(rpc('blockchain', 'getTransactionInfo', {})).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: 400, message: 'missing or wrong parameters: txid is required' },
    });
  });

  it('one sidechain block per Hive block with engine actions, chained by hash', () => {
    send('maple-tokens', issue('alice', '1'));
    const firstHive = hiveBlock;
    block([['vote', { voter: 'alice', author: 'bob', permlink: 'x', weight: 10000 }]]); // no engine action: no block
    block([customJson('alice', transfer('bob', '1'))], [customJson('bob', transfer('carol', '1'))]);
    const latest = rpc('blockchain', 'getLatestBlockInfo').result;
    expect(latest).toMatchObject({ _id: 2, blockNumber: 2, refHiveBlockNumber: hiveBlock, timestamp: TIMESTAMP, virtualTransactions: [] });
    expect(latest.transactions).toHaveLength(2);
    expect(Object.keys(latest)).toEqual([
      '_id',
      'blockNumber',
      'refHiveBlockNumber',
      'refHiveBlockId',
      'prevRefHiveBlockId',
      'previousHash',
      'previousDatabaseHash',
      'timestamp',
      'transactions',
      'virtualTransactions',
      'hash',
      'databaseHash',
      'merkleRoot',
      'round',
      'roundHash',
      'witness',
      'signingKey',
      'roundSignature',
    ]);
    const one = rpc('blockchain', 'getBlockInfo', { blockNumber: 1 }).result;
    expect(one.refHiveBlockNumber).toBe(firstHive);
    expect(latest.previousHash).toBe(one.hash);
    expect(latest.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(rpc('blockchain', 'getBlockInfo', { blockNumber: 3 }).result).toBeNull();
    expect(rpc('blockchain', 'getBlockInfo', { blockNumber: '1' }).error).toEqual({
      code: 400,
      message: 'missing or wrong parameters: blockNumber is required',
    });
    expect(rpc('blockchain', 'getBlockInfoByHiveBlock', { hiveBlockNumber: firstHive }).result.blockNumber).toBe(1);
    // the streamer's currentHiveBlock: the Hive block it fetches next, one past the last it handed over
    expect(rpc('blockchain', 'getStatus').result).toMatchObject({ lastBlockNumber: 2, lastParsedHiveBlockNumber: hiveBlock + 1, chainId: 'devnet-quanzi' });
  });

  it('a Hive block at or below the last processed one is ignored', () => {
    send('maple-tokens', issue('alice', '1'));
    engine.applyHiveBlock({
      blockNum: hiveBlock,
      timestamp: TIMESTAMP,
      transactions: [{ trxId: newTrxId(), blockNum: hiveBlock, timestamp: TIMESTAMP, operations: [customJson('maple-tokens', issue('alice', '1'))] }],
    });
    expect(balance('alice')).toBe('1.000');
    expect(engine.getLatestBlockInfo()!.blockNumber).toBe(1);
  });

  it('JSON-RPC envelope (jayson 4, maxBatchLength 1): one-call batch, longer batch refused, unknown method, invalid request, notification', () => {
    const id = send('maple-tokens', issue('alice', '1'));
    const one = engine.handleBlockchainRpc([{ jsonrpc: '2.0', id: 1, method: 'getTransactionInfo', params: { txid: id } }]) as any[];
    expect(one).toHaveLength(1);
    expect(one[0].result.transactionId).toBe(id);
    expect(
      engine.handleBlockchainRpc([
        { jsonrpc: '2.0', id: 1, method: 'getTransactionInfo', params: { txid: id } },
        { jsonrpc: '2.0', id: 2, method: 'getLatestBlockInfo' },
      ]),
    ).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32099, message: 'Invalid request: Maximum batch length exceeded' } });
    expect(engine.handleBlockchainRpc({ jsonrpc: '2.0', id: 3, method: 'nope' })).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32601, message: 'Method not found' },
    });
    expect(engine.handleBlockchainRpc({ id: 1, method: 'getLatestBlockInfo' })).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'Invalid request' },
    });
    expect(engine.handleBlockchainRpc([])).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } });
    expect(engine.handleBlockchainRpc({ jsonrpc: '2.0', method: 'getLatestBlockInfo' })).toBeUndefined();
    expect(engine.handleBlockchainRpc({ jsonrpc: '2.0', id: 4, method: 'getBlockRangeInfo', params: { startBlockNumber: 1, count: 2 } })).toEqual({
      jsonrpc: '2.0',
      id: 4,
      error: { code: 400, message: 'method blockchain.getBlockRangeInfo is disabled' },
    });
  });
});

// ---------------------------------------------------------------- contracts API

describe('contracts API', () => {
  beforeEach(() => {
    send('maple-tokens', [issue('alice', '10'), issue('bob', '2'), issue('carol', '30')]);
    send('oakhill-tokens', issue('alice', '1', 'OAK'));
  });

  it('find balances {account, symbol}: hive-engine balance records', () => {
    const res = rpc('contracts', 'find', { contract: 'tokens', table: 'balances', query: { account: 'alice', symbol: 'MAPLE' } });
    expect(res).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: [
        {
          _id: 2,
          account: 'alice',
          symbol: 'MAPLE',
          balance: '10.000',
          stake: '0',
          pendingUnstake: '0',
          delegationsIn: '0',
          delegationsOut: '0',
          pendingUndelegations: '0',
        },
      ],
    });
  });

  it('find with $in, indexes (sort), limit, offset and project', () => {
    const byAccount = rpc('contracts', 'find', { contract: 'tokens', table: 'balances', query: { account: 'alice' } }).result;
    expect(byAccount.map((b: any) => b.symbol)).toEqual(['MAPLE', 'OAK']);
    const some = rpc('contracts', 'find', {
      contract: 'tokens',
      table: 'balances',
      query: { symbol: 'MAPLE', account: { $in: ['alice', 'bob', 'carol'] } },
      indexes: [{ index: 'account', descending: true }],
      limit: 2,
      offset: 0,
    }).result;
    expect(some.map((b: any) => b.account)).toEqual(['carol', 'bob']);
    const page2 = rpc('contracts', 'find', {
      contract: 'tokens',
      table: 'balances',
      query: { symbol: 'MAPLE', account: { $ne: 'maple-tokens' } },
      limit: 1,
      offset: 1,
      project: { account: 1, balance: 1, _id: 0 },
    }).result;
    expect(page2).toEqual([{ account: 'bob', balance: '2.000' }]);
    const tokens = rpc('contracts', 'find', { contract: 'tokens', table: 'tokens', query: {} }).result;
    expect(tokens.map((t: any) => [t.symbol, t.supply, t.circulatingSupply])).toEqual([
      ['MAPLE', '42.000', '42.000'],
      ['OAK', '1.00', '1.00'],
    ]);
  });

  it('findOne: a record or null', () => {
    expect(rpc('contracts', 'findOne', { contract: 'tokens', table: 'tokens', query: { symbol: 'OAK' } }).result).toMatchObject({
      symbol: 'OAK',
      issuer: 'oakhill-tokens',
      precision: 2,
    });
    expect(rpc('contracts', 'findOne', { contract: 'tokens', table: 'balances', query: { account: 'dave', symbol: 'MAPLE' } }).result).toBeNull();
    expect(rpc('contracts', 'findOne', { contract: 'tokens', table: 'params', query: {} }).result).toMatchObject({ tokenCreationFee: '0' });
  });

  it('unknown tables and contracts answer null; empty known tables answer []', () => {
    expect(rpc('contracts', 'find', { contract: 'tokens', table: 'nope', query: {} }).result).toBeNull();
    expect(rpc('contracts', 'find', { contract: 'market', table: 'buyBook', query: {} }).result).toBeNull();
    expect(rpc('contracts', 'find', { contract: 'tokens', table: 'delegations', query: {} }).result).toEqual([]);
    expect(rpc('contracts', 'find', { contract: 'tokens', table: 'balances', query: { balance: { $where: 'x' } } }).result).toBeNull();
  });

  it('parameter errors as hive-engine answers them', () => {
    const required = { code: 400, message: 'missing or wrong parameters: contract, table and query are required' };
    expect(rpc('contracts', 'find', { contract: 'tokens', table: 'balances' }).error).toEqual(required);
    expect(rpc('contracts', 'findOne', { table: 'balances', query: {} }).error).toEqual(required);
    expect(rpc('contracts', 'find', { contract: 'tokens', table: 'balances', query: {}, limit: 1001 }).error).toEqual({
      code: 400,
      message: 'limit is too high, maximum limit is 1000',
    });
    expect(rpc('contracts', 'find', { contract: 'tokens', table: 'balances', query: {}, project: { balance: 'x' } }).error).toEqual({
      code: 400,
      message: 'arbitrary key for project is not allowed, you may only include or exclude existing keys',
    });
  });
});
