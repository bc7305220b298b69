import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { buildIsStale, compressedSize, firstLoadAssets, tagAttributes, totalSize } from '../../bench/lib/first-load';

/** The bench's web section: which files a first load fetches, and their sizes on the wire. */
describe("the web app's first load", () => {
  it('lists the entry script, module preloads and stylesheets of a Vite build, each once', () => {
    const html = `<!doctype html><html><head>
      <script type="module" crossorigin src="/web-assets/index-AbC1.js"></script>
      <link rel="modulepreload" crossorigin href="/web-assets/vendor-Xy2.js">
      <link rel="stylesheet" crossorigin href="/web-assets/index-Q9.css">
      <link rel="icon" href="/favicon.png" />
      <link rel="preload" as="font" href="/web-assets/font.woff2">
      <link rel=preload as=script href='/web-assets/extra.js'>
      <script type="module" src="/web-assets/index-AbC1.js"></script>
    </head><body><div id="root"></div></body></html>`;
    expect(firstLoadAssets(html)).toEqual({
      scripts: ['/web-assets/index-AbC1.js', '/web-assets/vendor-Xy2.js', '/web-assets/extra.js'],
      styles: ['/web-assets/index-Q9.css'],
      inlineScripts: [],
    });
  });

  it('counts inline scripts but not data blocks, nomodule fallbacks or commented-out tags', () => {
    const html = `<script>window.a = 1</script>
      <script type="application/json">{"not":"code"}</script>
      <script type="importmap">{"imports":{}}</script>
      <script nomodule src="/legacy.js"></script>
      <!-- <script src="/old.js"></script> -->
      <script type="text/javascript" src="/classic.js"></script>`;
    expect(firstLoadAssets(html)).toEqual({ scripts: ['/classic.js'], styles: [], inlineScripts: ['window.a = 1'] });
  });

  it('reads quoted, unquoted and bare attributes', () => {
    expect(tagAttributes('<script type="module" crossorigin src=/a.js>')).toEqual({ type: 'module', crossorigin: '', src: '/a.js' });
    expect(tagAttributes("<link REL='stylesheet' href=\"/a b.css\" />")).toEqual({ rel: 'stylesheet', href: '/a b.css' });
  });

  it('measures gzip at level 9 and brotli, and sums them', () => {
    // Varied enough that gzip's levels give different sizes (a repeated line compresses the same at any level).
    const body = Buffer.from(Array.from({ length: 3000 }, (_, i) => `const v${i} = ${(i * 7919) % 10007}; // 圈子 ${i % 13}`).join('\n'));
    const size = compressedSize(body);
    expect(size.raw).toBe(body.length);
    expect(size.gzip).toBe(zlib.gzipSync(body, { level: 9 }).length);
    expect(size.gzip).toBeLessThan(zlib.gzipSync(body, { level: 6 }).length);
    expect(size.gzip).toBeLessThan(size.raw);
    expect(size.brotli).toBeGreaterThan(0);
    expect(size.brotli).toBeLessThan(size.raw);
    expect(totalSize([size, { raw: 1, gzip: 2, brotli: 3 }])).toEqual({ raw: size.raw + 1, gzip: size.gzip + 2, brotli: size.brotli + 3 });
  });

  it('calls a build stale when its output is missing or any source is newer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-first-load-'));
    try {
      const built = path.join(dir, 'dist', 'index.html');
      const sources = [path.join(dir, 'src'), path.join(dir, 'index.html')];
      fs.mkdirSync(path.join(dir, 'src', 'pages'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'pages', 'Feed.tsx'), 'export {}');
      fs.writeFileSync(path.join(dir, 'index.html'), '<html></html>');
      expect(buildIsStale(built, sources)).toBe(true);
      fs.mkdirSync(path.dirname(built));
      fs.writeFileSync(built, '<html></html>');
      const t = Date.now() / 1000;
      fs.utimesSync(path.join(dir, 'src', 'pages', 'Feed.tsx'), t - 60, t - 60);
      fs.utimesSync(path.join(dir, 'index.html'), t - 60, t - 60);
      fs.utimesSync(built, t - 30, t - 30);
      expect(buildIsStale(built, sources)).toBe(false);
      // A page edited after the build, deep in the source tree.
      fs.utimesSync(path.join(dir, 'src', 'pages', 'Feed.tsx'), t, t);
      expect(buildIsStale(built, sources)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
