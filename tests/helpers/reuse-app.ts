/**
 * A plain Strapi 5.54 app that is not Quanzi (written by bench/lib/plain-app.ts,
 * as the bench's bare app is), with content types of its own — articles on
 * channels, notes on articles, every field named its own way — and hive-smt
 * installed from its built package: the files the package ships (package.json
 * and dist/, its "files"), copied into the app's plugins/ folder, configured
 * for those types and those field names in config/plugins.js.
 */
import fs from 'fs';
import path from 'path';
import { writePlainApp } from '../../bench/lib/plain-app';
import { APP_DIR } from './strapi';

export const ARTICLE = 'api::article.article';
export const CHANNEL = 'api::channel.channel';
export const NOTE = 'api::note.note';

/** What the plugin calls a field (host/model.ts) → what this app calls it. */
export const FIELDS = {
  post: { title: 'headline', body: 'content', tags: 'labels', board: 'channel', author: 'writer' },
  board: { name: 'label', slug: 'handle', hiveAccount: 'hiveName', economics: 'rewards' },
  comment: { body: 'text', post: 'article', author: 'writer', hidden: 'concealed' },
} as const;

const SCHEMAS: Record<string, { collection: string; plural: string; draftAndPublish: boolean; attributes: Record<string, unknown> }> = {
  article: {
    collection: 'articles',
    plural: 'articles',
    draftAndPublish: true,
    attributes: {
      headline: { type: 'string', required: true },
      content: { type: 'richtext', required: true },
      labels: { type: 'json' },
      channel: { type: 'relation', relation: 'manyToOne', target: CHANNEL, inversedBy: 'articles' },
      writer: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      // The app's own field of that name, which is not the title the plugin mirrors.
      title: { type: 'string' },
    },
  },
  // The board-like type: where an article is published on Hive, and with which token.
  channel: {
    collection: 'channels',
    plural: 'channels',
    draftAndPublish: false,
    attributes: {
      label: { type: 'string', required: true },
      handle: { type: 'uid', targetField: 'label', required: true },
      active: { type: 'boolean', default: true },
      hiveName: { type: 'string', required: true },
      hiveCommunity: { type: 'string' },
      memberRewardShare: { type: 'integer', default: 90 },
      rewards: { type: 'component', repeatable: false, component: 'hive-smt.token-economics' },
      articles: { type: 'relation', relation: 'oneToMany', target: ARTICLE, mappedBy: 'channel' },
    },
  },
  // Flat notes: no reply threading (the plugin's `parent` is absent), no display names on members.
  note: {
    collection: 'notes',
    plural: 'notes',
    draftAndPublish: false,
    attributes: {
      text: { type: 'text', required: true },
      article: { type: 'relation', relation: 'manyToOne', target: ARTICLE },
      writer: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      concealed: { type: 'boolean', default: false },
      source: { type: 'enumeration', enum: ['quanzi', 'hive'], default: 'quanzi' },
      hiveAuthor: { type: 'string' },
      hivePermlink: { type: 'string' },
    },
  },
};

const PLUGINS = `module.exports = () => ({
  'users-permissions': { config: { jwtSecret: 'reuse-jwt-secret' } },
  'hive-smt': {
    enabled: true,
    resolve: './plugins/hive-smt',
    config: {
      contentTypes: {
        post: { uid: '${ARTICLE}', fields: ${JSON.stringify(FIELDS.post)} },
        board: { uid: '${CHANNEL}', fields: ${JSON.stringify(FIELDS.board)} },
        comment: { uid: '${NOTE}', fields: ${JSON.stringify(FIELDS.comment)} },
      },
      appName: 'reuse-app/1.0.0',
    },
  },
});
`;

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
  writePlainApp(dir, {
    name: 'reuse-app',
    dependencies: ['@strapi/strapi', '@strapi/plugin-users-permissions', 'better-sqlite3', '@quanzi/hive-devnet'],
    extraDependencies: { 'hive-smt': 'file:plugins/hive-smt' },
    plugins: PLUGINS,
    defaultPort: 0,
    defaultLogLevel: 'warn',
    contentTypes: Object.entries(SCHEMAS).map(([name, s]) => ({
      api: name,
      name,
      schema: `${JSON.stringify(
        {
          kind: 'collectionType',
          collectionName: s.collection,
          info: { singularName: name, pluralName: s.plural, displayName: name },
          options: { draftAndPublish: s.draftAndPublish },
          attributes: s.attributes,
        },
        null,
        2,
      )}\n`,
    })),
  });
  copyBuiltPlugin(path.join(dir, 'plugins', 'hive-smt'));
}
