/**
 * Emulation of Hive-Engine's `tokens` contract actions `create`, `issue`,
 * `transfer`, `enableStaking` and `stake` (hive-engine/hivesmartcontracts
 * contracts/tokens.js), with its
 * checks in its order and its error texts. Like the real contract, a failed
 * check records one error and stops before any write, so the state is
 * untouched; a success emits the same events with the same data.
 *
 * Deliberate differences: the token creation and staking fees are not charged
 * (the devnet behaves as if the `tokens` params had tokenCreationFee and
 * enableStakingFee "0"), `stake` does not notify the witnesses, mining and
 * tokenfunds contracts (the devnet has none of them), calls from
 * other contracts (`callingContractInfo`) do not exist, and account names
 * follow hive-engine's current rule (dashes in a row allowed) whatever the
 * devnet block number.
 */
import { ENGINE_ERRORS, ENGINE_MAX_PRECISION, ENGINE_STAKING_PARAM_MAX, ENGINE_SYMBOL_MAX_LENGTH } from './protocol';
import { add, decimalPlaces, fromInteger, gt, gte, isNaNDecimal, lte, parseDecimal, subtract, toFixed, type Decimal } from './decimal';
import type { EngineStore, TokenDoc } from './store';

export interface EngineEvent {
  contract: string;
  event: string;
  data: Record<string, unknown>;
}

/** What one contract action produced; `errors` non-empty means refused. */
export interface ActionResult {
  errors: string[];
  events: EngineEvent[];
}

/** Transfers to these accounts are refused (tokens params.blacklist: exchange deposit accounts). */
export const ENGINE_ACCOUNT_BLACKLIST: readonly string[] = [
  'gateiodeposit',
  'deepcrypto8',
  'bittrex',
  'poloniex',
  'huobi-pro',
  'binance-hot',
  'bitvavo',
  'blocktrades',
  'probitsteem',
  'probithive',
  'ionomy',
  'mxchive',
  'coinbasebase',
  'orinoco',
  'user.dunamu',
];

/** Accounts that may create SWAP./ETH/BSC/dotted symbols (tokens params.heAccounts). */
export const ENGINE_HE_ACCOUNTS: readonly string[] = ['hive-engine', 'swap-eth', 'btc-swap', 'graphene-swap', 'honey-swap'];

/** Symbols reserved for one account. */
const RESERVED_SYMBOLS: Readonly<Record<string, string>> = {
  ENG: 'null',
  STEEMP: 'steem-peg',
  BTCP: 'btcpeg',
  LTCP: 'ltcp',
  DOGEP: 'dogep',
  BCHP: 'bchp',
  SMTT: 'steemmonsters',
  EM: 'steem-eng',
  EMFOUR: 'steem-eng',
  HIVEP: 'steem-tokens',
  GLINT: 'steemmonsters',
};

/** The `tokens` params record as `find {contract:"tokens", table:"params"}` shows it. */
export function tokensParamsDoc(): Record<string, unknown> {
  return {
    _id: 1,
    tokenCreationFee: '0',
    enableDelegationFee: '0',
    enableStakingFee: '0',
    blacklist: Object.fromEntries(ENGINE_ACCOUNT_BLACKLIST.map((a) => [a, 1])),
    heAccounts: Object.fromEntries(ENGINE_HE_ACCOUNTS.map((a) => [a, 1])),
  };
}

/** hive-engine's SmartContracts.isValidAccountName (the rule after Hive block 74391382). */
export function isValidEngineAccountName(value: unknown): boolean {
  if (!value || typeof value !== 'string') return false;
  if (value.length < 3 || value.length > 16) return false;
  return value.split('.').every((label) => label.length >= 3 && /^[a-z]/.test(label) && /^[a-z0-9-]*$/.test(label) && /[a-z0-9]$/.test(label));
}

/** validator.isAlpha / isAlphanumeric (en-US) and isUppercase, as the contract uses them. */
const isAlpha = (s: string): boolean => /^[A-Z]+$/i.test(s);
const isAlphanumeric = (s: string): boolean => /^[0-9A-Z]+$/i.test(s);
const isUppercase = (s: string): boolean => s === s.toUpperCase();

