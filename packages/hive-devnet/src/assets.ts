/**
 * Hive assets as integers of their smallest unit: HIVE and HBD have 3 decimals,
 * VESTS 6. Legacy (condenser) form is the string "1.000 HIVE"; the HF26 API form
 * is `{amount: "1000", precision: 3, nai: "@@000000021"}`.
 */
import { fcAssert, fcFail } from './errors';

export type AssetSymbol = 'HIVE' | 'HBD' | 'VESTS';

export const ASSET_PRECISION: Record<AssetSymbol, number> = { HIVE: 3, HBD: 3, VESTS: 6 };
export const ASSET_NAI: Record<AssetSymbol, string> = { HIVE: '@@000000021', HBD: '@@000000013', VESTS: '@@000000037' };
const NAI_TO_SYMBOL: Record<string, AssetSymbol> = { '@@000000021': 'HIVE', '@@000000013': 'HBD', '@@000000037': 'VESTS' };

export interface Asset {
  amount: bigint;
  symbol: AssetSymbol;
}

export interface NaiAsset {
  amount: string;
  precision: number;
  nai: string;
}

const LEGACY_RE = /^(-?)(\d+)(?:\.(\d+))? ([A-Z]+)$/;

/** Parse a legacy asset string or an HF26 NAI object. Throws an fc assert on bad input. */
export function parseAsset(value: unknown): Asset {
  if (typeof value === 'string') {
    const m = LEGACY_RE.exec(value.trim());
    if (!m) fcFail('false', 'Invalid asset string: ${s}', { s: value });
    const symbol = m[4] as AssetSymbol;
    fcAssert(symbol in ASSET_PRECISION, 'false', 'Unknown asset symbol ${s}', { s: m[4] });
    const precision = ASSET_PRECISION[symbol];
    const frac = m[3] ?? '';
    fcAssert(frac.length === precision, 'precision == symbol.decimals()', 'Asset precision mismatch for ${s}', { s: value });
    const amount = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
    return { amount, symbol };
  }
  if (value && typeof value === 'object') {
    const v = value as Partial<NaiAsset>;
    const symbol = NAI_TO_SYMBOL[String(v.nai)];
    fcAssert(symbol !== undefined, 'false', 'Unknown NAI ${n}', { n: v.nai });
    fcAssert(v.precision === ASSET_PRECISION[symbol], 'precision == symbol.decimals()', 'Asset precision mismatch');
    fcAssert(/^-?\d+$/.test(String(v.amount)), 'false', 'Invalid asset amount ${a}', { a: v.amount });
    return { amount: BigInt(String(v.amount)), symbol };
  }
  return fcFail('false', 'Invalid asset');
}

export function formatAsset(amount: bigint | number, symbol: AssetSymbol): string {
  const p = ASSET_PRECISION[symbol];
  const a = BigInt(amount);
  const neg = a < 0n;
  const s = (neg ? -a : a).toString().padStart(p + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, s.length - p)}.${s.slice(s.length - p)} ${symbol}`;
}

export function naiAsset(amount: bigint | number, symbol: AssetSymbol): NaiAsset {
  return { amount: BigInt(amount).toString(), precision: ASSET_PRECISION[symbol], nai: ASSET_NAI[symbol] };
}

/** Convert a legacy asset string to the NAI object form. */
export function legacyToNai(value: string): NaiAsset {
  const a = parseAsset(value);
  return naiAsset(a.amount, a.symbol);
}

/** Convert a NAI object (or string) to the legacy string form. */
export function toLegacy(value: unknown): string {
  const a = parseAsset(value);
  return formatAsset(a.amount, a.symbol);
}

export function isNaiObject(value: unknown): value is NaiAsset {
  return !!value && typeof value === 'object' && 'nai' in (value as object) && 'amount' in (value as object);
}
