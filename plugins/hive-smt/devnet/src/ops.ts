/**
 * Operations the devnet understands: shape checks, hived's stateless
 * `validate()` (libraries/protocol/hive_operations.cpp, hived 1.28), required
 * authorities and impacted accounts.
 */
import { isNaiObject, parseAsset, toLegacy } from './assets';
import { HivedError, fcAssert } from './errors';
import { isPublicKey } from './keys';
import {
  CUSTOM_OP_ID_MAX_LENGTH,
  HIVE_100_PERCENT,
  HIVE_BENEFICIARY_LIMIT,
  HIVE_COMMENT_TITLE_LIMIT,
  HIVE_MAX_AUTHORITY_MEMBERSHIP,
  HIVE_MAX_MEMO_SIZE,
  HIVE_MAX_PERMLINK_LENGTH,
  MAX_ACCOUNT_NAME_LENGTH,
  MIN_ACCOUNT_NAME_LENGTH,
} from './protocol';

export type LegacyOp = [string, Record<string, any>];

export const SUPPORTED_OPS = ['vote', 'comment', 'transfer', 'custom_json', 'delete_comment', 'comment_options', 'account_update', 'account_update2'] as const;

/** Operation ids in hived's operation static_variant (for account-history filters and block_api names). */
export const OP_IDS: Record<string, number> = {
  vote: 0,
  comment: 1,
  transfer: 2,
  account_update: 10,
  delete_comment: 17,
  custom_json: 18,
  comment_options: 19,
  account_update2: 43,
};

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** fc::is_utf8 on what a JS string can hold: lone surrogates are not encodable as UTF-8. */
export function isUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (!(n >= 0xdc00 && n <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function badCast(field: string, expected: string, value: unknown): never {
  throw new HivedError('parse', 'Invalid cast of ${field} to ${type}', { field, type: expected, value: typeof value }, { file: 'variant.cpp', method: 'as' });
}

function str(o: Record<string, any>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') badCast(key, 'string', v);
  return v;
}
function int(o: Record<string, any>, key: string, min: number, max: number): number {
  const v = typeof o[key] === 'string' && /^-?\d+$/.test(o[key]) ? Number(o[key]) : o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) badCast(key, 'integer', o[key]);
  return v;
}
function bool(o: Record<string, any>, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') badCast(key, 'bool', v);
  return v;
}
function names(o: Record<string, any>, key: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) badCast(key, 'flat_set<account_name_type>', v);
  return v as string[];
}
function authority(o: Record<string, any>, key: string): void {
  const a = o[key];
  if (!a || typeof a !== 'object') badCast(key, 'authority', a);
  int(a, 'weight_threshold', 0, 2 ** 32 - 1);
  if (!Array.isArray(a.account_auths) || !Array.isArray(a.key_auths)) badCast(key, 'authority', a);
  for (const entry of a.account_auths) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') badCast(`${key}.account_auths`, 'pair<account_name_type,weight_type>', entry);
    int({ w: entry[1] }, 'w', 0, 65535);
  }
  for (const entry of a.key_auths) {
    if (!Array.isArray(entry) || !isPublicKey(entry[0])) badCast(`${key}.key_auths`, 'pair<public_key_type,weight_type>', entry);
    int({ w: entry[1] }, 'w', 0, 65535);
  }
}
function publicKey(o: Record<string, any>, key: string): void {
  if (!isPublicKey(o[key])) badCast(key, 'public_key_type', o[key]);
}

/**
 * Bring an operation to the legacy (condenser) form dhive serializes:
 * `["comment", {...}]`, assets as strings. Accepts the HF26 API form
 * `{type: "comment_operation", value: {...}}` with NAI assets too.
 */