/** The rules of a token symbol, without the account-dependent ones. */
export function isValidSymbolFormat(symbol: string): boolean {
  const dot = symbol.indexOf('.');
  return (
    symbol.length > 0 &&
    symbol.length <= ENGINE_SYMBOL_MAX_LENGTH &&
    isAlpha(symbol.split('.').join('')) &&
    isUppercase(symbol) &&
    (dot === -1 || (dot > 0 && dot < symbol.length - 1 && dot === symbol.lastIndexOf('.')))
  );
}

/** The rules of a token name. */
export function isValidTokenName(name: string): boolean {
  return isAlphanumeric(name.split(' ').join('')) && name.length > 0 && name.length <= 50;
}

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const MAX_SAFE_INTEGER = fromInteger(Number.MAX_SAFE_INTEGER);
const ZERO = fromInteger(0);

class Run {
  readonly errors: string[] = [];
  readonly events: EngineEvent[] = [];

  constructor(readonly sender: string) {}

  /** api.assert: record `error` when `condition` is false, and return the condition. */
  assert(condition: unknown, error: string): boolean {
    if (!condition) this.errors.push(error);
    return Boolean(condition);
  }

  emit(event: string, data: Record<string, unknown>): void {
    this.events.push({ contract: 'tokens', event, data });
  }
}

/** The `tokens` contract; `execute` returns null for an action it does not have. */
export class TokensContract {
  /** Actions of the real contract this emulation implements. */
  static readonly ACTIONS = ['create', 'issue', 'transfer', 'enableStaking', 'stake'] as const;
  /** Actions the real contract has but the devnet does not emulate. */
  static readonly NOT_EMULATED = [
    'updateParams',
    'updateUrl',
    'updateMetadata',
    'updatePrecision',
    'transferOwnership',
    'issueToContract',
    'transferToContract',
    'transferFromContract',
    'checkPendingUnstakes',
    'stakeFromContract',
    'unstake',
    'cancelUnstake',
    'enableDelegation',
    'delegate',
    'undelegate',
    'checkPendingUndelegations',
  ];

  constructor(private readonly store: EngineStore) {}

  execute(action: string, sender: string, payload: Record<string, unknown>): ActionResult | null {
    const run = new Run(sender);
    switch (action) {
      case 'create':
        this.create(run, payload);
        break;
      case 'issue':
        this.issue(run, payload);
        break;
      case 'transfer':
        this.transfer(run, payload);
        break;
      case 'enableStaking':
        this.enableStaking(run, payload);
        break;
      case 'stake':
        this.stake(run, payload);
        break;
      default:
        return null;
    }
    return { errors: run.errors, events: run.events };
  }

  /** Insert a token without a transaction (devnet genesis). Throws on an invalid definition. */
  createGenesisToken(t: { issuer: string; symbol: string; name: string; precision: number; maxSupply: string }): void {
    if (this.store.findToken(t.symbol)) return;
    const max = parseDecimal(t.maxSupply);
    if (!isValidEngineAccountName(t.issuer)) throw new Error(`genesis token ${t.symbol}: invalid issuer "${t.issuer}"`);
    if (!isValidSymbolFormat(t.symbol)) throw new Error(`genesis token ${t.symbol}: ${ENGINE_ERRORS.symbolFormat}`);
    if (!isValidTokenName(t.name)) throw new Error(`genesis token ${t.symbol}: ${ENGINE_ERRORS.nameFormat}`);
    if (!Number.isInteger(t.precision) || t.precision < 0 || t.precision > ENGINE_MAX_PRECISION)
      throw new Error(`genesis token ${t.symbol}: ${ENGINE_ERRORS.precisionInvalid}`);
    if (!gt(max, ZERO) || !lte(max, MAX_SAFE_INTEGER)) throw new Error(`genesis token ${t.symbol}: invalid maxSupply "${t.maxSupply}"`);
    this.store.insertToken(newToken(t.issuer, t.symbol, t.name, '', t.precision, toFixed(max, t.precision)));
  }

  // ------------------------------------------------------------ create

