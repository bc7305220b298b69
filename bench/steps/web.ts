/**
 * Benchmark 8: the members' web app's first load. The app (a running instance)
 * is asked for `/` as a browser would; the scripts, module preloads and
 * stylesheets its index.html names are fetched from it, and each is gzipped
 * (level 9) and brotli-compressed here, as a static server would precompress
 * it. The JavaScript's gzipped total is held against the 150 kB budget.
 * apps/web/dist is built first when it is missing or older than its sources.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { buildIsStale, compressedSize, FIRST_LOAD_JS_BUDGET_BYTES, firstLoadAssets, totalSize, type CompressedSize } from '../lib/first-load';
import { APP_DIR } from '../lib/paths';
import type { Server } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

const WEB_DIR = path.join(APP_DIR, 'apps', 'web');
const BUILT_INDEX = path.join(WEB_DIR, 'dist', 'index.html');
/** What `npm run build:web` reads: the app's sources and config, and the locked dependency versions. */
const WEB_SOURCES = ['src', 'index.html', 'vite.config.mts', 'tsconfig.json'].map((p) => path.join(WEB_DIR, p)).concat(path.join(APP_DIR, 'package-lock.json'));

/** Runs `npm run build:web` when apps/web/dist is missing or stale; returns how long it took (0 when the build was current). */
export async function ensureWebBuild(): Promise<{ built: boolean; ms: number }> {
  if (!buildIsStale(BUILT_INDEX, WEB_SOURCES)) return { built: false, ms: 0 };
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:web'], { cwd: APP_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`npm run build:web exited with ${code}:\n${output.join('').slice(-2000)}`);
  return { built: true, ms: performance.now() - started };
}

async function get(url: string, accept: string): Promise<Buffer> {
  // identity: the uncompressed bytes, compressed here the same way for every asset.
  const res = await fetch(url, { headers: { Accept: accept, 'Accept-Encoding': 'identity' } });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function webBenchmark(ctx: Ctx, app: Server, build: { built: boolean; ms: number }) {
  const html = await get(`${app.url}/`, 'text/html');
  const page = firstLoadAssets(html.toString('utf8'));
  if (!page.scripts.length) throw new Error(`GET / names no script: is apps/web/dist/index.html the web app's build? (${html.toString('utf8').slice(0, 200)})`);
  const fetchAll = (urls: string[], accept: string) =>
    Promise.all(urls.map(async (u) => {
      const url = new URL(u, `${app.url}/`);
      return { path: url.pathname, ...compressedSize(await get(url.href, accept)) };
    }));
  const scripts = await fetchAll(page.scripts, '*/*');
  const styles = await fetchAll(page.styles, 'text/css,*/*;q=0.1');
  const inline: CompressedSize[] = page.inlineScripts.map((text) => compressedSize(Buffer.from(text, 'utf8')));
  const js = totalSize([...scripts, ...inline]);
  const css = totalSize(styles);
  ctx.sections.web = {
    status: 'ok',
    source: 'GET / from the app, then every script, module preload and stylesheet its index.html names',
    // The served page is the build measured: not an older one, not the admin panel's fallback.
    servedMatchesBuild: fs.existsSync(BUILT_INDEX) && fs.readFileSync(BUILT_INDEX).equals(html),
    build,
    html: compressedSize(html),
    scripts,
    inlineScripts: inline.length,
    styles,
    js,
    css,
    budgetBytes: FIRST_LOAD_JS_BUDGET_BYTES,
  };
  ctx.progress.note(`web first load: ${scripts.length} script(s), JS ${(js.gzip / 1000).toFixed(1)} kB gzipped (${(js.raw / 1000).toFixed(1)} kB raw), CSS ${(css.gzip / 1000).toFixed(1)} kB gzipped`);
  ctx.ratios.push(ratio({
    id: 'web.first_load_js_gzip_vs_budget',
    benchmark: 'web',
    label: "web app's first-load JavaScript, gzipped (level 9), ÷ its budget",
    measured: js.gzip / 1000,
    reference: FIRST_LOAD_JS_BUDGET_BYTES / 1000,
    unit: 'kB',
    referenceLabel: 'budget: 150 kB gzipped',
    target: '≤ 1',
    met: js.gzip <= FIRST_LOAD_JS_BUDGET_BYTES,
  }));
}
