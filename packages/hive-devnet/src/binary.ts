/**
 * hived's binary serialization (fc::raw::pack) of the transactions the devnet
 * accepts: its own serializer, so the transaction id and signing digest it checks
 * signatures against are computed from hived's rules, not from a client library.
 *
 * Two packings exist since HF26 (libraries/protocol/include/hive/protocol/asset_symbol.hpp):
 * - legacy: an asset's symbol is 8 bytes, precision then the name ("STEEM", "SBD",
 *   "VESTS" on a mainnet build), what dhive and pre-HF26 clients sign;
 * - hf26: the symbol is its 4-byte asset_num (NAI << 5 | precision).
 * Everything else packs the same way: integers little endian, varint32 lengths,
 * strings as varint length + UTF-8 bytes, optional<T> as a 0/1 byte then T,
 * flat_set/flat_map/vector as varint count then elements, static_variant as a
 * varint tag then the value, time_point_sec as uint32 seconds, public keys as 33
 * compressed bytes. Field order is each operation's FC_REFLECT order
 * (libraries/protocol/include/hive/protocol/hive_operations.hpp).
 */
import { decodePublicKey } from './keys';
import { parseAsset, type AssetSymbol } from './assets';
import { parseTime } from './time';
import type { LegacyOp } from './ops';

export type PackType = 'legacy' | 'hf26';

/** static_variant tags of hive::protocol::operation (operations.hpp). */
export const OPERATION_TAGS: Readonly<Record<string, number>> = {
  vote: 0,
  comment: 1,
  transfer: 2,
  account_update: 10,
  delete_comment: 17,
  custom_json: 18,
  comment_options: 19,
  account_update2: 43,
};

/** asset_symbol.hpp, mainnet build: legacy symbol bytes (precision, then the name) and HF26 asset_num. */
const LEGACY_SYMBOL: Record<AssetSymbol, { precision: number; name: string }> = {
  HIVE: { precision: 3, name: 'STEEM' },
  HBD: { precision: 3, name: 'SBD' },
  VESTS: { precision: 6, name: 'VESTS' },
};
const SMT_MAX_NAI = 99999999;
const NAI_SHIFT = 5;
const ASSET_NUM: Record<AssetSymbol, number> = {
  HBD: ((SMT_MAX_NAI + 1) << NAI_SHIFT) | 3,
  HIVE: ((SMT_MAX_NAI + 2) << NAI_SHIFT) | 3,
  VESTS: ((SMT_MAX_NAI + 3) << NAI_SHIFT) | 6,
};

/** Appends fc::raw encodings to a growing buffer. */
export class Packer {
  private chunks: Buffer[] = [];
  constructor(readonly pack: PackType) {}

