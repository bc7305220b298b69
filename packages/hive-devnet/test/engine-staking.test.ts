/**
 * tokens.enableStaking and tokens.stake on the devnet sidechain: the contract's
 * checks in its order with its error texts, the token's staking fields, the
 * balance → stake move (to oneself or to another account) and the `stake` event.
 */
import { createHash } from 'crypto';
import Database from 'better-sqlite3';
import { ENGINE_ERRORS } from '../src/engine/protocol';
import { EngineSidechain } from '../src/engine/sidechain';

const ENGINE_ID = 'ssc-devnet-quanzi';
const TIMESTAMP = '2024-05-01T12:00:00';

let db: Database.Database;
let engine: EngineSidechain;
let hiveBlock = 100;
let trx = 0;

const act = (contractAction: string, contractPayload: Record<string, unknown>) => ({ contractName: 'tokens', contractAction, contractPayload });
const enableStaking = (extra: Record<string, unknown> = {}) => act('enableStaking', { symbol: 'MAPLE', unstakingCooldown: 7, numberTransactions: 4, ...extra });
const stake = (to: unknown, quantity: unknown, symbol: unknown = 'MAPLE') => act('stake', { symbol, to, quantity });

/** One Hive block with one active-signed custom_json from `sender`; returns the Hive trx id. */
function send(sender: string, json: unknown, posting = false): string {
  hiveBlock += 1;
  trx += 1;
  const trxId = createHash('sha256').update(`staking ${trx}`).digest('hex').slice(0, 40);
  const op = [
    'custom_json',
    { required_auths: posting ? [] : [sender], required_posting_auths: posting ? [sender] : [], id: ENGINE_ID, json: JSON.stringify(json) },
  ];
  engine.applyHiveBlock({
    blockNum: hiveBlock,
    timestamp: TIMESTAMP,
    transactions: [{ trxId, blockNum: hiveBlock, timestamp: TIMESTAMP, operations: [op as [string, any]] }],
  });
  return trxId;
}
function logs(txid: string): { errors?: string[]; events?: unknown[] } {
  const tx = engine.getTransactionInfo(txid) as { logs: string } | null;
  if (!tx) throw new Error(`no sidechain transaction ${txid}`);
  return JSON.parse(tx.logs);
}
const token = () => engine.findOne({ contract: 'tokens', table: 'tokens', query: { symbol: 'MAPLE' } }) as Record<string, unknown>;
const holding = (account: string) =>
  engine.findOne({ contract: 'tokens', table: 'balances', query: { account, symbol: 'MAPLE' } }) as Record<string, string> | null;

beforeEach(() => {
  db = new Database(':memory:');
  engine = new EngineSidechain(db, { engineId: ENGINE_ID });
  engine.migrate();
  engine.createToken({ issuer: 'maple-tokens', symbol: 'MAPLE', name: 'Maple School Token', precision: 3, maxSupply: '1000000.000' });
  send('maple-tokens', act('issue', { symbol: 'MAPLE', to: 'maple-tokens', quantity: '100' }));
});
afterEach(() => db.close());

describe('tokens.enableStaking', () => {
  it("sets the token's staking fields as the contract does, without an event", () => {
    const id = send('maple-tokens', enableStaking());
    expect(logs(id)).toEqual({});
    expect(token()).toMatchObject({ stakingEnabled: true, totalStaked: '0', unstakingCooldown: 7, numberTransactions: 4 });
  });

  it('refuses with the contract texts, in its order, and changes nothing', () => {
    const cases: Array<[string, unknown, string]> = [
      ['maple-tokens', enableStaking({ symbol: 5 }), ENGINE_ERRORS.invalidSymbol],
      ['maple-tokens', enableStaking({ unstakingCooldown: 0 }), ENGINE_ERRORS.unstakingCooldown],
      ['maple-tokens', enableStaking({ unstakingCooldown: 18251 }), ENGINE_ERRORS.unstakingCooldown],
      ['maple-tokens', enableStaking({ unstakingCooldown: 1.5 }), ENGINE_ERRORS.unstakingCooldown],
      ['maple-tokens', enableStaking({ numberTransactions: 18251 }), ENGINE_ERRORS.numberTransactions],
      ['maple-tokens', enableStaking({ numberTransactions: '4' }), ENGINE_ERRORS.numberTransactions],
      ['maple-tokens', enableStaking({ symbol: 'NOPE' }), ENGINE_ERRORS.symbolMissing],
      ['alice', enableStaking(), ENGINE_ERRORS.mustBeIssuer],
    ];
    for (const [sender, json, error] of cases) expect([sender, logs(send(sender, json)).errors]).toEqual([sender, [error]]);
    expect(logs(send('maple-tokens', enableStaking(), true)).errors).toEqual([ENGINE_ERRORS.activeKey]);
    expect(token().stakingEnabled).toBe(false);
    expect(token()).not.toHaveProperty('totalStaked');
  });

  it('accepts the range ends 1 and 18250, once: enabling again is refused', () => {
    expect(logs(send('maple-tokens', enableStaking({ unstakingCooldown: 18250, numberTransactions: 1 })))).toEqual({});
    expect(logs(send('maple-tokens', enableStaking())).errors).toEqual([ENGINE_ERRORS.stakingAlreadyEnabled]);
    expect(token()).toMatchObject({ unstakingCooldown: 18250, numberTransactions: 1 });
  });
});

