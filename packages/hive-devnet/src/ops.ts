/**
 * Operations the devnet understands: shape checks, hived's stateless
 * `validate()` (libraries/protocol/hive_operations.cpp, hived 1.28), required
 * authorities and impacted accounts.
 */
import { isNaiObject, parseAsset, toLegacy } from './assets';
import { HivedError, specialisedAssert } from './errors';
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
      str(o, 'voter');
      str(o, 'author');
      str(o, 'permlink');
      int(o, 'weight', -32768, 32767);
      break;
    case 'comment':
      for (const k of ['parent_author', 'parent_permlink', 'author', 'permlink', 'title', 'body', 'json_metadata']) str(o, k);
      break;
    case 'transfer':
      str(o, 'from');
      str(o, 'to');
      str(o, 'amount');
      str(o, 'memo');
      break;
    case 'custom_json':
      names(o, 'required_auths');
      names(o, 'required_posting_auths');
      str(o, 'id');
      str(o, 'json');
      break;
    case 'delete_comment':
      str(o, 'author');
      str(o, 'permlink');
      break;
    case 'comment_options': {
      str(o, 'author');
      str(o, 'permlink');
      str(o, 'max_accepted_payout');
      int(o, 'percent_hbd', 0, 65535);
      bool(o, 'allow_votes');
      bool(o, 'allow_curation_rewards');
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
      str(o, 'account');
      publicKey(o, 'memo_key');
      str(o, 'json_metadata');
      for (const k of ['owner', 'active', 'posting']) if (o[k] !== undefined && o[k] !== null) authority(o, k);
      break;
    case 'account_update2':
      str(o, 'account');
      if (o.json_metadata === undefined) o.json_metadata = '';
      if (o.posting_json_metadata === undefined) o.posting_json_metadata = '';
      if (o.extensions === undefined) o.extensions = [];
      str(o, 'json_metadata');
      str(o, 'posting_json_metadata');
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

// ---------------------------------------------------------------- validation helpers
// hived 1.28.6 validates with libraries/protocol/include/hive/protocol/validation.hpp's helpers,
// each a HIVE_PROTOCOL_*_ASSERT: the text is the helper's own ("String is too large. …"), the
// caller's text travels as data.context, and category/subject_type/subject are added to the data.

type SubjectType = 'string' | 'number' | 'asset' | 'account_name' | 'authority';
const protocolAssert = (cond: unknown, expr: string, subjectType: SubjectType, text: string, data: Record<string, unknown> = {}, subject?: unknown): void =>
  specialisedAssert(cond, expr, { category: 'protocol', subjectType, subject }, text, data);

/** validate_string_max_size: at most `max` bytes. */
function validateStringMaxSize(str: string, max: number, context: string): void {
  protocolAssert(
    utf8Bytes(str) <= max,
    'str.size() <= max_size',
    'string',
    'String is too large. Size: ${size}, Max: ${max}',
    { size: utf8Bytes(str), max, context },
    str,
  );
}
/** validate_is_utf8. */
function validateIsUtf8(str: string, context: string): void {
  protocolAssert(isUtf8(str), 'fc::is_utf8( str )', 'string', 'String is not valid UTF8.', { context }, str);
}
/** validate_string_is_not_empty. */
function validateStringIsNotEmpty(str: string, context: string): void {
  protocolAssert(str.length > 0, 'str.size() > 0', 'string', 'String is empty.', { context }, str);
}
/** validate_number_in_100_percent_range; `extra` is the object whose fields join the data (extra_context_obj). */
function validateNumberIn100PercentRange(n: number, context: string, extra: Record<string, unknown> = {}): void {
  protocolAssert(
    n <= HIVE_100_PERCENT,
    'number <= HIVE_100_PERCENT',
    'number',
    'Number exceeds 100 percent. Value: ${subject}, Max: ${max}',
    { context, max: HIVE_100_PERCENT, ...extra },
    n,
  );
}
const NAI_SYMBOL: Record<string, { nai: string; decimals: number }> = {
  HIVE: { nai: '@@000000021', decimals: 3 },
  HBD: { nai: '@@000000013', decimals: 3 },
  VESTS: { nai: '@@000000037', decimals: 6 },
};
const assetVariant = (a: { amount: bigint; symbol: string }) => ({
  amount: a.amount.toString(),
  precision: NAI_SYMBOL[a.symbol].decimals,
  nai: NAI_SYMBOL[a.symbol].nai,
});
/** validate_asset_type. */
function validateAssetType(a: { amount: bigint; symbol: string }, symbol: 'HIVE' | 'HBD' | 'VESTS', context: string): void {
  protocolAssert(
    a.symbol === symbol,
    'is_asset_type( asset, symbol)',
    'asset',
    'Asset symbol does not match expected symbol. Expected: ${expected}, Actual: ${subject}',
    { expected: NAI_SYMBOL[symbol], context },
    assetVariant(a),
  );
}
/** validate_asset_not_negative. */
function validateAssetNotNegative(a: { amount: bigint; symbol: string }, context: string): void {
  protocolAssert(a.amount >= 0n, 'asset.amount >= 0', 'asset', 'Asset amount cannot be negative. Actual: ${subject}', { context }, assetVariant(a));
}
/** validate_asset_greater_than_zero. */
function validateAssetGreaterThanZero(a: { amount: bigint; symbol: string }, context: string): void {
  protocolAssert(a.amount > 0n, 'asset.amount > 0', 'asset', 'Asset amount must be greater than zero. Actual: ${subject}', { context }, assetVariant(a));
}
/** validate_asset_is_not_vesting. */
function validateAssetIsNotVesting(a: { amount: bigint; symbol: string }, context: string): void {
  protocolAssert(
    a.symbol !== 'VESTS',
    'not asset.symbol.is_vesting()',
    'asset',
    'Asset cannot be of VESTS type. Actual: ${subject}',
    { context },
    assetVariant(a),
  );
}

/** validation.hpp validate_account_name. */
export function validateAccountName(name: string): void {
  const v = accountNameValidity(name);
  protocolAssert(
    v !== 'too_short',
    'validity_check_result != account_name_validity::too_short',
    'account_name',
    "Account name '${subject}' is too short. Use at least ${min} characters.",
    { subject: name, reason: v, min: MIN_ACCOUNT_NAME_LENGTH },
  );
  protocolAssert(
    v !== 'too_long',
    'validity_check_result != account_name_validity::too_long',
    'account_name',
    "Account name '${subject}' is too long. Use maximum of ${max} characters.",
    { subject: name, reason: v, max: MAX_ACCOUNT_NAME_LENGTH },
  );
  protocolAssert(
    v !== 'invalid_sequence',
    'validity_check_result != account_name_validity::invalid_sequence',
    'account_name',
    "Account name '${subject}' is not valid. Please follow the RFC 1035 rules.",
    { subject: name, reason: v },
  );
}

/** validation.hpp validate_permlink (protocol level: length and UTF-8 only). */
export function validatePermlink(permlink: string): void {
  protocolAssert(utf8Bytes(permlink) < HIVE_MAX_PERMLINK_LENGTH, 'permlink.size() < HIVE_MAX_PERMLINK_LENGTH', 'string', 'permlink is too long: `${subject}`', {
    subject: permlink,
  });
  protocolAssert(isUtf8(permlink), 'fc::is_utf8( permlink )', 'string', 'permlink not formatted in UTF8', { subject: permlink });
}

/** hive_operations.cpp validate_json_with_fallback: fc::json::fast_is_valid, then UTF-8 and the relaxed parser. */
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
    validateIsUtf8(json, 'JSON not formatted in UTF8');
    protocolAssert(false, 'fc::json::is_valid(json, fc::json::format_validation_mode::relaxed )', 'string', 'JSON is not valid JSON', { subject: json });
  }
}