  bytes(b: Buffer): this {
    this.chunks.push(b);
    return this;
  }
  u8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeUInt8(v);
    return this.bytes(b);
  }
  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    return this.bytes(b);
  }
  i16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16LE(v);
    return this.bytes(b);
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    return this.bytes(b);
  }
  i64(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(v);
    return this.bytes(b);
  }
  varint(v: number): this {
    let n = v >>> 0;
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return this.bytes(Buffer.from(out));
  }
  bool(v: boolean): this {
    return this.u8(v ? 1 : 0);
  }
  string(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.varint(b.length).bytes(b);
  }
  stringSet(list: string[]): this {
    // flat_set< account_name_type > is ordered; hived packs it in that order
    const sorted = [...list].sort();
    this.varint(sorted.length);
    for (const s of sorted) this.string(s);
    return this;
  }
  publicKey(key: string): this {
    return this.bytes(decodePublicKey(key));
  }
  timePointSec(iso: string): this {
    return this.u32(parseTime(iso));
  }
  asset(value: unknown): this {
    const a = parseAsset(value);
    this.i64(a.amount);
    if (this.pack === 'hf26') return this.u32(ASSET_NUM[a.symbol]);
    const { precision, name } = LEGACY_SYMBOL[a.symbol];
    const sym = Buffer.alloc(7);
    sym.write(name, 'latin1');
    return this.u8(precision).bytes(sym);
  }
  authority(a: { weight_threshold: number; account_auths: Array<[string, number]>; key_auths: Array<[string, number]> }): this {
    this.u32(a.weight_threshold);
    // flat_map< account_name_type, weight_type >: ordered by name
    const accounts = [...a.account_auths].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    this.varint(accounts.length);
    for (const [name, weight] of accounts) this.string(name).u16(weight);
    // flat_map< public_key_type, weight_type >: ordered by the key's bytes
    const keys = a.key_auths.map(([k, w]) => [decodePublicKey(k), w] as const).sort((x, y) => Buffer.compare(x[0], y[0]));
    this.varint(keys.length);
    for (const [k, weight] of keys) this.bytes(k).u16(weight);
    return this;
  }
  optional<T>(value: T | null | undefined, write: (v: T) => void): this {
    if (value === undefined || value === null) return this.u8(0);
    this.u8(1);
    write(value);
    return this;
  }
  /** extensions_type with nothing in it (the only value hived accepts for these operations). */
  noExtensions(list: unknown[] | undefined): this {
    if (list && list.length > 0) throw new TypeError('extensions must be empty');
    return this.varint(0);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function packOperation(p: Packer, [name, o]: LegacyOp): void {
  const tag = OPERATION_TAGS[name];
  if (tag === undefined) throw new TypeError(`no serializer for ${name}`);
  p.varint(tag);
  switch (name) {
    case 'vote':
      p.string(o.voter).string(o.author).string(o.permlink).i16(o.weight);
      return;
    case 'comment':
      p.string(o.parent_author).string(o.parent_permlink).string(o.author).string(o.permlink).string(o.title).string(o.body).string(o.json_metadata);
      return;
    case 'transfer':
      p.string(o.from).string(o.to).asset(o.amount).string(o.memo);
      return;
    case 'account_update':
      p.string(o.account);
      p.optional(o.owner, (a) => p.authority(a))
        .optional(o.active, (a) => p.authority(a))
        .optional(o.posting, (a) => p.authority(a));
      p.publicKey(o.memo_key).string(o.json_metadata);
      return;
    case 'account_update2':
      p.string(o.account);
      p.optional(o.owner, (a) => p.authority(a))
        .optional(o.active, (a) => p.authority(a))
        .optional(o.posting, (a) => p.authority(a));
      p.optional(o.memo_key, (k: string) => p.publicKey(k));
      p.string(o.json_metadata).string(o.posting_json_metadata).noExtensions(o.extensions);
      return;
    case 'delete_comment':
      p.string(o.author).string(o.permlink);
      return;
    case 'custom_json':
      p.stringSet(o.required_auths).stringSet(o.required_posting_auths).string(o.id).string(o.json);
      return;
    case 'comment_options': {
      p.string(o.author).string(o.permlink).asset(o.max_accepted_payout).u16(o.percent_hbd).bool(o.allow_votes).bool(o.allow_curation_rewards);
      const extensions = o.extensions as Array<[number, { beneficiaries: Array<{ account: string; weight: number }> }]>;
      p.varint(extensions.length);
      for (const [extTag, ext] of extensions) {
        p.varint(extTag).varint(ext.beneficiaries.length);
        for (const b of ext.beneficiaries) p.string(b.account).u16(b.weight);
      }
      return;
    }
  }
}

export interface UnsignedTransaction {
  ref_block_num: number;
  ref_block_prefix: number;
  expiration: string;
  operations: LegacyOp[];
  extensions: unknown[];
}

/** fc::raw::pack of hive::protocol::transaction (transaction.hpp FC_REFLECT order) in the given packing. */
export function serializeTransaction(tx: UnsignedTransaction, pack: PackType = 'legacy'): Buffer {
  const p = new Packer(pack);
  p.u16(tx.ref_block_num).u32(tx.ref_block_prefix).timePointSec(tx.expiration);
  p.varint(tx.operations.length);
  for (const op of tx.operations) packOperation(p, op);
  p.noExtensions(tx.extensions);
  return p.toBuffer();
}

/** Whether a transaction's legacy and hf26 packings differ (only assets pack differently). */
export function packingsDiffer(tx: UnsignedTransaction): boolean {
  return !serializeTransaction(tx, 'legacy').equals(serializeTransaction(tx, 'hf26'));
}
