/**
 * Accounts as hived's APIs show them: database_api's api_account_object
 * (libraries/plugins/apis/database_api/database_api_objects_constructors.cpp,
 * FC_REFLECT in database_api_objects.hpp), condenser_api's legacy form with its
 * own field list — no `last_post_edit`, no `is_smt`, but `voting_power` and the
 * extended_account extras (condenser_api.hpp api_account_object /
 * extended_account) — and rc_api's rc_account_api_object (rc_api.hpp).
 * Manabars are the stored ones (current_mana as of last_update_time), as hived
 * returns them; clients regenerate them to "now" themselves.
 */
import { formatAsset, naiAsset, type AssetSymbol } from '../assets';
import { keyHex } from '../authority';
import type { AccountRow } from '../chain';
import { HivedError, fcAssert } from '../errors';
import { fcInt } from '../json';
import { HIVE_100_PERCENT, VOTING_MANA_REGENERATION_SECONDS } from '../protocol';
import { TIME_MAX, isoTime } from '../time';
import type { ApiContext } from './context';

const EPOCH = 0;

/** condenser_api.cpp api_account_object::_compute_voting_power: the voting power at the last vote. */
function votingPower(a: AccountRow): number {
  const vests = a.vesting_shares;
  if (vests <= 0) return 0;
  const dt = Math.max(0, a.voting_last_update - a.last_vote_time);
  const vpDt = Math.floor((HIVE_100_PERCENT * dt) / VOTING_MANA_REGENERATION_SECONDS);
  const vpT2 = Math.min(HIVE_100_PERCENT, Number((BigInt(HIVE_100_PERCENT) * BigInt(a.voting_mana)) / BigInt(vests)));
  return vpT2 - Math.min(vpT2, vpDt);
}

/** database_api_objects.hpp FC_REFLECT( api_account_object ) order; `asset` formats the assets (NAI or legacy). */
function accountFields(a: AccountRow, asset: (amount: number | bigint, s: AssetSymbol) => unknown) {
  return {
    id: a.id,
    name: a.name,
    owner: JSON.parse(a.owner),
    active: JSON.parse(a.active),
    posting: JSON.parse(a.posting),
    memo_key: a.memo_key,
    json_metadata: a.json_metadata,
    posting_json_metadata: a.posting_json_metadata,
    proxy: '',
    previous_owner_update: isoTime(a.previous_owner_update),
    last_owner_update: isoTime(a.last_owner_update),
    last_account_update: isoTime(a.last_account_update),
    created: isoTime(a.created),
    mined: a.name === 'initminer',
    recovery_account: 'initminer',
    last_account_recovery: isoTime(EPOCH),
    reset_account: 'null',
    // comment_count and lifetime_vote_count are no longer set by hived's constructor: always 0
    comment_count: 0,
    lifetime_vote_count: 0,
    post_count: a.post_count,
    can_vote: true,
    voting_manabar: { current_mana: fcInt(a.voting_mana), last_update_time: a.voting_last_update },
    downvote_manabar: { current_mana: fcInt(a.downvote_mana), last_update_time: a.downvote_last_update },
    balance: asset(a.balance, 'HIVE'),
    savings_balance: asset(0, 'HIVE'),
    hbd_balance: asset(a.hbd_balance, 'HBD'),
    hbd_seconds: '0',
    hbd_seconds_last_update: isoTime(EPOCH),
    hbd_last_interest_payment: isoTime(EPOCH),
    savings_hbd_balance: asset(0, 'HBD'),
    savings_hbd_seconds: '0',
    savings_hbd_seconds_last_update: isoTime(EPOCH),
    savings_hbd_last_interest_payment: isoTime(EPOCH),
    savings_withdraw_requests: 0,
    reward_hbd_balance: asset(0, 'HBD'),
    reward_hive_balance: asset(0, 'HIVE'),
    reward_vesting_balance: asset(0, 'VESTS'),
    reward_vesting_hive: asset(0, 'HIVE'),
    vesting_shares: asset(a.vesting_shares, 'VESTS'),
    delegated_vesting_shares: asset(0, 'VESTS'),
    received_vesting_shares: asset(0, 'VESTS'),
    vesting_withdraw_rate: asset(0, 'VESTS'),
    post_voting_power: asset(a.vesting_shares, 'VESTS'),
    next_vesting_withdrawal: isoTime(TIME_MAX),
    withdrawn: 0,
    to_withdraw: 0,
    withdraw_routes: 0,
    pending_transfers: 0,
    curation_rewards: 0,
    posting_rewards: 0,
    proxied_vsf_votes: [0, 0, 0, 0],
    witnesses_voted_for: 0,
    last_post: isoTime(a.last_post),
    last_root_post: isoTime(a.last_root_post),
    last_post_edit: isoTime(a.last_post_edit),
    last_vote_time: isoTime(a.last_vote_time),
    post_bandwidth: 0,
    pending_claimed_accounts: 0,
    open_recurrent_transfers: 0,
    is_smt: false,
    delayed_votes: [] as unknown[],
    governance_vote_expiration_ts: isoTime(TIME_MAX),
  };
}

