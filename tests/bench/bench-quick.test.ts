/**
 * Keeps `npm run bench` working: runs the quick bench (BENCH_QUICK=1) as a child
 * process, as CI would, and checks the report's shape — every benchmark has a
 * section, every ratio is a finite number, the charts and the markdown exist,
 * progress was shown. No timing threshold is asserted: figures depend on the
 * machine; the full run and its figures are in bench/results/.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const APP_DIR = path.resolve(__dirname, '../..');
const BENCHMARKS = ['feed', 'likes', 'web', 'scale', 'publish', 'payouts', 'devnet', 'memory'];

let report: any;
let markdown = '';
let stderr = '';
let outDir = '';

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-bench-'));
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.join(APP_DIR, 'dist/bench/run.js')], {
      cwd: APP_DIR,
      env: { ...process.env, BENCH_QUICK: '1', BENCH_RESULTS_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`the quick bench exited with ${code}:\n${stderr.slice(-4000)}`);
  report = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8'));
  markdown = fs.readFileSync(path.join(outDir, 'latest.md'), 'utf8');
}, 10 * 60 * 1000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe('BENCH_QUICK=1 npm run bench', () => {
  it('reports every benchmark, none of them broken', () => {
    expect(report.schema).toBe('quanzi-bench/1');
    expect(report.failures).toEqual([]);
    expect(report.quick).toBe(true);
    for (const name of BENCHMARKS) {
      const section = report.sections[name];
      expect(section).toBeDefined();
      // Every benchmark runs: a step that cannot (a route the build lacks, a server that broke) fails the bench.
      if (section.status !== 'ok') throw new Error(`${name} ${section.status}: ${section.reason}`);
      expect(section.status).toBe('ok');
    }
  });

  it('prints every figure as a finite ratio to a reference measured in the same run', () => {
    expect(report.ratios.length).toBeGreaterThan(10);
    for (const r of report.ratios) {
      const where = `${r.id}: ${r.measured} / ${r.reference}`;
      expect([where, Number.isFinite(r.value)]).toEqual([where, true]);
      expect([where, Number.isFinite(r.measured) && Number.isFinite(r.reference) && r.reference > 0]).toEqual([where, true]);
      expect(r.label).toEqual(expect.any(String));
      expect(r.referenceLabel).toEqual(expect.any(String));
      if (r.target !== undefined) expect(typeof r.met).toBe('boolean');
    }
    for (const name of BENCHMARKS.filter((b) => report.sections[b].status === 'ok')) {
      expect([name, report.ratios.some((r: any) => r.benchmark === name)]).toEqual([name, true]);
    }
  });

  it('measures the feed beside bare Strapi and the floor, and checks the like ledger', () => {
    const ids = report.sections.feed.endpoints.map((e: any) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['feed', 'app-list', 'bare-list', 'floor-feed', 'detail', 'bare-detail', 'floor-detail']));
    for (const e of report.sections.feed.endpoints) {
      expect(e.ok).toBeGreaterThan(0);
      // Wrong answers would be non-2xx; client timeouts on a loaded CI machine are not the app's fault.
      expect([e.id, e.non2xx]).toEqual([e.id, 0]);
    }
    expect(report.sections.likes.likes.consistent).toBe(true);
  });

  it('measures scale: a big board against the indexed floor, a small board, writes with the ledger counted, mixed load, PostgreSQL', () => {
    const scale = report.sections.scale;
    expect(scale.posts).toBe(report.params.scalePosts);
    // The app's boot ran the feed table's migration over every grown post (the upgrade path).
    expect(scale.upgrade.feedEntries).toBeGreaterThanOrEqual(report.params.scalePosts);
    for (const name of ['feed', 'smallBoard', 'writes', 'mixed']) expect([name, scale.parts[name]?.status]).toEqual([name, 'ok']);
    for (const [name, x] of [['feed app', scale.parts.feed.app], ['feed floor', scale.parts.feed.floor], ['small board, big db', scale.parts.smallBoard.big], ['small board, demo db', scale.parts.smallBoard.demo], ['mixed reads', scale.parts.mixed.reads]]) {
      expect([name, x.ok > 0, x.non2xx]).toEqual([name, true, 0]);
    }
    // Every kind of write landed during the mixed load.
    for (const kind of ['like', 'comment', 'publish']) expect([kind, Object.keys(scale.parts.mixed.writes.byKind[kind] ?? {}).some((c) => c.startsWith('2'))]).toEqual([kind, true]);
    expect(scale.parts.writes.likes.consistent).toBe(true);
    expect(scale.parts.writes.comments.consistent).toBe(true);
    const ids = report.ratios.filter((r: any) => r.benchmark === 'scale').map((r: any) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['scale.feed_rps_vs_floor', 'scale.feed_p99_vs_floor', 'scale.small_board_big_vs_demo_rps', 'scale.mixed_p99_vs_floor', 'scale.likes_per_s_vs_goal', 'scale.comments_per_s_vs_goal', 'scale.like_ledger_vs_accepted', 'scale.comment_ledger_vs_accepted']));
    if (process.env.QUANZI_TEST_POSTGRES) {
      expect(scale.parts.postgres.status).toBe('ok');
      expect(scale.parts.postgres.feedEntries).toBeGreaterThanOrEqual(report.params.scalePosts);
      expect(ids).toEqual(expect.arrayContaining(['scale.pg_feed_rps_vs_floor', 'scale.pg_feed_p99_vs_floor']));
    } else {
      expect(scale.parts.postgres.status).toBe('skipped');
    }
    expect(markdown).toContain('## 7. Scale');
  });

  it("measures the web app's first load as served at /, against its budget", () => {
    const web = report.sections.web;
    // The page the app served is the build apps/web/dist holds (built by the bench when stale), not the admin's fallback.
    expect(web.servedMatchesBuild).toBe(true);
    expect(web.scripts.length).toBeGreaterThan(0);
    for (const s of web.scripts) expect([s.path, s.raw > s.gzip, s.gzip > 0, s.brotli > 0]).toEqual([s.path, true, true, true]);
    expect(web.js.raw).toBeGreaterThan(web.js.gzip);
    // The total is the files' sum (plus any inline script's text).
    const scriptsGzip = web.scripts.reduce((sum: number, s: any) => sum + s.gzip, 0);
    if (web.inlineScripts) expect(web.js.gzip).toBeGreaterThan(scriptsGzip);
    else expect(web.js.gzip).toBe(scriptsGzip);
    expect(web.styles.length).toBeGreaterThan(0);
    expect(web.css.gzip).toBeGreaterThan(0);
    const budget = report.ratios.find((r: any) => r.id === 'web.first_load_js_gzip_vs_budget');
    expect(budget).toBeDefined();
    expect(Number.isFinite(budget.value) && budget.value > 0).toBe(true);
    expect(budget.measured).toBeCloseTo(web.js.gzip / 1000, 6);
    expect(typeof budget.met).toBe('boolean');
    expect(markdown).toContain("## 8. Members' web app: first load");
  });

  it('writes a readable markdown report with SVG charts', () => {
    expect(markdown).toMatch(/^# Quanzi benchmarks/);
    expect(markdown).toContain('| figure | measured | reference | ratio | target |');
    for (const chart of ['latest-latency.svg', 'latest-payouts.svg']) {
      expect(markdown).toContain(`](${chart})`);
      expect(fs.readFileSync(path.join(outDir, chart), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('shows progress on stderr: step n/N, elapsed and ETA', () => {
    expect(stderr).toMatch(/\[bench 1\/\d+\] .*\(elapsed \d+s, ETA \d+(m\d+)?s\)/);
    expect(stderr).toMatch(/\[bench] finished in/);
  });
});
