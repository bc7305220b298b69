// Boots the compiled Quanzi app as its own process (multi-instance and
// kill/restart tests): prints "READY <port>" once it listens on loopback.
const path = require('path');

const appDir = path.resolve(__dirname, '../..');
const { createStrapi } = require('@strapi/strapi');

createStrapi({ appDir, distDir: path.join(appDir, 'dist') })
  .load()
  .then(async (strapi) => {
    require('./response-recorder').installResponseRecorder(strapi);
    await strapi.server.listen();
    const address = strapi.server.httpServer.address();
    process.stdout.write(`READY ${address.port}\n`);
    const stop = () => strapi.destroy().then(() => process.exit(0), () => process.exit(1));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  })
  .catch((error) => {
    process.stderr.write(`app failed to start: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
