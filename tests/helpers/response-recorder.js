// Tees every response body of an app under test into .tmp/secret-scan, for the
// run's final scan for leaked keys and secrets (see secret-scan.ts). Plain JS
// so the separate app processes (app-runner.js) use the same recorder.
const fs = require('fs');
const path = require('path');

const SCAN_DIR = path.resolve(__dirname, '../../.tmp/secret-scan');

function bodyText(body) {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body && typeof body === 'object' && typeof body.pipe !== 'function') {
    try {
      return JSON.stringify(body);
    } catch {
      return null;
    }
  }
  return null;
}

/** Puts the recorder first in the Koa stack (Strapi composes it lazily, at the first request). */
function installResponseRecorder(strapi) {
  fs.mkdirSync(SCAN_DIR, { recursive: true });
  const file = path.join(SCAN_DIR, `responses-${process.pid}.log`);
  strapi.server.app.middleware.unshift(async (ctx, next) => {
    try {
      await next();
    } finally {
      const text = bodyText(ctx.body);
      if (text) fs.appendFileSync(file, `${ctx.method} ${ctx.path} ${text}\n`);
    }
  });
}

module.exports = { installResponseRecorder, SCAN_DIR };
