/**
 * Numbers as hived's JSON writes them: fc::json prints an int64/uint64 whose
 * magnitude exceeds 0xffffffff as a quoted string (see "proxied_vsf_votes" or
 * an RC manabar's "current_mana" in any condenser_api.get_accounts answer), and
 * smaller ones as numbers. hivemind (json_stringify_numeric) switches at 2^53.
 */
export function fcInt(n: number | bigint): number | string {
  const v = BigInt(n);
  return v > 0xffffffffn || v < -0xffffffffn ? v.toString() : Number(v);
}

export function hivemindNumeric(n: number | bigint): number | string {
  const v = BigInt(n);
  return v > 9007199254740991n || v < -9007199254740991n ? v.toString() : Number(v);
}