/** comment_payout_beneficiaries::validate. */
function validateBeneficiaries(list: Array<{ account: string; weight: number }>): void {
  const exceeded = 'Cannot allocate more than 100% of rewards to a comment';
  const self = { beneficiaries: list };
  protocolAssert(list.length > 0, 'beneficiaries.size()', 'number', 'Must specify at least one beneficiary', { subject: list.length });
  protocolAssert(
    list.length < HIVE_BENEFICIARY_LIMIT,
    'beneficiaries.size() < HIVE_BENEFICIARY_LIMIT',
    'number',
    'Cannot specify more than ${max} beneficiaries.',
    { max: HIVE_BENEFICIARY_LIMIT - 1, subject: list.length },
  );
  validateAccountName(list[0].account);
  validateNumberIn100PercentRange(list[0].weight, exceeded, self);
  let sum = list[0].weight;
  validateNumberIn100PercentRange(sum, exceeded, self);
  for (let i = 1; i < list.length; i++) {
    validateAccountName(list[i].account);
    validateNumberIn100PercentRange(list[i].weight, exceeded, self);
    sum += list[i].weight;
    validateNumberIn100PercentRange(sum, exceeded, self);
    protocolAssert(
      list[i - 1].account < list[i].account,
      'beneficiaries[i - 1] < beneficiaries[i]',
      'account_name',
      'Beneficiaries must be specified in sorted order (account ascending)',
      { subject: list[i].account, previous: list[i - 1].account },
    );
  }
}

