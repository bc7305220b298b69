/**
 * Public key strings as hived reads them (libraries/protocol/types.cpp
 * public_key_type): a 3-letter address prefix, then base58 of the 33-byte
 * compressed key followed by the first 4 bytes of its ripemd160 (checksum).
 * hived checks the prefix against its own; the devnet takes any 3 capitals, so
 * STM and TST keys both read. The all-zero "null" key (…1111114T1Anm) is valid.
 */
import crypto from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_INDEX = new Map([...BASE58].map((c, i) => [c, BigInt(i)]));
const KEY_BYTES = 33;
const CHECKSUM_BYTES = 4;

function base58Decode(s: string): Buffer {
  let n = 0n;
  for (const c of s) {
    const d = BASE58_INDEX.get(c);
    if (d === undefined) throw new TypeError('invalid base58 character');
    n = n * 58n + d;
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const c of s) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

const cache = new Map<string, Buffer>();

/** The 33 key bytes of a public key string; throws TypeError when it is not one. */
export function decodePublicKey(key: string): Buffer {
  const hit = cache.get(key);
  if (hit) return hit;
  if (typeof key !== 'string' || !/^[A-Z]{3}[1-9A-HJ-NP-Za-km-z]+$/.test(key)) throw new TypeError(`invalid public key ${String(key)}`);
  const raw = base58Decode(key.slice(3));
  if (raw.length !== KEY_BYTES + CHECKSUM_BYTES) throw new TypeError(`invalid public key ${key}`);
  const body = raw.subarray(0, KEY_BYTES);
  const checksum = crypto.createHash('ripemd160').update(body).digest().subarray(0, CHECKSUM_BYTES);
  if (!checksum.equals(raw.subarray(KEY_BYTES))) throw new TypeError(`invalid public key checksum ${key}`);
  const out = Buffer.from(body);
  cache.set(key, out);
  return out;
}

/** Whether a string is a well-formed public key. */
export function isPublicKey(key: unknown): key is string {
  try {
    decodePublicKey(key as string);
    return true;
  } catch {
    return false;
  }
}