  private create(run: Run, payload: Record<string, unknown>): void {
    const { name, symbol, url, precision, maxSupply, isSignedWithActiveKey } = payload;
    const he = ENGINE_HE_ACCOUNTS.includes(run.sender);
    // The creation fee check ('you must have enough tokens to cover the creation fees') always
    // passes: the devnet charges no fee.
    if (
      !run.assert(isSignedWithActiveKey === true, ENGINE_ERRORS.activeKey) ||
      !run.assert(
        isNonEmptyString(name) &&
          isNonEmptyString(symbol) &&
          (url === undefined || isNonEmptyString(url)) &&
          typeof precision === 'number' &&
          !Number.isNaN(precision) &&
          isNonEmptyString(maxSupply) &&
          !isNaNDecimal(parseDecimal(maxSupply)),
        ENGINE_ERRORS.invalidParams,
      )
    ) {
      return;
    }
    const sym = symbol as string;
    const nm = name as string;
    const prec = precision as number;
    const max = parseDecimal(maxSupply);
    const ok =
      run.assert(isValidSymbolFormat(sym), ENGINE_ERRORS.symbolFormat) &&
      run.assert(RESERVED_SYMBOLS[sym] === undefined || run.sender === RESERVED_SYMBOLS[sym], ENGINE_ERRORS.symbolReserved) &&
      run.assert(he || !sym.includes('SWAP'), ENGINE_ERRORS.symbolSwap) &&
      run.assert(he || !sym.includes('ETH'), ENGINE_ERRORS.symbolEth) &&
      run.assert(he || !sym.includes('BSC'), ENGINE_ERRORS.symbolBsc) &&
      run.assert(he || !sym.includes('.'), ENGINE_ERRORS.symbolDot) &&
      run.assert(isValidTokenName(nm), ENGINE_ERRORS.nameFormat) &&
      run.assert(url === undefined || (url as string).length <= 255, ENGINE_ERRORS.urlLength) &&
      run.assert(prec >= 0 && prec <= ENGINE_MAX_PRECISION && Number.isInteger(prec), ENGINE_ERRORS.precisionInvalid) &&
      run.assert(gt(max, ZERO), ENGINE_ERRORS.maxSupplyPositive) &&
      run.assert(lte(max, MAX_SAFE_INTEGER), ENGINE_ERRORS.maxSupplyTooHigh);
    if (!ok) return;
    if (!run.assert(this.store.findToken(sym) === null, ENGINE_ERRORS.symbolExists)) return;
    this.store.insertToken(newToken(run.sender, sym, nm, url === undefined ? '' : (url as string), prec, toFixed(max, prec)));
    // The real contract emits no event for a creation without fee: the logs stay "{}".
  }

  // ------------------------------------------------------------ issue

  private issue(run: Run, payload: Record<string, unknown>): void {
    const { to, symbol, isSignedWithActiveKey } = payload;
    const quantityIn = payload.quantity;
    if (
      !run.assert(isSignedWithActiveKey === true, ENGINE_ERRORS.activeKey) ||
      !run.assert(
        isNonEmptyString(to) && isNonEmptyString(symbol) && isNonEmptyString(quantityIn) && !isNaNDecimal(parseDecimal(quantityIn)),
        ENGINE_ERRORS.invalidParams,
      )
    ) {
      return;
    }
    const finalTo = (to as string).trim();
    const token = this.store.findToken(symbol as string);
    const q = parseDecimal(quantityIn);
    const ok =
      run.assert(token !== null, ENGINE_ERRORS.symbolMissing) &&
      run.assert(token!.issuer === run.sender, ENGINE_ERRORS.issuerOnly) &&
      run.assert(withinPrecision(q, token!.precision), ENGINE_ERRORS.precision) &&
      run.assert(gt(q, ZERO), ENGINE_ERRORS.issuePositive) &&
      run.assert(gte(subtract(parseDecimal(token!.maxSupply), parseDecimal(token!.supply)), q), ENGINE_ERRORS.maxSupply) &&
      run.assert(isValidEngineAccountName(finalTo), ENGINE_ERRORS.invalidTo);
    if (!ok || token === null) return;

    const quantity = toFixed(q, token.precision);
    // Same sequence as the contract: credit the issuer, then move the amount on to `to`.
    let res = this.addBalance(run, token.issuer, token, quantity);
    if (res && finalTo !== token.issuer) {
      if (this.subBalance(run, token.issuer, token, quantity)) {
        res = this.addBalance(run, finalTo, token, quantity);
        if (!res) this.addBalance(run, token.issuer, token, quantity);
      }
    }
    if (res) {
      token.supply = toFixed(add(parseDecimal(token.supply), parseDecimal(quantity)), token.precision);
      if (finalTo !== 'null') {
        token.circulatingSupply = toFixed(add(parseDecimal(token.circulatingSupply), parseDecimal(quantity)), token.precision);
      }
      this.store.updateTokenSupply(token);
      run.emit('transferFromContract', { from: 'tokens', to: finalTo, symbol, quantity });
    }
  }