/** database_api.find_accounts / list_accounts: api_account_object, NAI assets. */
export function databaseAccount(a: AccountRow) {
  return accountFields(a, (amount, s) => naiAsset(amount, s));
}

/** condenser_api.get_accounts: extended_account (condenser_api.hpp FC_REFLECT lists). */
export function condenserAccount(a: AccountRow) {
  const { last_post_edit: _lastPostEdit, is_smt: _isSmt, ...base } = accountFields(a, (amount, s) => formatAsset(amount, s));
  return {
    ...base,
    voting_power: votingPower(a),
    vesting_balance: formatAsset(0, 'HIVE'),
    reputation: 0,
    transfer_history: [] as unknown[],
    market_history: [] as unknown[],
    post_history: [] as unknown[],
    vote_history: [] as unknown[],
    other_history: [] as unknown[],
    witness_votes: [] as unknown[],
    tags_usage: [] as unknown[],
    guest_bloggers: [] as unknown[],
  };
}

/** rc_api.hpp rc_account_api_object. */
export function rcAccount(ctx: ApiContext, a: AccountRow) {
  return {
    account: a.name,
    rc_manabar: { current_mana: fcInt(a.rc_mana), last_update_time: a.rc_last_update },
    max_rc_creation_adjustment: naiAsset(0n, 'VESTS'),
    max_rc: fcInt(ctx.chain.maxRc(a)),
    delegated_rc: fcInt(a.delegated_rc),
    received_delegated_rc: fcInt(a.received_rc),
  };
}

export function accountsByNames(ctx: ApiContext, names: unknown): AccountRow[] {
  if (!Array.isArray(names)) throw new HivedError('parse', 'Invalid cast from ${type} to array', { type: typeof names });
  fcAssert(names.length <= 1000, 'names.size() <= 1000', 'Cannot query more than 1000 accounts at once');
  const out: AccountRow[] = [];
  for (const n of names) {
    const a = typeof n === 'string' ? ctx.chain.findAccount(n) : undefined;
    if (a) out.push(a);
  }
  return out;
}

export function keyReferences(ctx: ApiContext, keys: unknown): string[][] {
  if (!Array.isArray(keys)) throw new HivedError('parse', 'Invalid cast to array', {});
  const rows = ctx.chain.db.prepare(`SELECT name, owner, active, posting, memo_key FROM hive_accounts ORDER BY name`).all() as Array<
    Pick<AccountRow, 'name' | 'owner' | 'active' | 'posting' | 'memo_key'>
  >;
  return keys.map((k) => {
    const hex = keyHex(String(k));
    const names = new Set<string>();
    for (const r of rows) {
      for (const role of ['owner', 'active', 'posting'] as const) {
        if ((JSON.parse(r[role]).key_auths as Array<[string, number]>).some(([key]) => keyHex(key) === hex)) names.add(r.name);
      }
    }
    return [...names];
  });
}
