import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** Where `npm run build:web` (Vite) writes the member web app. */
export const WEB_APP_DIR = ['apps', 'web', 'dist'];
/** Vite's folder of content-hashed files (apps/web/vite.config.mts: build.assetsDir). */
export const ASSETS_PREFIX = '/web-assets/';

/** Paths that belong to the server, never to the web app's client routing. */
const SERVER_PREFIXES = ['/api', '/admin', '/uploads', '/openapi.json', '/documentation', '/hive-smt', '/_health', '/connect'];

/**
 * Whether a request that nothing else answered is a page of the web app: a
 * browser navigation (GET or HEAD asking for HTML) to a path without a file
 * extension, outside the server's own prefixes. Such a path is the client
 * router's, so it gets index.html (a reload of /p/abc works).
 */
export function isClientRoute(method: string, pathname: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!accept || !accept.includes('text/html')) return false;
  if (SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) return false;
  return !path.posix.basename(pathname).includes('.');
}

/** The built file an asset path names, or null when it is not one (or tries to leave the assets folder). */
export function assetFile(root: string, pathname: string): string | null {
  if (!pathname.startsWith(ASSETS_PREFIX)) return null;
  const folder = path.join(root, ASSETS_PREFIX);
  let file: string;
  try {
    file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  } catch {
    return null; // a malformed %-escape
  }
  if (!file.startsWith(folder)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/**
 * Serves the member web app (apps/web) at /, in every mode: `/` and every
 * client route get index.html (never cached, so a new build shows at once),
 * /web-assets/* the hashed files (cached for a year). It runs before routing,
 * and falls back only where the server answered 404 without a body, so /api,
 * /admin, /uploads and the documentation keep their answers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const root = path.join(strapi.dirs.app.root, ...WEB_APP_DIR);
  const index = path.join(root, 'index.html');
  let warned = false;
  const built = () => {
    const ok = fs.existsSync(index);
    if (!ok && !warned) {
      warned = true;
      strapi.log.warn(`The member web app is not built (${path.relative(strapi.dirs.app.root, index)} is missing): run "npm run build:web". Until then / shows the admin panel.`);
    }
    return ok;
  };
  const sendIndex = (ctx: any) => {
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.createReadStream(index);
  };

  return async (ctx: any, next: () => Promise<void>) => {
    const reading = ctx.method === 'GET' || ctx.method === 'HEAD';
    if (reading && (ctx.path === '/' || ctx.path === '/index.html') && built()) return sendIndex(ctx);
    if (reading && ctx.path.startsWith(ASSETS_PREFIX)) {
      const file = built() ? assetFile(root, ctx.path) : null;
      if (file) {
        ctx.type = path.extname(file);
        ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
        ctx.body = fs.createReadStream(file);
        return;
      }
    }
    await next();
    if (ctx.status === 404 && ctx.body == null && isClientRoute(ctx.method, ctx.path, ctx.get('Accept')) && built()) sendIndex(ctx);
  };
};