  // ------------------------------------------------------------ transfer

  private transfer(run: Run, payload: Record<string, unknown>): void {
    const { to, symbol, isSignedWithActiveKey } = payload;
    const quantity = payload.quantity;
    if (
      !run.assert(isSignedWithActiveKey === true, ENGINE_ERRORS.activeKey) ||
      !run.assert(
        isNonEmptyString(to) && isNonEmptyString(symbol) && isNonEmptyString(quantity) && !isNaNDecimal(parseDecimal(quantity)),
        ENGINE_ERRORS.invalidParams,
      )
    ) {
      return;
    }
    const finalTo = (to as string).trim();
    if (!run.assert(finalTo !== run.sender, ENGINE_ERRORS.toSelf)) return;
    if (
      !run.assert(isValidEngineAccountName(finalTo), ENGINE_ERRORS.invalidTo) ||
      !run.assert(!ENGINE_ACCOUNT_BLACKLIST.includes(finalTo), `${ENGINE_ERRORS.blacklistedPrefix}${finalTo}`)
    ) {
      return;
    }
    const token = this.store.findToken(symbol as string);
    const q = parseDecimal(quantity);
    const ok =
      run.assert(token !== null, ENGINE_ERRORS.symbolMissing) &&
      run.assert(withinPrecision(q, token!.precision), ENGINE_ERRORS.precision) &&
      run.assert(gt(q, ZERO), ENGINE_ERRORS.transferPositive);
    if (!ok || token === null) return;
    // The contract moves the quantity as sent (it does not normalise it with toFixed here).
    const qty = quantity as string;
    if (!this.subBalance(run, run.sender, token, qty)) return;
    if (!this.addBalance(run, finalTo, token, qty)) {
      this.addBalance(run, run.sender, token, qty);
      return;
    }
    if (finalTo === 'null') {
      token.circulatingSupply = toFixed(subtract(parseDecimal(token.circulatingSupply), q), token.precision);
      this.store.updateTokenSupply(token);
    }
    run.emit('transfer', { from: run.sender, to: finalTo, symbol, quantity: qty });
  }

  // ------------------------------------------------------------ enableStaking

  private enableStaking(run: Run, payload: Record<string, unknown>): void {
    const { symbol, unstakingCooldown, numberTransactions, isSignedWithActiveKey } = payload;
    const withinStakingRange = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= ENGINE_STAKING_PARAM_MAX;
    // The fee check ('you must have enough tokens to cover  fees') comes first and always passes: no fee on the devnet.
    const ok =
      run.assert(isSignedWithActiveKey === true, ENGINE_ERRORS.activeKey) &&
      run.assert(isNonEmptyString(symbol), ENGINE_ERRORS.invalidSymbol) &&
      run.assert(withinStakingRange(unstakingCooldown), ENGINE_ERRORS.unstakingCooldown) &&
      run.assert(withinStakingRange(numberTransactions), ENGINE_ERRORS.numberTransactions);
    if (!ok) return;
    const token = this.store.findToken(symbol as string);
    const allowed =
      run.assert(token !== null, ENGINE_ERRORS.symbolMissing) &&
      run.assert(token!.issuer === run.sender, ENGINE_ERRORS.mustBeIssuer) &&
      run.assert(!token!.stakingEnabled, ENGINE_ERRORS.stakingAlreadyEnabled);
    if (!allowed || token === null) return;
    this.store.updateTokenStaking({
      ...token,
      stakingEnabled: true,
      totalStaked: '0',
      unstakingCooldown: unstakingCooldown as number,
      numberTransactions: numberTransactions as number,
    });
    // Like the contract: no event (only the fee burn, when there is a fee, would emit a transfer).
  }

  // ------------------------------------------------------------ stake

