/**
 * Resource credits, hived 1.28 (libraries/chain/rc/): what a transaction costs
 * and how an account's RC mana regenerates. Pure functions; the chain keeps the
 * manabars.
 *
 * How hived prices a transaction (rc_utility.cpp compute_cost, resource_count.cpp):
 * it counts five resources — history bytes (the transaction's size), market bytes
 * (the size again when it holds a transfer-like op), state bytes (hour-bytes of
 * chain state the operations create, resource_sizes.cpp), execution time (measured
 * per operation type, plus per transaction and per signature) and new accounts —
 * and prices each with a curve over its global pool: the emptier the pool, the
 * dearer the resource. The payer's mana must cover the sum.
 *
 * How the devnet approximates it: the usage counts are hived's, constant for
 * constant (below, from resource_sizes.cpp and resource_count.cpp); the pools are
 * not modelled, so each resource has a fixed price per unit instead, chosen so
 * typical transactions cost what mainnet's RC reports show (a post with
 * comment_options ≈ 1.2 billion RC, a vote ≈ 0.09 billion, a transfer ≈ 0.17
 * billion, a one-action custom_json ≈ 0.08 billion). Mainnet prices drift with
 * traffic; the devnet's do not. The flood surcharge (mempool deeper than 20
 * blocks) is not modelled either.
 */
import type { LegacyOp } from './ops';
import { VOTING_MANA_REGENERATION_SECONDS } from './protocol';

/** HIVE_RC_REGEN_TIME: RC mana refills linearly over 5 days. */
export const RC_REGEN_SECONDS = VOTING_MANA_REGENERATION_SECONDS;

// ---------------------------------------------------------------- resource_sizes.cpp (state_object_size_info)
const TEMPORARY_STATE_BYTE = 1;
const LASTING_STATE_BYTE = TEMPORARY_STATE_BYTE * 5 * 365 * 12;
const PERSISTENT_STATE_BYTE = TEMPORARY_STATE_BYTE * 5 * 365 * 24;
const CASHOUT_HOURS = 7 * 24;
export const STATE_SIZES = {
  authorityAccountMember: 24 * PERSISTENT_STATE_BYTE,
  authorityKeyMember: 36 * PERSISTENT_STATE_BYTE,
  ownerAuthorityHistory: 168 * TEMPORARY_STATE_BYTE * 30 * 24,
  commentBase: 96 * PERSISTENT_STATE_BYTE + 192 * TEMPORARY_STATE_BYTE * CASHOUT_HOURS,
  commentPermlinkChar: TEMPORARY_STATE_BYTE * CASHOUT_HOURS,
  commentBeneficiariesMember: 8 * TEMPORARY_STATE_BYTE * CASHOUT_HOURS,
  vote: 144 * TEMPORARY_STATE_BYTE * CASHOUT_HOURS,
  /** multiplied by the transaction's expiration in whole hours (rounded up) */
  transactionBase: 128 * TEMPORARY_STATE_BYTE,
  delegateRcBase: 88 * LASTING_STATE_BYTE,
} as const;

// ---------------------------------------------------------------- resource_sizes.cpp (operation_exec_info)
export const EXECUTION_TIMES = {
  vote: 479 + 17568 + 187 + 78,
  comment: 2419 + 20408 + 221 + 166 + 42964,
  commentOptions: 413 + 5530 + 142 + 117,
  transfer: 638 + 5023 + 204 + 134,
  accountUpdate: 1531 + 11433 + 206 + 152,
  accountUpdate2: 2182 + 10804 + 405 + 257,
  customJson: 859 + 162 + 321 + 167,
  deleteComment: 521 + 17208 + 175 + 146,
  delegateRc: 75000,
  verifyAuthorityPerSignature: 94165,
  transaction: 2821 + 386 + 3415,
} as const;

/** rc_resource_types, with each resource's resource_unit (jsonball/data/resource_parameters.json: 10^exponent). */
export const RESOURCE_UNITS = { historyBytes: 1, newAccounts: 10_000, marketBytes: 10, stateBytes: 1, executionTime: 1 } as const;

/**
 * The devnet's fixed RC price of one resource unit (see the header): fitted to
 * mainnet's typical operation costs, not taken from a pool.
 */
export const RC_PRICE_PER_UNIT = { historyBytes: 50_000, newAccounts: 0, marketBytes: 50_000, stateBytes: 260, executionTime: 600 } as const;

export interface ResourceUsage {
  historyBytes: number;
  newAccounts: number;
  marketBytes: number;
  stateBytes: number;
  executionTime: number;
}

/** What the chain knows that changes an operation's usage (count_differential_operation_visitor). */
export interface UsageContext {
  /** Members (account_auths + key_auths) of an account's current authority, or null if the account is unknown. */
  authorityMembers(account: string, role: 'owner' | 'active' | 'posting'): { accounts: number; keys: number } | null;
  /** Whether an RC delegation from -> to exists already. */
  hasRcDelegation(from: string, to: string): boolean;
}

type Authority = { account_auths: unknown[]; key_auths: unknown[] };
const authoritySize = (a: Authority) => STATE_SIZES.authorityAccountMember * a.account_auths.length + STATE_SIZES.authorityKeyMember * a.key_auths.length;

