/**
 * `npm run bench`: every benchmark in one run, each figure beside its
 * reference measured in the same run, written to bench/results/latest.{json,md}
 * with SVG charts. BENCH_QUICK=1: a small version for CI (results under
 * .tmp/bench/quick-results unless BENCH_RESULTS_DIR says otherwise).
 * BENCH_SECTIONS=scale,likes (any of SECTIONS): only those benchmarks, after
 * the seed they share; such a partial run writes under
 * .tmp/bench/partial-results unless BENCH_RESULTS_DIR says otherwise, so it
 * never replaces the committed full run.
 * Every server is its own child process on 127.0.0.1; load is bounded in
 * requests and time.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { generateBareApp } from './lib/bare-app';
import { APP_DIR, runnerPath, WORK_DIR } from './lib/paths';
import { Progress, formatDuration, type PlannedStep } from './lib/progress';
import { startChild, stopAllChildren, type Child } from './lib/procs';
import { writeReport } from './lib/report';
import { appEnv, copyDb, startApp, startBare, startDevnetProc, startFloor, writeBenchGenesis, type Server } from './lib/servers';
import type { Ctx, Fixture, Params } from './lib/types';
import { devnetBenchmark } from './steps/devnet';
import { feedBenchmark } from './steps/feed';
import { likesBenchmark } from './steps/likes';
import { memorySection } from './steps/memory';
import { payoutsBenchmark } from './steps/payouts';
import { publishBenchmark } from './steps/publish';
import { scaleBenchmark } from './steps/scale';
import { addPosts, searchBenchmark } from './steps/search';
import { ensureWebBuild, webBenchmark } from './steps/web';

/** The benchmarks by section name, in the order they run. */
export const SECTIONS = ['feed', 'likes', 'web', 'scale', 'search', 'memory', 'publish', 'payouts', 'devnet'] as const;
type SectionName = (typeof SECTIONS)[number];