export function normalizeOperation(op: unknown): LegacyOp {
  let name: string;
  let body: Record<string, any>;
  if (Array.isArray(op) && op.length === 2 && typeof op[0] === 'string' && op[1] && typeof op[1] === 'object') {
    name = op[0];
    body = { ...(op[1] as Record<string, any>) };
  } else if (op && typeof op === 'object' && typeof (op as any).type === 'string' && (op as any).value && typeof (op as any).value === 'object') {
    name = String((op as any).type).replace(/_operation$/, '');
    body = { ...(op as any).value };
  } else {
    throw new HivedError('parse', 'Invalid operation', { op: op as unknown });
  }
  if (!(SUPPORTED_OPS as readonly string[]).includes(name)) {
    throw new HivedError('assert', 'false: Operation ${op} is not supported by the Quanzi devnet', { op: name });
  }
  for (const key of ['amount', 'max_accepted_payout']) {
    if (isNaiObject(body[key])) body[key] = toLegacy(body[key]);
  }
  if (name === 'comment_options' && Array.isArray(body.extensions)) {
    body.extensions = body.extensions.map((e: any) =>
      e && typeof e === 'object' && !Array.isArray(e) && e.type === 'comment_payout_beneficiaries' ? [0, e.value] : e,
    );
  }
  checkShape(name, body);
  return [name, body];
}

function checkShape(name: string, o: Record<string, any>): void {
  switch (name) {
    case 'vote':
      str(o, 'voter'); str(o, 'author'); str(o, 'permlink'); int(o, 'weight', -32768, 32767);
      break;
    case 'comment':
      for (const k of ['parent_author', 'parent_permlink', 'author', 'permlink', 'title', 'body', 'json_metadata']) str(o, k);
      break;
    case 'transfer':
      str(o, 'from'); str(o, 'to'); str(o, 'amount'); str(o, 'memo');
      break;
    case 'custom_json':
      names(o, 'required_auths'); names(o, 'required_posting_auths'); str(o, 'id'); str(o, 'json');
      break;
    case 'delete_comment':
      str(o, 'author'); str(o, 'permlink');
      break;
    case 'comment_options': {
      str(o, 'author'); str(o, 'permlink'); str(o, 'max_accepted_payout');
      int(o, 'percent_hbd', 0, 65535); bool(o, 'allow_votes'); bool(o, 'allow_curation_rewards');
      if (o.extensions === undefined) o.extensions = [];
      if (!Array.isArray(o.extensions)) badCast('extensions', 'comment_options_extensions_type', o.extensions);
      for (const e of o.extensions) {
        if (!Array.isArray(e) || e[0] !== 0 || !e[1] || !Array.isArray(e[1].beneficiaries)) badCast('extensions', 'comment_options_extension', e);
        for (const b of e[1].beneficiaries) {
          if (!b || typeof b.account !== 'string') badCast('beneficiaries', 'beneficiary_route_type', b);
          int(b, 'weight', 0, 65535);
        }
      }
      break;
    }
    case 'account_update':
      str(o, 'account'); publicKey(o, 'memo_key'); str(o, 'json_metadata');
      for (const k of ['owner', 'active', 'posting']) if (o[k] !== undefined && o[k] !== null) authority(o, k);
      break;
    case 'account_update2':
      str(o, 'account');
      if (o.json_metadata === undefined) o.json_metadata = '';
      if (o.posting_json_metadata === undefined) o.posting_json_metadata = '';
      if (o.extensions === undefined) o.extensions = [];
      str(o, 'json_metadata'); str(o, 'posting_json_metadata');
      if (o.memo_key !== undefined && o.memo_key !== null) publicKey(o, 'memo_key');
      for (const k of ['owner', 'active', 'posting']) if (o[k] !== undefined && o[k] !== null) authority(o, k);
      if (!Array.isArray(o.extensions) || o.extensions.length > 0) badCast('extensions', 'extensions_type', o.extensions);
      break;
  }
}

