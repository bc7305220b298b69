/**
 * "Bare Strapi": a plain Strapi 5 app with Quanzi's content types (copied from
 * the real schema.json files) and Strapi's default core controllers, routes and
 * services (bench/lib/plain-app.ts writes it).
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR } from './paths';
import { writePlainApp } from './plain-app';

const PLUGINS = `module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET', 'bare-jwt-secret') } },
});
`;
const API = `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true } };
`;

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

/** The JSON files under dir, keyed by their path below base. */
function jsonFiles(dir: string, base: string, keep: (file: string) => boolean): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(walk(dir)
    .filter(keep)
    .map((file) => [path.join(base, path.relative(dir, file)), fs.readFileSync(file, 'utf8')]));
}

/** Writes the bare app into dir (replacing what was there); returns the content type uids it has. */
export function generateBareApp(dir: string): string[] {
  const appPkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8'));
  const dependencies = Object.keys(appPkg.dependencies).filter((name) => name === '@strapi/strapi' || name.startsWith('@strapi/plugin-') || name === 'better-sqlite3');
  const pluginComponents = path.join(APP_DIR, 'plugins', 'hive-smt', 'server', 'src', 'components');
  return writePlainApp(dir, {
    name: 'quanzi-bare-strapi',
    dependencies,
    plugins: PLUGINS,
    defaultPort: 1338,
    defaultLogLevel: 'http',
    contentTypes: appContentTypes().map((ct) => ({ api: ct.api, name: ct.name, schema: fs.readFileSync(ct.schema, 'utf8') })),
    files: {
      'config/api.js': API,
      // Components the content types use (src/components/<category>/<name>.json).
      ...jsonFiles(path.join(APP_DIR, 'src', 'components'), 'src/components', (f) => f.endsWith('.json')),
      // The components hive-smt ships (the board's economics field points at hive-smt.token-economics): the bare app
      // has no plugin, so they are its own, under the same category.
      ...jsonFiles(pluginComponents, 'src/components/hive-smt', (f) => f.endsWith('.json') && path.dirname(f) === pluginComponents),
      // The users-permissions user with the app's extra fields (displayName, wechatOpenId).
      ...jsonFiles(path.join(APP_DIR, 'src', 'extensions'), 'src/extensions', (f) => f.endsWith('schema.json')),
    },
  });
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