  /** Moves `quantity` from the sender's balance to the stake of `to` (any valid account, the sender included). */
  private stake(run: Run, payload: Record<string, unknown>): void {
    const { symbol, to, isSignedWithActiveKey } = payload;
    const quantityIn = payload.quantity;
    if (
      !run.assert(isSignedWithActiveKey === true, ENGINE_ERRORS.activeKey) ||
      !run.assert(
        isNonEmptyString(symbol) && isNonEmptyString(to) && isNonEmptyString(quantityIn) && !isNaNDecimal(parseDecimal(quantityIn)),
        ENGINE_ERRORS.invalidParams,
      )
    ) {
      return;
    }
    const token = this.store.findToken(symbol as string);
    const finalTo = (to as string).trim();
    const q = parseDecimal(quantityIn);
    const ok =
      run.assert(isValidEngineAccountName(finalTo), ENGINE_ERRORS.invalidTo) &&
      run.assert(token !== null, ENGINE_ERRORS.symbolMissing) &&
      run.assert(withinPrecision(q, token!.precision), ENGINE_ERRORS.precision) &&
      run.assert(token!.stakingEnabled === true, ENGINE_ERRORS.stakingNotEnabled) &&
      run.assert(gt(q, ZERO), ENGINE_ERRORS.stakePositive);
    if (!ok || token === null) return;
    const quantity = toFixed(q, token.precision);
    if (!this.subBalance(run, run.sender, token, quantity)) return;
    if (!this.addStake(run, finalTo, token, quantity)) {
      this.addBalance(run, run.sender, token, quantity);
      return;
    }
    run.emit('stake', { account: finalTo, symbol, quantity });
  }

  // ------------------------------------------------------------ balances

  /** The contract's addStake: a missing balance record is created empty first; the token's totalStaked grows too. */
  private addStake(run: Run, account: string, token: TokenDoc, quantity: string): boolean {
    const balance = this.store.findBalance(account, token.symbol) ?? this.store.insertBalance(account, token.symbol, '0');
    const original = parseDecimal(balance.stake);
    const next = toFixed(add(original, parseDecimal(quantity)), token.precision);
    if (!run.assert(gt(parseDecimal(next), original), ENGINE_ERRORS.cannotAdd)) return false;
    this.store.updateStake({ ...balance, stake: next });
    const fresh = this.store.findToken(token.symbol) as TokenDoc;
    this.store.updateTokenStaking({ ...fresh, totalStaked: toFixed(add(parseDecimal(fresh.totalStaked ?? '0'), parseDecimal(quantity)), token.precision) });
    return true;
  }

  /**
   * Credit `account`. A new balance record stores the quantity string as given
   * (as hive-engine does); an existing one is recomputed with the token precision.
   */
  private addBalance(run: Run, account: string, token: TokenDoc, quantity: string): boolean {
    const balance = this.store.findBalance(account, token.symbol);
    if (balance === null) {
      this.store.insertBalance(account, token.symbol, quantity);
      return true;
    }
    const original = parseDecimal(balance.balance);
    const next = toFixed(add(original, parseDecimal(quantity)), token.precision);
    if (!run.assert(gt(parseDecimal(next), original), ENGINE_ERRORS.cannotAdd)) return false;
    this.store.updateBalance({ ...balance, balance: next });
    return true;
  }

  private subBalance(run: Run, account: string, token: TokenDoc, quantity: string): boolean {
    const balance = this.store.findBalance(account, token.symbol);
    if (!run.assert(balance !== null, ENGINE_ERRORS.balanceMissing)) return false;
    const original = parseDecimal(balance!.balance);
    if (!run.assert(gte(original, parseDecimal(quantity)), ENGINE_ERRORS.balance)) return false;
    const next = toFixed(subtract(original, parseDecimal(quantity)), token.precision);
    if (!run.assert(gt(original, parseDecimal(next)), ENGINE_ERRORS.cannotSubtract)) return false;
    this.store.updateBalance({ ...balance!, balance: next });
    return true;
  }
}

/** countDecimals(quantity) <= precision; Infinity has no decimal places (null), which passes. */
function withinPrecision(q: Decimal, precision: number): boolean {
  const dp = decimalPlaces(q);
  return dp === null || dp <= precision;
}

function newToken(issuer: string, symbol: string, name: string, url: string, precision: number, maxSupply: string): Omit<TokenDoc, '_id'> {
  return {
    issuer,
    symbol,
    name,
    metadata: JSON.stringify({ url }),
    precision,
    maxSupply,
    supply: '0',
    circulatingSupply: '0',
    stakingEnabled: false,
    unstakingCooldown: 1,
    delegationEnabled: false,
    undelegationCooldown: 0,
  };
}