/** hived detail::check_account_name. */
export function accountNameValidity(name: string): 'valid' | 'too_short' | 'too_long' | 'invalid_sequence' {
  if (name.length < MIN_ACCOUNT_NAME_LENGTH) return 'too_short';
  if (name.length > MAX_ACCOUNT_NAME_LENGTH) return 'too_long';
  let begin = 0;
  for (;;) {
    let end = name.indexOf('.', begin);
    if (end < 0) end = name.length;
    if (end - begin < 3) return 'invalid_sequence';
    if (!/[a-z]/.test(name[begin])) return 'invalid_sequence';
    if (!/[a-z0-9]/.test(name[end - 1])) return 'invalid_sequence';
    for (let i = begin + 1; i < end - 1; i++) if (!/[a-z0-9-]/.test(name[i])) return 'invalid_sequence';
    if (end === name.length) break;
    begin = end + 1;
  }
  return 'valid';
}

export function validateAccountName(name: string): void {
  const v = accountNameValidity(name);
  fcAssert(v !== 'too_short', 'validity_check_result != account_name_validity::too_short',
    "Account name '${name}' is too short. Use at least ${min} characters.", { name, min: MIN_ACCOUNT_NAME_LENGTH });
  fcAssert(v !== 'too_long', 'validity_check_result != account_name_validity::too_long',
    "Account name '${name}' is too long. Use maximum of ${max} characters.", { name, max: MAX_ACCOUNT_NAME_LENGTH });
  fcAssert(v !== 'invalid_sequence', 'validity_check_result != account_name_validity::invalid_sequence',
    "Account name '${name}' is not valid. Please follow the RFC 1035 rules.", { name });
}

/** hived validate_permlink (protocol level: length and UTF-8 only). */
export function validatePermlink(permlink: string): void {
  fcAssert(utf8Bytes(permlink) < HIVE_MAX_PERMLINK_LENGTH, 'permlink.size() < HIVE_MAX_PERMLINK_LENGTH', 'permlink is too long');
  fcAssert(isUtf8(permlink), 'fc::is_utf8( permlink )', 'permlink not formatted in UTF8');
}

