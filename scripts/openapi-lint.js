#!/usr/bin/env node
/**
 * Lints the app's OpenAPI document (/openapi.json) with Redocly's CLI and its
 * recommended rules (redocly.yaml), as a client generator's author would:
 * `npm run lint:openapi`. The document is built from the compiled app the way
 * scripts/web-client.js builds it. npm test runs the same lint in
 * tests/integration/openapi-lint.test.ts.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { loadDocument } = require('./web-client');

const APP_DIR = path.resolve(__dirname, '..');

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-openapi-lint-'));
  const file = path.join(dir, 'openapi.json');
  try {
    fs.writeFileSync(file, JSON.stringify(await loadDocument(), null, 2));
    const cli = path.join(APP_DIR, 'node_modules', '.bin', 'redocly');
    const run = spawnSync(cli, ['lint', file, '--config', path.join(APP_DIR, 'redocly.yaml')], { stdio: 'inherit' });
    return run.status ?? 2;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
