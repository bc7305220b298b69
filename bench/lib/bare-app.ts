/**
 * "Bare Strapi": a plain Strapi 5 app with Quanzi's content types (copied from
 * the real schema.json files) and Strapi's default core controllers, routes and
 * services, written as JavaScript so no compile is needed. node_modules is a
 * symlink to the app's, so it runs the very same Strapi.
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR } from './paths';

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

const CONFIG: Record<string, string> = {
  'server.js': `module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1338),
  app: { keys: env.array('APP_KEYS', ['bareKeyA', 'bareKeyB']) },
});
`,
  'database.js': `const path = require('path');
module.exports = ({ env }) => ({
  connection: {
    client: 'sqlite',
    connection: { filename: path.resolve(env('DATABASE_FILENAME', '.tmp/data.db')) },
    useNullAsDefault: true,
  },
});
`,
  'admin.js': `module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'bare-admin-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'bare-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'bare-transfer-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'bare-encryption-key') },
  flags: { nps: false, promoteEE: false },
});
`,
  // Strapi's generated defaults.
  'middlewares.js': `module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`,
  'plugins.js': `module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET', 'bare-jwt-secret') } },
});
`,
  'api.js': `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true } };
`,
  'logger.js': `module.exports = ({ env }) => ({ level: env('LOG_LEVEL', 'http') });
`,
};

/** Content types of the app: [api name, content type name, schema file]. */
export function appContentTypes(): Array<{ api: string; name: string; schema: string }> {
  const apiDir = path.join(APP_DIR, 'src', 'api');
  const out: Array<{ api: string; name: string; schema: string }> = [];
  for (const api of fs.readdirSync(apiDir).sort()) {
    const ctDir = path.join(apiDir, api, 'content-types');
    if (!fs.existsSync(ctDir)) continue;
    for (const name of fs.readdirSync(ctDir).sort()) {
      const schema = path.join(ctDir, name, 'schema.json');
      if (fs.existsSync(schema)) out.push({ api, name, schema });
    }
  }
  return out;
}

/** Writes the bare app into dir (replacing what was there); returns the content type uids it has. */
export function generateBareApp(dir: string): string[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const appPkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8'));
  const deps: Record<string, string> = {};
  for (const [name, version] of Object.entries<string>(appPkg.dependencies)) {
    if (name === '@strapi/strapi' || name.startsWith('@strapi/plugin-') || name === 'better-sqlite3') deps[name] = version;
  }
  write(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'quanzi-bare-strapi', private: true, version: '0.0.0', dependencies: deps }, null, 2)}\n`);
  for (const [file, text] of Object.entries(CONFIG)) write(path.join(dir, 'config', file), text);
  write(path.join(dir, 'src', 'index.js'), 'module.exports = { register() {}, bootstrap() {} };\n');
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });

  const uids: string[] = [];
  for (const ct of appContentTypes()) {
    const uid = `api::${ct.api}.${ct.name}`;
    uids.push(uid);
    const base = path.join(dir, 'src', 'api', ct.api);
    write(path.join(base, 'content-types', ct.name, 'schema.json'), fs.readFileSync(ct.schema, 'utf8'));
    const factory = (kind: string) => `const { factories } = require('@strapi/strapi');\nmodule.exports = factories.${kind}('${uid}');\n`;
    write(path.join(base, 'controllers', `${ct.name}.js`), factory('createCoreController'));
    write(path.join(base, 'routes', `${ct.name}.js`), factory('createCoreRouter'));
    write(path.join(base, 'services', `${ct.name}.js`), factory('createCoreService'));
  }
  // Components the content types use (src/components/<category>/<name>.json).
  const components = path.join(APP_DIR, 'src', 'components');
  if (fs.existsSync(components)) {
    for (const file of walk(components).filter((f) => f.endsWith('.json'))) {
      write(path.join(dir, 'src', 'components', path.relative(components, file)), fs.readFileSync(file, 'utf8'));
    }
  }
  // The components hive-smt ships (the board's economics field points at hive-smt.token-economics): the bare app
  // has no plugin, so they are its own, under the same category.
  const pluginComponents = path.join(APP_DIR, 'plugins', 'hive-smt', 'server', 'src', 'components');
  for (const file of fs.readdirSync(pluginComponents).filter((f) => f.endsWith('.json'))) {
    write(path.join(dir, 'src', 'components', 'hive-smt', file), fs.readFileSync(path.join(pluginComponents, file), 'utf8'));
  }
  // The users-permissions user with the app's extra fields (displayName, wechatOpenId).
  const extensions = path.join(APP_DIR, 'src', 'extensions');
  if (fs.existsSync(extensions)) {
    for (const file of walk(extensions).filter((f) => f.endsWith('schema.json'))) {
      write(path.join(dir, 'src', 'extensions', path.relative(extensions, file)), fs.readFileSync(file, 'utf8'));
    }
  }
  fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return uids;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