/** hive_operations.cpp validate_auth_size (HIVE_PROTOCOL_AUTHORITY_ASSERT). */
export function validateAuthSize(a: { account_auths: unknown[]; key_auths: unknown[] }): void {
  const size = a.account_auths.length + a.key_auths.length;
  protocolAssert(
    size <= HIVE_MAX_AUTHORITY_MEMBERSHIP,
    'size <= HIVE_MAX_AUTHORITY_MEMBERSHIP',
    'authority',
    'Authority membership exceeded. Max: ${max} Current: ${n}',
    { max: HIVE_MAX_AUTHORITY_MEMBERSHIP, n: size, subject: a },
  );
}

/** The operation's validate() as hived 1.28.6 runs it before any state is read (libraries/protocol/hive_operations.cpp). */
export function validateOperation([name, o]: LegacyOp): void {
  switch (name) {
    case 'comment': {
      validateStringMaxSize(o.title, HIVE_COMMENT_TITLE_LIMIT - 1, 'Title size limit exceeded.');
      validateIsUtf8(o.title, 'Title not formatted in UTF8');
      validateStringIsNotEmpty(o.body, 'Body is empty');
      validateIsUtf8(o.body, 'Body not formatted in UTF8');
      if (o.parent_author.length) validateAccountName(o.parent_author);
      validateAccountName(o.author);
      validatePermlink(o.parent_permlink);
      validatePermlink(o.permlink);
      if (o.json_metadata.length) validateJson(o.json_metadata);
      return;
    }
    case 'comment_options': {
      validateAccountName(o.author);
      validateNumberIn100PercentRange(o.percent_hbd, 'Percent cannot exceed 100%');
      const payout = parseAsset(o.max_accepted_payout);
      validateAssetType(payout, 'HBD', 'Max accepted payout must be in HBD');
      validateAssetNotNegative(payout, 'Cannot accept less than 0 payout');
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
      validateNumberIn100PercentRange(Math.abs(o.weight), 'Weight is not a HIVE percentage');
      validatePermlink(o.permlink);
      return;
    case 'transfer': {
      validateAccountName(o.from);
      validateAccountName(o.to);
      const amount = parseAsset(o.amount);
      validateAssetIsNotVesting(amount, 'Transfer of vesting is not allowed.');
      validateAssetGreaterThanZero(amount, 'Cannot transfer a negative amount (aka: stealing)');
      validateStringMaxSize(o.memo, HIVE_MAX_MEMO_SIZE - 1, 'Transfer memo is too large');
      validateIsUtf8(o.memo, 'Transfer memo is not UTF8');
      return;
    }
    case 'custom_json': {
      const n = o.required_auths.length + o.required_posting_auths.length;
      protocolAssert(n > 0, 'num_auths > 0', 'number', 'at least one account must be specified', {
        subject: n,
        required_auths_size: o.required_auths.length,
        required_posting_auths_size: o.required_posting_auths.length,
      });
      protocolAssert(
        n <= HIVE_MAX_AUTHORITY_MEMBERSHIP,
        'num_auths <= HIVE_MAX_AUTHORITY_MEMBERSHIP',
        'number',
        'Authority membership exceeded. Max: ${max} Current: ${n}',
        { max: HIVE_MAX_AUTHORITY_MEMBERSHIP, n, subject: n },
      );
      protocolAssert(
        utf8Bytes(o.id) <= CUSTOM_OP_ID_MAX_LENGTH,
        'id.size() <= HIVE_CUSTOM_OP_ID_MAX_LENGTH',
        'string',
        'Operation ID length exceeded. Max: ${max} Current: ${n}',
        { subject: o.id, max: CUSTOM_OP_ID_MAX_LENGTH, n: utf8Bytes(o.id) },
      );
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
      case 'vote':
        r.posting.add(o.voter);
        break;
      case 'comment':
      case 'comment_options':
      case 'delete_comment':
        r.posting.add(o.author);
        break;
      case 'transfer':
        r.active.add(o.from);
        break;
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
    case 'vote':
      s.add(o.voter);
      s.add(o.author);
      break;
    case 'comment':
      s.add(o.author);
      if (o.parent_author) s.add(o.parent_author);
      break;
    case 'comment_options':
    case 'delete_comment':
      s.add(o.author);
      break;
    case 'transfer':
      s.add(o.from);
      s.add(o.to);
      break;
    case 'custom_json':
      for (const a of [...o.required_auths, ...o.required_posting_auths]) s.add(a);
      break;
    case 'account_update':
    case 'account_update2':
      s.add(o.account);
      break;
  }
  return [...s];
}
