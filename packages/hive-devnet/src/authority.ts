/**
 * Authority verification modelled on hived 1.28's sign_state / verify_authority
 * (libraries/protocol/transaction_util.cpp, sign_state.hpp).
 *
 * `strict` = HF28 rules (HIVE_HARDFORK_1_28_ALLOW_STRICT_AND_MIXED_AUTHORITIES and
 * ..._ALLOW_REDUNDANT_SIGNATURES): a posting requirement is met only by posting
 * authority, active only by active, posting and active operations may share a
 * transaction, and unused signatures are tolerated. Non-strict = pre-HF28: active
 * or owner also satisfy posting, owner satisfies active, posting cannot be mixed
 * with active/owner, and an unused signature is refused.
 */
import { PublicKey } from '@hiveio/dhive';
import { HivedError } from './errors';
import type { RequiredAuthorities } from './ops';

export interface Authority {
  weight_threshold: number;
  account_auths: Array<[string, number]>;
  key_auths: Array<[string, number]>;
}
export type AuthorityGetter = (account: string) => Authority;

/** hived HIVE_MAX_SIG_CHECK_DEPTH, HIVE_MAX_AUTHORITY_MEMBERSHIP, HIVE_MAX_SIG_CHECK_ACCOUNTS. */
export const MAX_SIG_CHECK_DEPTH = 2;
export const MAX_AUTHORITY_MEMBERSHIP = 40;
export const MAX_SIG_CHECK_ACCOUNTS = 125;

const keyHexCache = new Map<string, string>();
/** Compressed public key bytes (hex) of a key string, whatever its prefix. */
export function keyHex(key: string): string {
  const cached = keyHexCache.get(key);
  if (cached !== undefined) return cached;
  let h: string;
  try {
    h = PublicKey.fromString(key).key.toString('hex');
  } catch {
    h = `invalid:${key}`;
  }
  keyHexCache.set(key, h);
  return h;
}

class SignState {
  private readonly provided = new Map<string, boolean>();
  private readonly approved = new Set<string>();
  private accountAuthCount = 0;

  constructor(
    keys: Iterable<string>,
    private getter: AuthorityGetter,
    private readonly strict: boolean,
  ) {
    for (const k of keys) this.provided.set(k, false);
  }

  setGetter(getter: AuthorityGetter): void {
    this.getter = getter;
  }
  clearApproved(): void {
    this.approved.clear();
  }

  private signedBy(k: string): boolean {
    if (!this.provided.has(k)) return false;
    this.provided.set(k, true);
    return true;
  }

  checkAccount(id: string): boolean {
    const auth = this.getter(id);
    if (this.approved.has(id)) return true;
    if (this.strict) this.accountAuthCount++;
    else this.accountAuthCount = 1;
    return this.check(auth, 0);
  }

  checkAuthority(auth: Authority): boolean {
    if (!this.strict) this.accountAuthCount = 0;
    return this.check(auth, 0);
  }

  removeUnused(): boolean {
    let removed = false;
    for (const [k, used] of [...this.provided]) {
      if (!used) {
        this.provided.delete(k);
        removed = true;
      }
    }
    return removed;
  }

  private check(auth: Authority, depth: number): boolean {
    let total = 0;
    let membership = 0;
    const more = () => ++membership < MAX_AUTHORITY_MEMBERSHIP;
    for (const [key, weight] of auth.key_auths) {
      if (this.signedBy(keyHex(key))) {
        total += weight;
        if (total >= auth.weight_threshold) return true;
      }
      if (!more()) return false;
    }
    for (const [name, weight] of auth.account_auths) {
      if (!this.approved.has(name)) {
        if (depth === MAX_SIG_CHECK_DEPTH) continue;
        if (this.accountAuthCount >= MAX_SIG_CHECK_ACCOUNTS) return false;
        this.accountAuthCount++;
        const sub = this.getter(name);
        if (this.check(sub, depth + 1)) {
          this.approved.add(name);
          total += weight;
          if (total >= auth.weight_threshold) return true;
        }
      } else {
        total += weight;
        if (total >= auth.weight_threshold) return true;
      }
      if (!more()) return false;
    }
    return total >= auth.weight_threshold;
  }
}

export interface AuthorityGetters {
  posting: AuthorityGetter;
  active: AuthorityGetter;
  owner: AuthorityGetter;
}

/** Throws hived's tx_missing_*_auth / tx_irrelevant_sig / tx_combined_auths_with_posting. */
export function verifyAuthority(required: RequiredAuthorities, signatureKeys: Iterable<string>, get: AuthorityGetters, strict: boolean): void {
  const s = new SignState(signatureKeys, get.posting, strict);
  const where = { file: 'transaction_util.cpp', method: 'verify_authority' };

  const missingPosting = (id: string, expr: string): never => {
    throw new HivedError(
      'txMissingPostingAuth',
      `${expr}: Missing Posting Authority \${id}`,
      {
        id,
        posting: get.posting(id),
        active: get.active(id),
        owner: get.owner(id),
      },
      where,
    );
  };
  const missingActive = (id: string, expr: string): never => {
    throw new HivedError('txMissingActiveAuth', `${expr}: Missing Active Authority \${id}`, { id, auth: get.active(id), owner: get.owner(id) }, where);
  };
  const unusedSignature = (): never => {
    throw new HivedError('txIrrelevantSig', '!s.remove_unused_signatures(): Unnecessary signature(s) detected', {}, where);
  };

  if (required.posting.size > 0) {
    if (!strict && (required.active.size > 0 || required.owner.size > 0)) {
      throw new HivedError(
        'txCombinedAuths',
        'required_authorities.required_active.empty() && required_authorities.required_owner.empty() && required_authorities.required_witness.empty() && required_authorities.other.empty(): ' +
          'Transactions with operations required posting authority cannot be combined with transactions requiring active or owner authority.',
        {},
        where,
      );
    }
    for (const id of required.posting) {
      if (strict) {
        if (!s.checkAccount(id)) missingPosting(id, 's.check_authority( id )');
      } else if (!(s.checkAccount(id) || s.checkAuthority(get.active(id)) || s.checkAuthority(get.owner(id)))) {
        missingPosting(
          id,
          's.check_authority( id ) || check_with_role_upgrade( get_active( id ), "active" ) || check_with_role_upgrade( get_owner( id ), "owner" )',
        );
      }
    }
    if (!strict) {
      if (s.removeUnused()) unusedSignature();
      return;
    }
  }

  s.setGetter(get.active);
  s.clearApproved();
  for (const id of required.active) {
    if (strict) {
      if (!s.checkAccount(id)) missingActive(id, 's.check_authority( id )');
    } else if (!(s.checkAccount(id) || s.checkAuthority(get.owner(id)))) {
      missingActive(id, 's.check_authority( id ) || check_with_role_upgrade()');
    }
  }
  for (const id of required.owner) {
    if (!s.checkAuthority(get.owner(id))) {
      throw new HivedError(
        'txMissingOwnerAuth',
        'owner_approvals.find( id ) != owner_approvals.end() || s.check_authority( get_owner( id ), id, "owner" ): Missing Owner Authority ${id}',
        { id, auth: get.owner(id) },
        where,
      );
    }
  }
  if (!strict && s.removeUnused()) unusedSignature();
}
