/**
 * A plain Strapi 5 app written to a folder: Strapi's generated configuration,
 * the content types it is given (each with Strapi's default core controller,
 * router and service), JavaScript so no compile is needed, and node_modules a
 * symlink to this app's, so it runs the very same Strapi. Two apps are made
 * with it: the bench's "bare Strapi" (Quanzi's schemas, no plugin) and the
 * reuse test's app (types of its own, hive-smt installed from its package).
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR } from './paths';

export const writeFile = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

export interface PlainContentType {
  /** Folder under src/api. */
  api: string;
  /** Content type name (its singular name). */
  name: string;
  /** The schema.json text. */
  schema: string;
}

export interface PlainAppSpec {
  /** Its package name; also the prefix of its development secrets. */
  name: string;
  /** Package names taken from this app's dependencies, at this app's versions. */
  dependencies: string[];
  /** More dependencies with their specifiers (a plugin as `file:`). */
  extraDependencies?: Record<string, string>;
  /** config/plugins.js. */
  plugins: string;
  /** The port when PORT is unset (0: any free one). */
  defaultPort: number;
  /** The log level when LOG_LEVEL is unset. */
  defaultLogLevel: string;
  contentTypes: PlainContentType[];
  /** More files, by path inside the app (config/api.js, src/components/…, src/extensions/…). */
  files?: Record<string, string>;
}

function generatedConfig(spec: PlainAppSpec): Record<string, string> {
  const secret = (what: string) => `${spec.name}-${what}`;
  return {
    'server.js': `module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', ${spec.defaultPort}),
  app: { keys: env.array('APP_KEYS', ['${secret('key-a')}', '${secret('key-b')}']) },
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
  auth: { secret: env('ADMIN_JWT_SECRET', '${secret('admin-secret')}') },
  apiToken: { salt: env('API_TOKEN_SALT', '${secret('api-token-salt')}') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', '${secret('transfer-salt')}') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', '${secret('encryption-key')}') },
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
    'logger.js': `module.exports = ({ env }) => ({ level: env('LOG_LEVEL', '${spec.defaultLogLevel}') });
`,
    'plugins.js': spec.plugins,
  };
}

/** Writes the app into dir (replacing what was there); returns the uids of its content types. */
export function writePlainApp(dir: string, spec: PlainAppSpec): string[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const appPkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8'));
  const dependencies: Record<string, string> = {};
  for (const name of spec.dependencies) dependencies[name] = appPkg.dependencies[name];
  Object.assign(dependencies, spec.extraDependencies);
  writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: spec.name, private: true, version: '0.0.0', dependencies }, null, 2)}\n`);
  for (const [file, text] of Object.entries(generatedConfig(spec))) writeFile(path.join(dir, 'config', file), text);
  writeFile(path.join(dir, 'src', 'index.js'), 'module.exports = { register() {}, bootstrap() {} };\n');
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  const uids: string[] = [];
  for (const ct of spec.contentTypes) {
    const uid = `api::${ct.api}.${ct.name}`;
    uids.push(uid);
    const base = path.join(dir, 'src', 'api', ct.api);
    writeFile(path.join(base, 'content-types', ct.name, 'schema.json'), ct.schema);
    const factory = (kind: string) => `const { factories } = require('@strapi/strapi');\nmodule.exports = factories.${kind}('${uid}');\n`;
    writeFile(path.join(base, 'controllers', `${ct.name}.js`), factory('createCoreController'));
    writeFile(path.join(base, 'routes', `${ct.name}.js`), factory('createCoreRouter'));
    writeFile(path.join(base, 'services', `${ct.name}.js`), factory('createCoreService'));
  }
  for (const [file, text] of Object.entries(spec.files ?? {})) writeFile(path.join(dir, file), text);
  fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return uids;
}