/** BENCH_SECTIONS as a set of section names (all of them when unset); an unknown name stops the run before anything starts. */
function selectedSections(value: string | undefined): Set<SectionName> {
  if (!value?.trim()) return new Set(SECTIONS);
  const names = value.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`BENCH_SECTIONS: unknown section ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  return new Set(names as SectionName[]);
}

const FULL: Params = {
  posts: 200,
  members: 200,
  connections: 20,
  loadS: 10,
  warmupS: 2,
  writes: 4000,
  writeS: 15,
  publishRounds: [1, 10, 100],
  publishBlockMs: 1000,
  payoutRecipients: 1000,
  payoutBlockMs: 1000,
  devnetPending: 1000,
  devnetReadS: 5,
  coldStarts: 2,
  uncachedFeed: true,
  searchPosts: 100000,
  scalePosts: 100000,
  scaleSmallPosts: 2,
  scaleConnections: 10,
  scaleWrites: 15000,
  scaleMixedWritesPerS: 50,
};

const QUICK: Params = {
  posts: 60,
  members: 30,
  connections: 20,
  loadS: 1.5,
  warmupS: 0.3,
  writes: 200,
  writeS: 3,
  publishRounds: [1, 5, 10],
  publishBlockMs: 500,
  payoutRecipients: 100,
  payoutBlockMs: 500,
  devnetPending: 200,
  devnetReadS: 1,
  // No extra boots: the serving boots are the samples (bare Strapi's migrates its copied database first).
  coldStarts: 0,
  uncachedFeed: false,
  searchPosts: 2000,
  scalePosts: 5000,
  scaleSmallPosts: 2,
  scaleConnections: 10,
  scaleWrites: 1500,
  scaleMixedWritesPerS: 50,
};

/** Seconds each step is expected to take, for the ETA: the steps the selected sections need. */
function plan(quick: boolean, want: Set<SectionName>): PlannedStep[] {
  const w = (full: number, q: number) => (quick ? q : full);
  const needs: Record<string, boolean> = {
    servers: want.has('feed') || want.has('likes') || want.has('memory'),
    feed: want.has('feed'),
    likes: want.has('likes'),
    web: want.has('web'),
    scale: want.has('scale'),
    search: want.has('search'),
    coldstart: want.has('memory'),
    publish: want.has('publish'),
    payouts: want.has('payouts'),
    devnet: want.has('devnet'),
  };
  const steps: PlannedStep[] = [
    { id: 'prepare', title: 'prepare: bare Strapi app, genesis with publishing accounts, devnet', weight: w(2, 1) },
    { id: 'seed', title: 'seed: boards, members, posts through the compiled app', weight: w(20, 8) },
    { id: 'servers', title: 'start the app, bare Strapi and the floor (child processes)', weight: w(15, 7) },
    { id: 'feed', title: 'feed and post detail vs Strapi list and the floor', weight: w(100, 20) },
    { id: 'likes', title: 'like ingestion vs comment writes, ledger check', weight: w(30, 7) },
    { id: 'web', title: "the members' web app's first load: build if stale, GET / and its scripts, gzipped", weight: w(10, 10) },
    { id: 'scale', title: 'scale: a 100,000-post board vs the indexed floor, a small board, writes, mixed load, PostgreSQL', weight: w(420, 90) },
    { id: 'search', title: 'search over many posts vs Strapi\'s $containsi filter', weight: w(40, 5) },
    { id: 'coldstart', title: 'cold starts: app vs bare Strapi', weight: w(10, 1) },
    { id: 'publish', title: 'publish → confirmed on chain with 1/10/100 boards', weight: w(30, 8) },
    { id: 'payouts', title: 'payout recipients per block vs the 20-action limit', weight: w(65, 8) },
    { id: 'devnet', title: 'devnet: broadcasts/s and block application with pending transactions', weight: w(10, 3) },
    { id: 'report', title: 'write the report', weight: 1 },
  ];
  return steps.filter((step) => needs[step.id] ?? true);
}

async function runSeed(ctx: { work: string; params: Params }, chain: { url: string; chainId: string }, accounts: string[]): Promise<Fixture> {
  const env = appEnv(path.join(ctx.work, 'seed.db'), 0, chain, {
    HIVE_WORKER_ENABLED: 'false',
    BENCH_SEED_OUT: ctx.work,
    BENCH_SEED_POSTS: String(ctx.params.posts),
    BENCH_SEED_MEMBERS: String(ctx.params.members),
    BENCH_SEED_ACCOUNTS: accounts.join(','),
  });
  const seed = startChild('seed', runnerPath('seed'), env);
  const code: number = await new Promise((resolve) => seed.child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`seeding failed (exit ${code}):\n${seed.output.slice(-30).join('\n')}`);
  return JSON.parse(fs.readFileSync(path.join(ctx.work, 'fixture.json'), 'utf8'));
}

async function main() {
  const quick = process.env.BENCH_QUICK === '1';
  const want = selectedSections(process.env.BENCH_SECTIONS);
  const partial = want.size < SECTIONS.length;
  // BENCH_SEARCH_POSTS: the search step's post count alone (e.g. 100000 in a quick run).
  const params = { ...(quick ? QUICK : FULL), ...(Number(process.env.BENCH_SEARCH_POSTS) > 0 ? { searchPosts: Number(process.env.BENCH_SEARCH_POSTS) } : {}) };
  const outDir = path.resolve(process.env.BENCH_RESULTS_DIR ?? (quick ? path.join(WORK_DIR, 'quick-results') : partial ? path.join(WORK_DIR, 'partial-results') : path.join(APP_DIR, 'bench', 'results')));
  // A quick run (CI, the jest test) works in a folder of its own, removed afterwards, so runs never collide.
  const work = path.join(WORK_DIR, quick ? `quick-${process.pid}` : 'full');
  const progress = new Progress(plan(quick, want));
  const startedAt = new Date();
  // Every child registers itself (lib/procs.ts): stopAll ends whatever is still running.
  const stop = async (s: { proc: Child } | null | undefined) => {
    if (s) await s.proc.stop();
  };
  const stopAll = stopAllChildren;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n[bench] ${signal}: stopping child processes…\n`);
      stopAll().finally(() => process.exit(130));
    });
  }

  const ctx = { quick, params, progress, work, sections: {}, ratios: [] } as unknown as Ctx;
  /** Runs one benchmark; a failure is recorded in its section and the run goes on. */
  const guarded = async (section: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      progress.note(`${section}: FAILED — ${reason.split('\n')[0]}`);
      ctx.sections[section] = { ...(ctx.sections[section] ?? {}), status: 'failed', reason };
    }
  };

  try {
    progress.start('prepare');
    if (loadAtStart[0] > os.cpus().length) progress.note(`the machine is busy (load average ${loadAtStart[0]} on ${os.cpus().length} cores): figures will be noisy; the report records the load`);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    if (partial) progress.note(`only ${[...want].join(', ')} (BENCH_SECTIONS); results under ${path.relative(APP_DIR, outDir)}`);
    const servesReads = want.has('feed') || want.has('likes') || want.has('memory');
    const bareDir = quick ? path.join(work, 'bare-app') : path.join(WORK_DIR, 'bare-app');
    if (servesReads) {
      const bareTypes = generateBareApp(bareDir);
      progress.note(`bare Strapi app at ${path.relative(APP_DIR, bareDir)} with ${bareTypes.join(', ')}`);
    }
    const boardCount = params.publishRounds.reduce((a, b) => a + b, 0);
    const accounts = Array.from({ length: boardCount }, (_, i) => `bench-b${String(i + 1).padStart(3, '0')}`);
    const genesisFile = path.join(work, 'genesis.json');
    writeBenchGenesis(genesisFile, accounts);
    const chain = await startDevnetProc('devnet', { blockMs: params.publishBlockMs, genesisFile });
    ctx.chain = { url: chain.url, chainId: chain.chainId };
    progress.note(`devnet at ${chain.url}, ${params.publishBlockMs} ms blocks, ${accounts.length} extra board accounts in its genesis`);

    progress.start('seed');
    ctx.fixture = await runSeed(ctx, ctx.chain, accounts);
    progress.note(`${ctx.fixture.posts.length} posts on /${ctx.fixture.feedBoard}, ${ctx.fixture.members.length} members, ${ctx.fixture.publishBoards.length} publishing boards`);

    const appDb = path.join(work, 'app.db');
    const bareDb = path.join(work, 'bare.db');
    /** The web section, on a serving app instance (the feed's when it runs, else one of its own). */
    const webSection = async (serving: Server | null) => {
      progress.start('web');
      await guarded('web', async () => {
        const build = await ensureWebBuild();
        if (build.built) progress.note(`built apps/web/dist (npm run build:web) in ${(build.ms / 1000).toFixed(1)} s: it was missing or older than its sources`);
        const own = serving ? null : await startApp('app-web', copyDb(path.join(work, 'read.db'), path.join(work, 'web.db')), ctx.chain, { HIVE_WORKER_ENABLED: 'false' });
        try {
          await webBenchmark(ctx, serving ?? (own as Server), build);
        } finally {
          await stop(own);
        }
      });
    };
    let rss = { rssUnderLoad: {} as Record<string, { peakMiB: number; meanMiB: number }>, idleRss: {} as Record<string, number> };
    const coldStarts = { app: [] as number[], bare: [] as number[], floor: [] as number[] };
    if (servesReads) {
      progress.start('servers');
      copyDb(path.join(work, 'read.db'), appDb);
      copyDb(path.join(work, 'read.db'), bareDb);
      const floorDb = copyDb(path.join(work, 'read.db'), path.join(work, 'floor.db'));
      // Readers only: chain work is another instance's job (HIVE_WORKER_ENABLED=false), so no background broadcasting skews the load.
      const app = await startApp('app', appDb, ctx.chain, { HIVE_WORKER_ENABLED: 'false' });
      progress.note(`app up in ${app.coldStartMs.toFixed(0)} ms`);
      // The bare app's first boot on the copied database migrates it (drops the plugin's tables): not a cold start.
      const bare = await startBare('bare-strapi', bareDir, bareDb);
      progress.note(`bare Strapi up in ${bare.coldStartMs.toFixed(0)} ms (first boot, schema migrated)`);
      const floor = await startFloor(floorDb);
      // The same app with its feed cache off: what a page costs when the cache misses (right after a write).
      const uncached = params.uncachedFeed
        ? await startApp('app-uncached', copyDb(path.join(work, 'read.db'), path.join(work, 'app-uncached.db')), ctx.chain, { HIVE_WORKER_ENABLED: 'false', FEED_CACHE_TTL_MS: '0' })
        : null;
      coldStarts.app.push(app.coldStartMs, ...(uncached ? [uncached.coldStartMs] : []));
      if (params.coldStarts === 0) coldStarts.bare.push(bare.coldStartMs);
      coldStarts.floor.push(floor.coldStartMs);

      if (want.has('feed')) {
        progress.start('feed');
        await guarded('feed', async () => {
          rss = await feedBenchmark(ctx, { app, bare, floor, ...(uncached ? { uncached } : {}) });
        });
      }

      if (want.has('likes')) {
        progress.start('likes');
        await guarded('likes', () => likesBenchmark(ctx, app, appDb));
      }

      if (want.has('web')) await webSection(app);
      await Promise.all([stop(app), stop(bare), stop(floor), stop(uncached)]);
    }
    if (want.has('web') && !servesReads) await webSection(null);

    if (want.has('scale')) {
      progress.start('scale');
      await guarded('scale', () => scaleBenchmark(ctx, path.join(work, 'read.db')));
    }

    if (want.has('search')) {
      progress.start('search');
      await guarded('search', async () => {
        const searchDb = copyDb(path.join(work, 'read.db'), path.join(work, 'search.db'));
        const indexed = addPosts(searchDb, params.searchPosts);
        progress.note(`${indexed} published posts in the search index`);
        const searcher = await startApp('app-search', searchDb, ctx.chain, { HIVE_WORKER_ENABLED: 'false' });
        try {
          await searchBenchmark(ctx, searcher, indexed);
        } finally {
          await stop(searcher);
        }
      });
    }

    if (want.has('memory')) {
      progress.start('coldstart');
      await guarded('memory', async () => {
        // The app's serving boots above are its samples; bare Strapi's come after its migrating first boot.
        for (let i = 0; i < params.coldStarts; i++) {
          const bareAgain = await startBare('bare-strapi', bareDir, bareDb);
          coldStarts.bare.push(bareAgain.coldStartMs);
          await stop(bareAgain);
          if (coldStarts.app.length >= params.coldStarts) continue;
          const appAgain = await startApp('app', appDb, ctx.chain, { HIVE_WORKER_ENABLED: 'false' });
          coldStarts.app.push(appAgain.coldStartMs);
          await stop(appAgain);
        }
        progress.note(`cold start: app ${coldStarts.app.map((m) => m.toFixed(0)).join(', ')} ms; bare Strapi ${coldStarts.bare.map((m) => m.toFixed(0)).join(', ')} ms`);
        memorySection(ctx, rss, coldStarts, params.coldStarts === 0);
      });
    }

    if (want.has('publish')) {
      progress.start('publish');
      await guarded('publish', async () => {
        const publishDb = copyDb(path.join(work, 'publish.db'), path.join(work, 'publish-app.db'));
        // Worker timings scaled with the block interval, so "blocks" mean what they would with Hive's 3 s blocks.
        const scale = params.publishBlockMs / 3000;
        const ms = (v: number) => String(Math.max(10, Math.round(v * scale)));
        const publisher = await startApp('app-publisher', publishDb, ctx.chain, {
          HIVE_WORKER_POLL_MS: ms(1000),
          HIVE_WORKER_RECHECK_MS: ms(3000),
          HIVE_INCLUSION_WAIT_MS: ms(7000),
          HIVE_WORKER_BACKOFF_MS: ms(5000),
        });
        try {
          await publishBenchmark(ctx, publisher, publishDb);
        } finally {
          await stop(publisher);
        }
      });
    }
    await stop(chain);

    if (want.has('payouts')) {
      progress.start('payouts');
      await guarded('payouts', async () => {
        const devnet = await startDevnetProc('devnet-payouts', { blockMs: params.payoutBlockMs });
        const onDemand = await startDevnetProc('devnet-packer', { blockMs: 0 });
        try {
          await payoutsBenchmark(ctx, devnet, onDemand, params.payoutBlockMs, copyDb(path.join(work, 'publish.db'), path.join(work, 'payouts-app.db')));
        } finally {
          await Promise.all([stop(devnet), stop(onDemand)]);
        }
      });
    }

    if (want.has('devnet')) {
      progress.start('devnet');
      await guarded('devnet', async () => {
        const devnet = await startDevnetProc('devnet-intake', { blockMs: 0 });
        try {
          await devnetBenchmark(ctx, devnet);
        } finally {
          await stop(devnet);
        }
      });
    }

    progress.start('report');
    const durationS = progress.elapsedMs / 1000;
    const report = {
      schema: 'quanzi-bench/1',
      quick,
      command: [quick ? 'BENCH_QUICK=1' : '', partial ? `BENCH_SECTIONS=${[...want].join(',')}` : '', 'npm run bench'].filter(Boolean).join(' '),
      sectionsRun: [...want],
      startedAt: startedAt.toISOString(),
      durationS,
      durationNote: 'time of node dist/bench/run.js, after the TypeScript build',
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
        loadAverageAtStart: null as number[] | null,
        loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      params,
      sections: ctx.sections,
      // A ratio whose figures could not be measured (a failed step) is reported as such, never as NaN.
      ratios: ctx.ratios.filter((r) => Number.isFinite(r.value) && r.reference > 0),
      failures: [
        ...Object.entries(ctx.sections)
          .filter(([, s]) => s.status !== 'ok')
          .map(([name, s]) => ({ benchmark: name, status: s.status, reason: s.reason ?? '' })),
        ...ctx.ratios
          .filter((r) => !(Number.isFinite(r.value) && r.reference > 0))
          .map((r) => ({ benchmark: r.benchmark, status: 'unmeasured', reason: `${r.label}: ${r.measured} vs ${r.reference}` })),
      ],
    };
    report.machine.loadAverageAtStart = loadAtStart;
    const files = writeReport(outDir, report);
    progress.finish();
    process.stdout.write(`\n${summaryText(report)}\nwritten: ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}\n`);
  } finally {
    await stopAll();
    if (quick && !process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
  }
}

const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);

function summaryText(report: { ratios: Ctx['ratios']; durationS: number; failures: Array<{ benchmark: string; status: string; reason: string }> }) {
  const lines = [`Quanzi bench (${formatDuration(report.durationS * 1000)})`];
  for (const r of report.ratios) {
    const target = r.target ? `  target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : '';
    lines.push(`  ${r.value.toFixed(2).padStart(8)}×  ${r.label} (${fmt(r.measured)} vs ${fmt(r.reference)} ${r.unit})${target}`);
  }
  for (const m of report.failures) lines.push(`  ${m.status.toUpperCase()}: ${m.benchmark} — ${m.reason.split('\n')[0]}`);
  return lines.join('\n');
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

main().catch((error) => {
  process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