describe('tokens.stake', () => {
  it('is refused while the token has no staking, with the balance untouched', () => {
    expect(logs(send('maple-tokens', stake('alice', '1'))).errors).toEqual([ENGINE_ERRORS.stakingNotEnabled]);
    expect(holding('maple-tokens')).toMatchObject({ balance: '100.000', stake: '0' });
    expect(holding('alice')).toBeNull();
  });

  describe('with staking enabled', () => {
    beforeEach(() => send('maple-tokens', enableStaking()));

    it("moves the quantity from the sender's balance to another account's stake, with the stake event and totalStaked", () => {
      const id = send('maple-tokens', stake('alice', '12.5'));
      expect(logs(id)).toEqual({ events: [{ contract: 'tokens', event: 'stake', data: { account: 'alice', symbol: 'MAPLE', quantity: '12.500' } }] });
      expect(holding('maple-tokens')).toMatchObject({ balance: '87.500', stake: '0' });
      expect(holding('alice')).toMatchObject({ balance: '0', stake: '12.500' });
      expect(token().totalStaked).toBe('12.500');
    });

    it('stakes to oneself and adds to an existing stake', () => {
      send('maple-tokens', stake('maple-tokens', '1'));
      send('maple-tokens', stake(' maple-tokens ', '2.25'));
      expect(holding('maple-tokens')).toMatchObject({ balance: '96.750', stake: '3.250' });
      expect(token().totalStaked).toBe('3.250');
    });

    it('refuses with the contract texts, in its order, and moves nothing', () => {
      const cases: Array<[string, unknown, string]> = [
        ['maple-tokens', stake('alice', 1), ENGINE_ERRORS.invalidParams],
        ['maple-tokens', stake('alice', 'abc'), ENGINE_ERRORS.invalidParams],
        ['maple-tokens', stake('', '1'), ENGINE_ERRORS.invalidParams],
        ['maple-tokens', stake('Al', '1'), ENGINE_ERRORS.invalidTo],
        ['maple-tokens', stake('alice', '1', 'NOPE'), ENGINE_ERRORS.symbolMissing],
        ['maple-tokens', stake('alice', '1.0001'), ENGINE_ERRORS.precision],
        ['maple-tokens', stake('alice', '0'), ENGINE_ERRORS.stakePositive],
        ['maple-tokens', stake('alice', '-1'), ENGINE_ERRORS.stakePositive],
        ['maple-tokens', stake('alice', '100.001'), ENGINE_ERRORS.balance],
        ['bob', stake('alice', '1'), ENGINE_ERRORS.balanceMissing],
      ];
      for (const [sender, json, error] of cases) expect([json, logs(send(sender, json)).errors]).toEqual([json, [error]]);
      expect(logs(send('maple-tokens', stake('alice', '1'), true)).errors).toEqual([ENGINE_ERRORS.activeKey]);
      expect(holding('maple-tokens')).toMatchObject({ balance: '100.000', stake: '0' });
      expect(holding('alice')).toBeNull();
      expect(token().totalStaked).toBe('0');
    });

    it('in one custom_json, issue to the issuer then stake to a member pays the member staked tokens (the payout path of "issue" mode)', () => {
      const id = send('maple-tokens', [act('issue', { symbol: 'MAPLE', to: 'maple-tokens', quantity: '5' }), stake('alice', '5')]);
      expect(logs(`${id}-0`).errors).toBeUndefined();
      expect(logs(`${id}-1`).events).toEqual([{ contract: 'tokens', event: 'stake', data: { account: 'alice', symbol: 'MAPLE', quantity: '5.000' } }]);
      expect(holding('maple-tokens')).toMatchObject({ balance: '100.000' });
      expect(holding('alice')).toMatchObject({ balance: '0', stake: '5.000' });
      expect(token()).toMatchObject({ supply: '105.000', circulatingSupply: '105.000', totalStaked: '5.000' });
    });
  });

  it('a state from before staking existed gets the new token columns (migrate is idempotent)', () => {
    engine.migrate();
    expect(token()).toMatchObject({ stakingEnabled: false });
  });
});