/** fc::json::fast_is_valid, then the relaxed fallback (hive_operations.cpp validate_json_with_fallback). */
export function validateJson(json: string): void {
  let ok = false;
  if (isUtf8(json)) {
    try {
      JSON.parse(json);
      ok = true;
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    fcAssert(isUtf8(json), 'fc::is_utf8(json)', 'JSON not formatted in UTF8');
    fcAssert(false, 'fc::json::is_valid(json, fc::json::format_validation_mode::relaxed )', 'JSON is not valid JSON');
  }
}

function validateBeneficiaries(list: Array<{ account: string; weight: number }>): void {
  fcAssert(list.length > 0, 'beneficiaries.size()', 'Must specify at least one beneficiary');
  fcAssert(list.length < HIVE_BENEFICIARY_LIMIT, 'beneficiaries.size() < HIVE_BENEFICIARY_LIMIT',
    'Cannot specify more than ${max} beneficiaries.', { max: HIVE_BENEFICIARY_LIMIT - 1 });
  validateAccountName(list[0].account);
  fcAssert(list[0].weight <= HIVE_100_PERCENT, 'beneficiaries[0].weight <= HIVE_100_PERCENT', 'Cannot allocate more than 100% of rewards to one account');
  let sum = list[0].weight;
  fcAssert(sum <= HIVE_100_PERCENT, 'sum <= HIVE_100_PERCENT && "Cannot allocate more than 100% of rewards to a comment"', '');
  for (let i = 1; i < list.length; i++) {
    validateAccountName(list[i].account);
    fcAssert(list[i].weight <= HIVE_100_PERCENT, 'beneficiaries[i].weight <= HIVE_100_PERCENT', 'Cannot allocate more than 100% of rewards to one account');
    sum += list[i].weight;
    fcAssert(sum <= HIVE_100_PERCENT, 'sum <= HIVE_100_PERCENT', 'Cannot allocate more than 100% of rewards to a comment');
    fcAssert(list[i - 1].account < list[i].account, 'beneficiaries[i - 1] < beneficiaries[i]', 'Beneficiaries must be specified in sorted order (account ascending)');
  }
}

/** hive_operations.cpp validate_auth_size (HIVE_PROTOCOL_AUTHORITY_ASSERT). */
export function validateAuthSize(a: { account_auths: unknown[]; key_auths: unknown[] }): void {
  const size = a.account_auths.length + a.key_auths.length;
  fcAssert(size <= HIVE_MAX_AUTHORITY_MEMBERSHIP, 'size <= HIVE_MAX_AUTHORITY_MEMBERSHIP',
    'Authority membership exceeded. Max: ${max} Current: ${n}', { max: HIVE_MAX_AUTHORITY_MEMBERSHIP, n: size, category: 'protocol', subject_type: 'authority', subject: a });
}

/** The operation's validate() as hived 1.28 runs it before any state is read. */
export function validateOperation([name, o]: LegacyOp): void {
  switch (name) {
    case 'comment': {
      fcAssert(utf8Bytes(o.title) < HIVE_COMMENT_TITLE_LIMIT, 'title.size() < HIVE_COMMENT_TITLE_LIMIT',
        'Title size limit exceeded. Max: ${max} Current: ${n}', { max: HIVE_COMMENT_TITLE_LIMIT - 1, n: utf8Bytes(o.title) });
      fcAssert(isUtf8(o.title), 'fc::is_utf8( title )', 'Title not formatted in UTF8');
      fcAssert(o.body.length > 0, 'body.size() > 0', 'Body is empty');
      fcAssert(isUtf8(o.body), 'fc::is_utf8( body )', 'Body not formatted in UTF8');
      if (o.parent_author.length) validateAccountName(o.parent_author);
      validateAccountName(o.author);
      validatePermlink(o.parent_permlink);
      validatePermlink(o.permlink);
      if (o.json_metadata.length) validateJson(o.json_metadata);
      return;
    }
    case 'comment_options': {
      validateAccountName(o.author);
      fcAssert(o.percent_hbd <= HIVE_100_PERCENT, 'percent_hbd <= HIVE_100_PERCENT', 'Percent cannot exceed 100%');
      const payout = parseAsset(o.max_accepted_payout);
      fcAssert(payout.symbol === 'HBD', 'max_accepted_payout.symbol == HBD_SYMBOL', 'Max accepted payout must be in HBD');
      fcAssert(payout.amount >= 0n, 'max_accepted_payout.amount.value >= 0', 'Cannot accept less than 0 payout');
      validatePermlink(o.permlink);
      for (const [, ext] of o.extensions as Array<[number, { beneficiaries: Array<{ account: string; weight: number }> }]>) {
        validateBeneficiaries(ext.beneficiaries);
      }
      return;
    }
    case 'delete_comment':
      validatePermlink(o.permlink);
      validateAccountName(o.author);
      return;
    case 'vote':
      validateAccountName(o.voter);
      validateAccountName(o.author);
      fcAssert(Math.abs(o.weight) <= HIVE_100_PERCENT, 'abs(weight) <= HIVE_100_PERCENT', 'Weight is not a HIVE percentage');
      validatePermlink(o.permlink);
      return;
    case 'transfer': {
      validateAccountName(o.from);
      validateAccountName(o.to);
      const amount = parseAsset(o.amount);
      fcAssert(amount.symbol !== 'VESTS', 'amount.symbol.is_vesting() == false && "Transfer of vesting is not allowed."', '');
      fcAssert(amount.amount > 0n, 'amount.amount > 0 && "Cannot transfer a negative amount (aka: stealing)"', '');
      fcAssert(utf8Bytes(o.memo) < HIVE_MAX_MEMO_SIZE, 'memo.size() < HIVE_MAX_MEMO_SIZE && "Transfer memo is too large"', '');
      fcAssert(isUtf8(o.memo), 'fc::is_utf8( memo ) && "Transfer memo is not UTF8"', '');
      return;
    }
    case 'custom_json': {
      const n = o.required_auths.length + o.required_posting_auths.length;
      fcAssert(n > 0, 'num_auths > 0', 'at least one account must be specified');
      fcAssert(n <= HIVE_MAX_AUTHORITY_MEMBERSHIP, 'num_auths <= HIVE_MAX_AUTHORITY_MEMBERSHIP',
        'Authority membership exceeded. Max: ${max} Current: ${n}', { max: HIVE_MAX_AUTHORITY_MEMBERSHIP, n });
      fcAssert(utf8Bytes(o.id) <= CUSTOM_OP_ID_MAX_LENGTH, 'id.size() <= HIVE_CUSTOM_OP_ID_MAX_LENGTH',
        'Operation ID length exceeded. Max: ${max} Current: ${n}', { max: CUSTOM_OP_ID_MAX_LENGTH, n: utf8Bytes(o.id) });
      validateJson(o.json);
      return;
    }
    case 'account_update':
      // hive_operations.cpp: "unfortunately can't have validate_auth_size here" (the evaluator checks it)
      validateAccountName(o.account);
      if (o.json_metadata.length) validateJson(o.json_metadata);
      return;
    case 'account_update2':
      validateAccountName(o.account);
      for (const k of ['owner', 'active', 'posting']) if (o[k]) validateAuthSize(o[k]);
      if (o.json_metadata.length) validateJson(o.json_metadata);
      if (o.posting_json_metadata.length) validateJson(o.posting_json_metadata);
      return;
  }
}

export interface RequiredAuthorities {
  posting: Set<string>;
  active: Set<string>;
  owner: Set<string>;
}

export function requiredAuthorities(ops: LegacyOp[]): RequiredAuthorities {
  const r: RequiredAuthorities = { posting: new Set(), active: new Set(), owner: new Set() };
  for (const [name, o] of ops) {
    switch (name) {
      case 'vote': r.posting.add(o.voter); break;
      case 'comment':
      case 'comment_options':
      case 'delete_comment': r.posting.add(o.author); break;
      case 'transfer': r.active.add(o.from); break;
      case 'custom_json':
        for (const a of o.required_auths) r.active.add(a);
        for (const a of o.required_posting_auths) r.posting.add(a);
        break;
      case 'account_update':
        if (o.owner) r.owner.add(o.account);
        else r.active.add(o.account);
        break;
      case 'account_update2':
        // hive_operations.hpp account_update2_operation::get_required_*_authorities
        if (o.owner) r.owner.add(o.account);
        else if (o.active || o.posting || o.memo_key || o.json_metadata.length > 0) r.active.add(o.account);
        else r.posting.add(o.account);
        break;
    }
  }
  return r;
}

/**
 * resource_user.cpp get_resource_user: the RC payer is the first operation's
 * first required active, else owner, else posting authority (account order as
 * in the operation's flat_set, i.e. sorted).
 */
export function resourcePayer(ops: LegacyOp[]): string | null {
  for (const op of ops) {
    const r = requiredAuthorities([op]);
    for (const set of [r.active, r.owner, r.posting]) {
      const sorted = [...set].sort();
      if (sorted.length) return sorted[0];
    }
  }
  return null;
}

/** hived operation_get_impacted_accounts (account history and custom-op limits). */
export function impactedAccounts([name, o]: LegacyOp): string[] {
  const s = new Set<string>();
  switch (name) {
    case 'vote': s.add(o.voter); s.add(o.author); break;
    case 'comment': s.add(o.author); if (o.parent_author) s.add(o.parent_author); break;
    case 'comment_options':
    case 'delete_comment': s.add(o.author); break;
    case 'transfer': s.add(o.from); s.add(o.to); break;
    case 'custom_json': for (const a of [...o.required_auths, ...o.required_posting_auths]) s.add(a); break;
    case 'account_update':
    case 'account_update2': s.add(o.account); break;
  }
  return [...s];
}
