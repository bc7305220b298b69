// Computes transaction ids and signing digests with @hiveio/wax (Hive's own
// protocol code compiled to WebAssembly), for test/wax.test.ts: reads
// {chainId, transactions: [legacy-form transaction, ...]} as JSON on stdin and
// writes [{id, sigDigest, legacy_id, legacy_sigDigest}] (hf26 and legacy
// packings) as JSON on stdout. wax is an ES module, hence a child process.
import { createWaxFoundation } from '@hiveio/wax';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { chainId, transactions } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const wax = await createWaxFoundation({ chainId });
const out = transactions.map((tx) => {
  const t = wax.createTransactionFromLegacyJson({ ...tx, signatures: [] });
  return { id: t.id, sigDigest: t.sigDigest, legacy_id: t.legacy_id, legacy_sigDigest: t.legacy_sigDigest, api: JSON.parse(t.toApi()) };
});
process.stdout.write(JSON.stringify(out));
