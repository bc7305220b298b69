import fs from 'fs';
import path from 'path';
import { EXPECTED_FILE, SCAN_DIR, WIF_PATTERN, markerFor } from '../helpers/secret-scan';
import { TEST_APP_SECRETS } from '../helpers/strapi';

/** The secrets tests configure; none may ever appear in a response or a log line. */
const CONFIGURED_SECRETS = [
  ...Object.values(TEST_APP_SECRETS).flatMap((value) => value.split(',')),
  // The WeChat suite's app secret (tests/integration/wechat.test.ts).
  'wx-test-secret',
];

async function waitForOtherFiles(timeoutMs: number) {
  const expected: string[] = fs.existsSync(EXPECTED_FILE) ? JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')) : [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = expected.filter((p) => !fs.existsSync(markerFor(p)));
    if (missing.length === 0) return expected.length;
    if (Date.now() > deadline) throw new Error(`the scan waited too long for: ${missing.map((p) => path.basename(p)).join(', ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

it('finds no Hive private key and no configured secret in any response body or log line of the run', async () => {
  const files = await waitForOtherFiles(10 * 60 * 1000);
  const outputs = fs.existsSync(SCAN_DIR) ? fs.readdirSync(SCAN_DIR).filter((f) => f.endsWith('.log')) : [];
  if (files > 0) expect(outputs.length).toBeGreaterThan(0);
  const findings: string[] = [];
  let bytes = 0;
  for (const name of outputs) {
    const text = fs.readFileSync(path.join(SCAN_DIR, name), 'utf8');
    bytes += text.length;
    for (const match of text.match(WIF_PATTERN) ?? []) findings.push(`${name}: a WIF private key (${match.slice(0, 4)}…)`);
    for (const secret of CONFIGURED_SECRETS) if (text.includes(secret)) findings.push(`${name}: the configured secret "${secret.slice(0, 6)}…"`);
  }
  console.info(`secret scan: ${outputs.length} files, ${bytes} bytes of responses and logs from ${files} test files`);
  expect(findings).toEqual([]);
}, 11 * 60 * 1000);

it('would notice a key if one leaked (the pattern matches a real WIF)', () => {
  // The devnet's well-known initminer key: public knowledge, used here only to prove the detector works.
  const sample = 'log line with 5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n inside';
  expect(sample.match(WIF_PATTERN)).toHaveLength(1);
});
