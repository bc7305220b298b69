/**
 * What a browser fetches on the web app's first load, read from its index.html,
 * and how big that is on the wire: pure functions for the bench's web section
 * (bench/steps/web.ts), unit-tested in tests/unit/web-first-load.test.ts.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

/** The members' web app's budget: JavaScript of the first load, gzipped (kB = 1,000 bytes). */
export const FIRST_LOAD_JS_BUDGET_BYTES = 150 * 1000;
/** The level a static server precompresses with (gzip -9). */
export const GZIP_LEVEL = 9;

export interface FirstLoadAssets {
  /** Script URLs the page runs or preloads at once: `<script src>` (not nomodule) and `<link rel=modulepreload|preload as=script>`. */
  scripts: string[];
  /** Stylesheet URLs: `<link rel=stylesheet>`. */
  styles: string[];
  /** The text of inline scripts, which arrive inside the HTML but are JavaScript all the same. */
  inlineScripts: string[];
}

/** A tag's attributes, names lower-cased; a bare attribute (`crossorigin`, `nomodule`) has the value ''. */
export function tagAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inner = tag.replace(/^<\s*[a-zA-Z]+/, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

/** Script types a browser executes (an importmap or JSON data block is not code it runs). */
const isJavaScriptType = (type: string | undefined) => !type || /^(module|text\/javascript|application\/javascript)$/i.test(type.trim());

/** The scripts, preloads and stylesheets a page's HTML makes the browser fetch before it is interactive, in document order, each once. */
export function firstLoadAssets(html: string): FirstLoadAssets {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const scripts: string[] = [];
  const styles: string[] = [];
  const inlineScripts: string[] = [];
  const add = (list: string[], url: string | undefined) => {
    if (url && !list.includes(url)) list.push(url);
  };
  for (const m of withoutComments.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = tagAttributes(m[0].slice(0, m[0].indexOf('>') + 1));
    // A module-capable browser skips nomodule scripts, and every browser the app targets (es2020) is one.
    if (!isJavaScriptType(attrs.type) || 'nomodule' in attrs) continue;
    if (attrs.src) add(scripts, attrs.src);
    else if (m[1].trim()) inlineScripts.push(m[1]);
  }
  for (const m of withoutComments.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = tagAttributes(m[0]);
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('modulepreload') || (rel.includes('preload') && attrs.as === 'script')) add(scripts, attrs.href);
    else if (rel.includes('stylesheet')) add(styles, attrs.href);
  }
  return { scripts, styles, inlineScripts };
}

export interface CompressedSize {
  raw: number;
  gzip: number;
  brotli: number;
}

/** A file's size raw, gzipped at level 9 and brotli-compressed at its highest quality, as a precompressing static server sends it. */
export function compressedSize(body: Buffer): CompressedSize {
  return {
    raw: body.length,
    gzip: zlib.gzipSync(body, { level: GZIP_LEVEL }).length,
    brotli: zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}

/** The sum of sizes, field by field. */
export function totalSize(sizes: CompressedSize[]): CompressedSize {
  return sizes.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/** The newest modification time (ms) of a file or of any file under a folder; 0 when nothing is there. */
export function newestMtimeMs(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtimeMs(path.join(target, entry)));
  return newest;
}

/** Whether a build output (its index.html) is missing or older than any of the sources it is built from. */
export function buildIsStale(builtFile: string, sources: string[]): boolean {
  if (!fs.existsSync(builtFile)) return true;
  const built = fs.statSync(builtFile).mtimeMs;
  return sources.some((source) => newestMtimeMs(source) > built);
}