/** The delegate_rc operation inside an "rc" custom_json (rc_custom_operation), if there is one. */
export function delegateRcOf(op: LegacyOp): { from: string; delegatees: string[]; max_rc: number } | null {
  const [name, o] = op;
  if (name !== 'custom_json' || o.id !== 'rc') return null;
  try {
    const v = JSON.parse(o.json);
    const inner = Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' ? v : null;
    if (!inner || (inner[0] !== 'delegate_rc' && inner[0] !== 0)) return null;
    const d = inner[1];
    if (!d || typeof d.from !== 'string' || !Array.isArray(d.delegatees)) return null;
    return { from: d.from, delegatees: d.delegatees, max_rc: Number(d.max_rc) };
  } catch {
    return null;
  }
}

/**
 * resource_count.cpp count_resources for the operations the devnet supports,
 * with handle_operation_discount's differential usage for account updates and RC
 * delegations (state already paid for is subtracted). `expirationHours` is the
 * transaction's expiration minus head block time, in hours rounded up.
 */
export function countResources(ops: LegacyOp[], txSize: number, signatures: number, expirationHours: number, ctx: UsageContext): ResourceUsage {
  let state = 0;
  let exec = 0;
  let marketOps = 0;
  for (const op of ops) {
    const [name, o] = op;
    switch (name) {
      case 'vote':
        state += STATE_SIZES.vote;
        exec += EXECUTION_TIMES.vote;
        break;
      case 'comment':
        state += STATE_SIZES.commentBase + STATE_SIZES.commentPermlinkChar * Buffer.byteLength(o.permlink, 'utf8');
        exec += EXECUTION_TIMES.comment;
        break;
      case 'comment_options':
        for (const [, ext] of o.extensions as Array<[number, { beneficiaries: unknown[] }]>)
          state += STATE_SIZES.commentBeneficiariesMember * ext.beneficiaries.length;
        exec += EXECUTION_TIMES.commentOptions;
        break;
      case 'transfer':
        exec += EXECUTION_TIMES.transfer;
        marketOps++;
        break;
      case 'delete_comment':
        exec += EXECUTION_TIMES.deleteComment;
        break;
      case 'custom_json': {
        exec += EXECUTION_TIMES.customJson;
        const d = delegateRcOf(op);
        if (d) {
          // handle_custom_op_usage (extra usage of the rc plugin's operation) minus what existing delegations already hold
          if (d.max_rc !== 0) {
            state += STATE_SIZES.delegateRcBase * d.delegatees.length;
            for (const to of d.delegatees) if (ctx.hasRcDelegation(d.from, to)) state -= STATE_SIZES.delegateRcBase;
          }
          exec += EXECUTION_TIMES.delegateRc;
        }
        break;
      }
      case 'account_update':
      case 'account_update2': {
        for (const role of ['owner', 'active', 'posting'] as const) {
          const a = o[role] as Authority | undefined | null;
          if (!a) continue;
          state += authoritySize(a) + (role === 'owner' ? STATE_SIZES.ownerAuthorityHistory : 0);
          const existing = ctx.authorityMembers(o.account, role);
          if (existing) state -= STATE_SIZES.authorityAccountMember * existing.accounts + STATE_SIZES.authorityKeyMember * existing.keys;
        }
        exec += name === 'account_update' ? EXECUTION_TIMES.accountUpdate : EXECUTION_TIMES.accountUpdate2;
        break;
      }
    }
  }
  const usage: ResourceUsage = {
    historyBytes: txSize,
    newAccounts: 0,
    marketBytes: marketOps > 0 ? txSize : 0,
    stateBytes: state + STATE_SIZES.transactionBase * expirationHours,
    executionTime: exec + EXECUTION_TIMES.transaction + EXECUTION_TIMES.verifyAuthorityPerSignature * signatures,
  };
  // prevent_negative
  for (const k of Object.keys(usage) as Array<keyof ResourceUsage>) if (usage[k] < 0) usage[k] = 0;
  return usage;
}

/** The RC a resource usage costs at the devnet's fixed prices (hived rounds every resource's cost up, +1). */
export function rcCost(usage: ResourceUsage): number {
  let total = 0;
  for (const k of Object.keys(usage) as Array<keyof ResourceUsage>) {
    const units = usage[k] * RESOURCE_UNITS[k];
    if (units > 0 && RC_PRICE_PER_UNIT[k] > 0) total += units * RC_PRICE_PER_UNIT[k] + 1;
  }
  return total;
}

export interface Manabar {
  current: number;
  lastUpdate: number;
}

/**
 * util::manabar::regenerate_mana: linear refill of max_mana over regenSeconds;
 * RC passes skip_cap_regen (a longer pause is not capped at regenSeconds, the
 * result is capped at max_mana anyway).
 */
export function regenerateMana(bar: Manabar, maxMana: number, now: number, regenSeconds: number = RC_REGEN_SECONDS): Manabar {
  if (now < bar.lastUpdate) return bar;
  if (bar.current >= maxMana) return { current: maxMana, lastUpdate: now };
  const dt = now - bar.lastUpdate;
  if (dt === 0) return bar;
  const regen = Number((BigInt(Math.max(0, maxMana)) * BigInt(dt)) / BigInt(regenSeconds));
  return { current: Math.min(maxMana, bar.current + regen), lastUpdate: now };
}
