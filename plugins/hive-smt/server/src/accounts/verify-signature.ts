/**
 * Proof that a member controls a Hive account, as Hive Keychain's
 * `requestSignBuffer` makes it: a compact secp256k1 signature (65 bytes, hex)
 * over sha256 of the UTF-8 challenge, made with one of the account's keys.
 */
import { createHash } from 'crypto';
import { Signature } from '@hiveio/dhive';

export type KeyRoleOnChain = 'posting' | 'active' | 'owner';

export type LinkVerification = { ok: true; publicKey: string; role: KeyRoleOnChain } | { ok: false; reason: string };

const COMPACT_SIGNATURE_HEX = /^[0-9a-fA-F]{130}$/;

/** sha256 of the challenge's UTF-8 bytes: what Keychain signs for requestSignBuffer. */
export const challengeDigest = (challenge: string) => createHash('sha256').update(challenge, 'utf8').digest();

/** The public key behind a signature of the challenge, or null when the signature is malformed. */
export function recoverSigner(challenge: string, signatureHex: string, addressPrefix: string): string | null {
  if (!COMPACT_SIGNATURE_HEX.test(signatureHex)) return null;
  try {
    return Signature.fromString(signatureHex.toLowerCase()).recover(challengeDigest(challenge), addressPrefix).toString();
  } catch {
    return null;
  }
}

/**
 * Checks a signature of `challenge` against the account's current keys on
 * chain (posting first, then active and owner): the key must be one of the
 * account's key_auths with a weight that meets that authority's
 * weight_threshold on its own — one key of a 2-of-3 multisig does not prove
 * control of the account. `account` is a condenser/database API account object.
 */
/** The fields of an account (condenser_api / database_api) the check reads. */
export interface AccountKeys {
  name: string;
  owner?: KeyAuthority;
  active?: KeyAuthority;
  posting?: KeyAuthority;
}

interface KeyAuthority {
  weight_threshold?: number;
  key_auths?: Array<[unknown, number]>;
}

export function verifyLinkSignature(input: {
  challenge: string;
  signature: string;
  account: AccountKeys | null | undefined;
  addressPrefix: string;
}): LinkVerification {
  const { challenge, signature, account, addressPrefix } = input;
  if (!account) return { ok: false, reason: 'This Hive account does not exist on the chain. Check the spelling of the account name.' };
  const signer = recoverSigner(challenge, signature.trim().replace(/^0x/, ''), addressPrefix);
  if (!signer) {
    return {
      ok: false,
      reason: 'The signature is not a Hive signature: send the hex string Hive Keychain returns from requestSignBuffer (130 hex characters).',
    };
  }
  let belowThreshold: KeyRoleOnChain | null = null;
  for (const role of ['posting', 'active', 'owner'] as KeyRoleOnChain[]) {
    const authority = account[role];
    const keys = authority?.key_auths ?? [];
    const entry = keys.find(([key]) => String(key) === signer);
    if (!entry) continue;
    if (Number(entry[1]) >= Number(authority?.weight_threshold ?? 1)) return { ok: true, publicKey: signer, role };
    belowThreshold ??= role;
  }
  if (belowThreshold) {
    return {
      ok: false,
      reason: `The key that signed is one of @${account.name}'s ${belowThreshold} keys, but it alone does not control the account (its weight is below the authority's threshold). Sign with a key that can act for @${account.name} on its own.`,
    };
  }
  return {
    ok: false,
    reason: `The challenge was not signed with a key of @${account.name}: sign it with the account's posting key (in Keychain: choose @${account.name}, key type "Posting"), and sign the latest challenge exactly as received.`,
  };
}
