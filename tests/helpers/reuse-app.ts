/**
 * A plain Strapi 5.54 app that is not Quanzi, the way bench/lib/bare-app.ts
 * makes one (JavaScript, node_modules a symlink to this app's, so the very
 * same Strapi), with content types of its own — articles on channels, notes
 * on articles — and hive-smt installed from its built package: the files
 * the package ships (package.json and dist/, its "files"), copied into the
 * app's plugins/ folder, configured for those types in config/plugins.js.
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR } from './strapi';

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

export const ARTICLE = 'api::article.article';
export const CHANNEL = 'api::channel.channel';
export const NOTE = 'api::note.note';

const SCHEMAS: Record<string, { collection: string; singular: string; plural: string; draftAndPublish: boolean; attributes: Record<string, unknown> }> = {
  article: {
    collection: 'articles',
    singular: 'article',
    plural: 'articles',
    draftAndPublish: true,
    attributes: {
      title: { type: 'string', required: true },
      body: { type: 'richtext', required: true },
      tags: { type: 'json' },
      board: { type: 'relation', relation: 'manyToOne', target: CHANNEL, inversedBy: 'articles' },
      author: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
    },
  },
  // The board-like type: where an article is published on Hive, and with which token.
  channel: {
    collection: 'channels',
    singular: 'channel',
    plural: 'channels',
    draftAndPublish: false,
    attributes: {
      name: { type: 'string', required: true },
      slug: { type: 'uid', targetField: 'name', required: true },
      active: { type: 'boolean', default: true },
      hiveAccount: { type: 'string', required: true },
      hiveCommunity: { type: 'string' },
      memberRewardShare: { type: 'integer', default: 90 },
      economics: { type: 'component', repeatable: false, component: 'hive-smt.token-economics' },
      articles: { type: 'relation', relation: 'oneToMany', target: ARTICLE, mappedBy: 'board' },
    },
  },
  note: {
    collection: 'notes',
    singular: 'note',
    plural: 'notes',
    draftAndPublish: false,
    attributes: {
      body: { type: 'text', required: true },
      post: { type: 'relation', relation: 'manyToOne', target: ARTICLE },
      author: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      hidden: { type: 'boolean', default: false },
      source: { type: 'enumeration', enum: ['quanzi', 'hive'], default: 'quanzi' },
      hiveAuthor: { type: 'string' },
      hivePermlink: { type: 'string' },
    },
  },
};

const CONFIG: Record<string, string> = {
  'server.js': `module.exports = ({ env }) => ({ host: '127.0.0.1', port: 0, app: { keys: ['reuseKeyA', 'reuseKeyB'] } });\n`,
  'database.js': `const path = require('path');
module.exports = ({ env }) => ({
  connection: { client: 'sqlite', connection: { filename: path.resolve(env('DATABASE_FILENAME', '.tmp/data.db')) }, useNullAsDefault: true },
});
`,
  'admin.js': `module.exports = () => ({
  auth: { secret: 'reuse-admin-secret' },
  apiToken: { salt: 'reuse-api-token-salt' },
  transfer: { token: { salt: 'reuse-transfer-salt' } },
  secrets: { encryptionKey: 'reuse-encryption-key' },
  flags: { nps: false, promoteEE: false },
});
`,
  'middlewares.js': `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];\n`,
  'plugins.js': `module.exports = () => ({
  'users-permissions': { config: { jwtSecret: 'reuse-jwt-secret' } },
  'hive-smt': {
    enabled: true,
    resolve: './plugins/hive-smt',
    config: { contentTypes: { post: '${ARTICLE}', board: '${CHANNEL}', comment: '${NOTE}' }, appName: 'reuse-app/1.0.0' },
  },
});
`,
  'logger.js': `module.exports = ({ env }) => ({ level: env('LOG_LEVEL', 'warn') });\n`,
};

/** The files the hive-smt package ships, as npm pack would take them (its package.json "files" plus package.json). */
export function copyBuiltPlugin(to: string): void {
  const from = path.join(APP_DIR, 'plugins', 'hive-smt');
  const pkg = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'));
  if (!fs.existsSync(path.join(from, 'dist', 'server', 'index.js'))) throw new Error('hive-smt is not built: npm run build:plugin first');
  fs.mkdirSync(to, { recursive: true });
  fs.copyFileSync(path.join(from, 'package.json'), path.join(to, 'package.json'));
  for (const entry of pkg.files as string[]) fs.cpSync(path.join(from, entry), path.join(to, entry), { recursive: true });
}

/** Writes the app into dir (replacing what was there). */
export function generateReuseApp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const appPkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8'));
  const deps: Record<string, string> = {};
  for (const name of ['@strapi/strapi', '@strapi/plugin-users-permissions', 'better-sqlite3', '@quanzi/hive-devnet']) deps[name] = appPkg.dependencies[name];
  deps['hive-smt'] = 'file:plugins/hive-smt';
  write(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'reuse-app', private: true, version: '1.0.0', dependencies: deps }, null, 2)}\n`);
  for (const [file, text] of Object.entries(CONFIG)) write(path.join(dir, 'config', file), text);
  write(path.join(dir, 'src', 'index.js'), 'module.exports = { register() {}, bootstrap() {} };\n');
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  for (const [name, s] of Object.entries(SCHEMAS)) {
    const schema = {
      kind: 'collectionType',
      collectionName: s.collection,
      info: { singularName: s.singular, pluralName: s.plural, displayName: s.singular },
      options: { draftAndPublish: s.draftAndPublish },
      attributes: s.attributes,
    };
    const uid = `api::${name}.${name}`;
    const base = path.join(dir, 'src', 'api', name);
    write(path.join(base, 'content-types', name, 'schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
    const factory = (kind: string) => `const { factories } = require('@strapi/strapi');\nmodule.exports = factories.${kind}('${uid}');\n`;
    write(path.join(base, 'controllers', `${name}.js`), factory('createCoreController'));
    write(path.join(base, 'routes', `${name}.js`), factory('createCoreRouter'));
    write(path.join(base, 'services', `${name}.js`), factory('createCoreService'));
  }
  copyBuiltPlugin(path.join(dir, 'plugins', 'hive-smt'));
  fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}
