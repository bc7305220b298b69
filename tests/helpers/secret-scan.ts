import path from 'path';
import { createHash } from 'crypto';

/**
 * Evidence for "keys never leave the environment": every response body the
 * app sends during the test run and every line it logs is written under
 * SCAN_DIR, and the last test of the run scans it all for private keys and
 * configured secrets.
 */
export const SCAN_DIR = path.resolve(__dirname, '../../.tmp/secret-scan');
export const DONE_DIR = path.join(SCAN_DIR, 'done');
export const EXPECTED_FILE = path.join(SCAN_DIR, 'expected.json');

/** A Hive private key in WIF: base58, 51 characters, starting with 5H, 5J or 5K. */
export const WIF_PATTERN = /5[HJK][1-9A-HJ-NP-Za-km-z]{49}/g;

/** Written by tests/helpers/scan-reporter.js when a test file of the run is finished. */
export function markerFor(testPath: string) {
  return path.join(DONE_DIR, createHash('sha1').update(testPath).digest('hex'));
}
