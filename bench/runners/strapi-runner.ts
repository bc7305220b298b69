/**
 * Boots one Strapi app — the compiled Quanzi app or the generated bare Strapi —
 * as its own process, on the SQLite file and port its environment names, and
 * prints "READY <port>". Environment: BENCH_STRAPI_APP_DIR, BENCH_STRAPI_DIST_DIR
 * (default: the app dir, for a JavaScript app), plus Strapi's own (HOST, PORT,
 * DATABASE_FILENAME, …).
 */
import path from 'path';

async function main() {
  const appDir = path.resolve(process.env.BENCH_STRAPI_APP_DIR ?? process.cwd());
  const distDir = path.resolve(process.env.BENCH_STRAPI_DIST_DIR ?? appDir);
  const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
  const strapi = await createStrapi({ appDir, distDir }).load();
  await strapi.listen();
  const address = strapi.server.httpServer.address();
  process.stdout.write(`READY ${address.port}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    strapi.destroy().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`strapi-runner: failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
