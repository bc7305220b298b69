/**
 * Hive account and community names, checked the way the chain checks them,
 * with messages an admin or a member can act on.
 */
import { COMMUNITY_NAME_PATTERN, MAX_ACCOUNT_NAME_LENGTH, MIN_ACCOUNT_NAME_LENGTH } from './protocol';

/**
 * 'chain' is hived's `is_valid_account_name` (what a transaction accepts, so
 * every existing account passes). 'signup' adds the account-creation rule of
 * Hive frontends (condenser's ChainValidation): no two dashes in a row — use
 * it only for names about to be created; hived itself allows `a--b`.
 */
export type AccountNameRules = 'chain' | 'signup';

const LETTER = /[a-z]/;
const LETTER_OR_DIGIT = /[a-z0-9]/;
const ALLOWED = /^[a-z0-9.-]*$/;

/** Why `name` is not a valid Hive account name, or null when it is one. */
export function accountNameError(name: string, options: { rules?: AccountNameRules } = {}): string | null {
  if (typeof name !== 'string' || name.trim() === '') {
    return `Enter a Hive account name: ${MIN_ACCOUNT_NAME_LENGTH} to ${MAX_ACCOUNT_NAME_LENGTH} lowercase letters, digits, dashes or dots.`;
  }
  if (name.startsWith('@')) {
    return `Leave out the "@": the account name is "${name.slice(1)}".`;
  }
  if (name !== name.trim()) {
    return `Remove the spaces around "${name.trim()}".`;
  }
  if (name !== name.toLowerCase()) {
    return `Hive account names are lowercase: use "${name.toLowerCase()}".`;
  }
  const bad = [...name].find((ch) => !ALLOWED.test(ch));
  if (bad !== undefined) {
    return `Hive account names contain only lowercase letters (a–z), digits, dashes and dots; "${bad}" is not allowed.`;
  }
  // All characters are ASCII from here on, so length is also hived's byte length.
  if (name.length < MIN_ACCOUNT_NAME_LENGTH || name.length > MAX_ACCOUNT_NAME_LENGTH) {
    return `Hive account names are ${MIN_ACCOUNT_NAME_LENGTH} to ${MAX_ACCOUNT_NAME_LENGTH} characters long; "${name}" has ${name.length}.`;
  }
  for (const segment of name.split('.')) {
    const error = segmentError(segment, name, options.rules ?? 'chain');
    if (error) return error;
  }
  return null;
}

/** True when hived would accept `name` as an account name. */
export function isValidAccountName(name: string): boolean {
  return accountNameError(name) === null;
}

/** Why `name` is not a Hive community name (hive-1xxxx … hive-3xxxxxx), or null. */
export function communityNameError(name: string): string | null {
  if (typeof name === 'string' && COMMUNITY_NAME_PATTERN.test(name)) return null;
  const cleaned = typeof name === 'string' ? name.trim().toLowerCase() : '';
  if (COMMUNITY_NAME_PATTERN.test(cleaned)) return `Use "${cleaned}": lowercase, without spaces.`;
  return (
    'Hive community names look like "hive-123456": "hive-", then 1, 2 or 3 (the community type), ' +
    "then 4 to 6 more digits. Copy it from the community's page address."
  );
}

function segmentError(segment: string, name: string, rules: AccountNameRules): string | null {
  const dotted = name.includes('.');
  const part = dotted ? `Each dot-separated part of a Hive account name` : 'A Hive account name';
  if (segment.length < MIN_ACCOUNT_NAME_LENGTH) {
    return dotted
      ? `${part} needs at least ${MIN_ACCOUNT_NAME_LENGTH} characters; "${segment}" in "${name}" is too short.`
      : `${part} needs at least ${MIN_ACCOUNT_NAME_LENGTH} characters.`;
  }
  if (!LETTER.test(segment[0])) {
    return `${part} must start with a letter; "${segment}" starts with "${segment[0]}".`;
  }
  if (!LETTER_OR_DIGIT.test(segment[segment.length - 1])) {
    return `${part} must end with a letter or digit; "${segment}" ends with "${segment[segment.length - 1]}".`;
  }
  if (rules === 'signup' && segment.includes('--')) {
    return `New Hive account names cannot have two dashes in a row ("${segment}").`;
  }
  return null;
}
