/**
 * Transaction ids and signing digests as @hiveio/wax (Hive's own protocol
 * code, compiled to WebAssembly) computes them, for cross-checks against
 * dhive. Reads {chainId, transactions} (legacy API form, as dhive signs them)
 * on stdin, prints [{id, digest}] (wax's legacy serialization, the form dhive
 * signs) on stdout. An ES module because wax ships only as one.
 */
import { createWaxFoundation } from '@hiveio/wax';

/** The NAI form of a legacy asset string (hived asset_symbol_type: HIVE @@000000021, HBD @@000000013, VESTS @@000000037). */
const NAI = { HIVE: ['@@000000021', 3], TESTS: ['@@000000021', 3], HBD: ['@@000000013', 3], TBD: ['@@000000013', 3], VESTS: ['@@000000037', 6] };
function toNai(text) {
  const [amount, symbol] = text.split(' ');
  const [nai, precision] = NAI[symbol];
  return { amount: amount.replace('.', '').replace(/^0+(?=\d)/, ''), precision, nai };
}

function convertValue(value) {
  if (typeof value === 'string' && /^\d+\.\d+ (HIVE|HBD|VESTS|TESTS|TBD)$/.test(value)) return toNai(value);
  if (Array.isArray(value)) return value.map(convertValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(v)]));
  return value;
}

const COMMENT_OPTIONS_EXTENSIONS = { 0: 'comment_payout_beneficiaries' };

function convertOperation([name, body]) {
  const value = convertValue(body);
  if (name === 'comment_options') {
    value.extensions = (body.extensions ?? []).map(([tag, ext]) => ({ type: COMMENT_OPTIONS_EXTENSIONS[tag], value: ext }));
  }
  return { type: `${name}_operation`, value };
}

const input = JSON.parse(await new Promise((resolve) => {
  let raw = '';
  process.stdin.on('data', (c) => (raw += c));
  process.stdin.on('end', () => resolve(raw));
}));
const wax = await createWaxFoundation({ chainId: input.chainId });
const out = input.transactions.map((tx) => {
  const hf26 = { ...tx, operations: tx.operations.map(convertOperation), signatures: [] };
  const parsed = wax.createTransactionFromJson(JSON.stringify(hf26));
  return { id: parsed.legacy_id, digest: parsed.legacy_sigDigest };
});
process.stdout.write(JSON.stringify(out));
