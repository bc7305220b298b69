#!/usr/bin/env node
/**
 * Builds the admin panel (Strapi's Vite build: the app's src/admin and the
 * hive-smt plugin's admin/src) into dist/build, without recompiling the
 * server (`npm run build:server` does that), and skips the build when
 * nothing it depends on changed since the last one — `npm test` calls this
 * on every run, and an unchanged panel costs nothing.
 *
 *   node scripts/build-admin.js          build if stale
 *   node scripts/build-admin.js --force  always build
 */
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'build');
const stampFile = path.join(outDir, '.quanzi-admin-stamp');

/** Everything the admin bundle is made of, besides node_modules (covered by the lock file). */
const INPUTS = ['package-lock.json', 'config/admin.ts', 'config/plugins.ts', 'src/admin', 'plugins/hive-smt/admin', 'plugins/hive-smt/package.json'];

function* files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(full).sort()) yield* files(path.join(entry, name));
}

function inputsHash() {
  const hash = crypto.createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(input)) {
      hash.update(file);
      hash.update(fs.readFileSync(path.join(root, file)));
    }
  }
  return hash.digest('hex');
}

async function build() {
  // Strapi's own build steps (its `strapi build` minus the server's TypeScript compile).
  const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [root] }));
  const node = (file) => require(path.join(strapiDir, 'dist', 'src', 'node', file));
  const { createLogger } = require(path.join(strapiDir, 'dist', 'src', 'cli', 'utils', 'logger.js'));
  const { loadTsConfig } = require(path.join(strapiDir, 'dist', 'src', 'cli', 'utils', 'tsconfig.js'));
  const { createBuildContext } = node('create-build-context.js');
  const { writeStaticClientFiles } = node('staticFiles.js');
  const { build: buildVite } = node(path.join('vite', 'build.js'));

  const logger = createLogger({ debug: false, silent: false, timestamp: false });
  const tsconfig = loadTsConfig({ cwd: root, path: 'tsconfig.json', logger });
  const ctx = await createBuildContext({ cwd: root, logger, tsconfig, options: { minify: true, sourcemap: false, stats: false } });
  await writeStaticClientFiles(ctx);
  await buildVite(ctx);
}

async function main() {
  const force = process.argv.includes('--force');
  const hash = inputsHash();
  const current = fs.existsSync(stampFile) && fs.existsSync(path.join(outDir, 'index.html')) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
  if (!force && current === hash) {
    console.log('admin panel: up to date (dist/build)');
    return;
  }
  const started = Date.now();
  // Vite strips types without checking them: check the plugin's admin code first, so a type error stops here.
  console.log('admin panel: type-checking the Hive pages…');
  const check = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', 'plugins/hive-smt/tsconfig.admin.json'], { cwd: root, stdio: 'inherit' });
  if (check.status !== 0) throw new Error('the Hive admin pages do not type-check (tsc -p plugins/hive-smt/tsconfig.admin.json)');
  console.log('admin panel: building (Vite)…');
  await build();
  fs.writeFileSync(stampFile, `${hash}\n`);
  console.log(`admin panel: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(`admin panel: build failed: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
