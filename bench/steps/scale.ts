/**
 * Benchmark 7, scale: what a page and a write cost when the database is big.
 *
 * - One board grown to `scalePosts` posts (straight into Strapi's tables, then
 *   the feed table taken away so the app's boot runs its migration, the
 *   upgrade path at scale); the feed with its cache off against the indexed
 *   floor (runners/scale-floor.ts) on a consistent copy of the same database.
 * - A small board's page in that big database against the same page in the
 *   demo-size database it was grown from.
 * - Like and comment throughput on the big database, then the ledger counted:
 *   ledger events and rows = accepted writes.
 * - The feed under mixed load: reads while writes land at a steady rate
 *   (likes, comments, publishes on the same board), on an instance with its
 *   cache on, as deployed; its p99 against the floor's.
 * - The same feed measurement on PostgreSQL (QUANZI_TEST_POSTGRES: a
 *   throwaway database, dropped afterwards), then like throughput there with
 *   the rows and ledger events counted.
 *
 * Each part is measured on its own: a part that fails is recorded as failed
 * with its reason and the others still run.
 */
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import { ledgerCounts } from '../lib/ledger';
import { runLoad, runPaced, runWrites, type LoadResult, type RequestSpec } from '../lib/load';
import { runnerPath } from '../lib/paths';
import { startChild } from '../lib/procs';
import {
  analyzePostgres,
  boardIdPostgres,
  boardIdSqlite,
  feedEntriesPostgres,
  feedEntriesSqlite,
  forgetFeedTablePostgres,
  forgetFeedTableSqlite,
  growBoardPostgres,
  growBoardSqlite,
  snapshotSqlite,
} from '../lib/scale-data';
import { appEnv, copyDb, startApp, startScaleFloor, type Server } from '../lib/servers';
import { ratio, type Ctx, type Fixture, type Section } from '../lib/types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A boot that lists every post of a big database in the feed table may take minutes on two cores. */
const MIGRATING_BOOT_MS = 10 * 60 * 1000;
const auth = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
const summary = (r: LoadResult) => ({ rps: r.rps, p50: r.latencyMs.p50, p90: r.latencyMs.p90, p99: r.latencyMs.p99, max: r.latencyMs.max, ok: r.ok, non2xx: r.non2xx, errors: r.errors, statusCodes: r.statusCodes, durationS: r.durationS });

type Part = { status: 'ok' | 'failed' | 'skipped'; reason?: string; [key: string]: unknown };

/** How long a first page may keep failing to connect (a server busy finishing its boot, a socket reset) before the part fails. */
const FIRST_PAGE_RETRY_MS = 30 * 1000;

/** Why a fetch failed, down to the socket error undici keeps in `cause`. */
function fetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${error.message} (${cause.code ?? cause.message ?? 'no cause'})` : error.message;
}

/**
 * The first page's documentIds, checked to be a full page. A connection that
 * fails is tried again for a bounded time; what finally fails names the
 * socket error and, when the server's process has gone, its last lines.
 */
async function firstPage(server: Server, feedPath: string, expect: number): Promise<string[]> {
  const deadline = Date.now() + FIRST_PAGE_RETRY_MS;
  let res: Response | null = null;
  let failure: unknown = null;
  while (!res) {
    failure = await fetch(server.url + feedPath, { signal: AbortSignal.timeout(FIRST_PAGE_RETRY_MS) }).then(
      (answer) => ((res = answer), null),
      (error: unknown) => error,
    );
    const exited = server.proc.child.exitCode !== null || server.proc.child.signalCode !== null;
    if (res) break;
    if (exited || Date.now() > deadline) {
      const lines = exited ? `; ${server.proc.name} exited (${server.proc.child.exitCode ?? server.proc.child.signalCode}):\n${server.proc.output.slice(-25).join('\n')}` : '';
      throw new Error(`GET ${server.url}${feedPath} failed: ${fetchFailure(failure)}${lines}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${feedPath} answered ${res.status}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text);
  const ids: string[] = (body.data ?? []).map((p: { documentId: string }) => p.documentId);
  if (ids.length !== expect) throw new Error(`GET ${feedPath} listed ${ids.length} posts, expected ${expect}`);
  return ids;
}

export async function scaleBenchmark(ctx: Ctx, readDb: string) {
  const { params, fixture, progress, work } = ctx;
  const parts: Record<string, Part> = {};
  // The section itself, filled as the parts finish: a failure that stops the whole section keeps what was measured.
  const section: Section = { status: 'ok', posts: params.scalePosts, connections: params.scaleConnections, durationS: params.loadS, parts };
  ctx.sections.scale = section;
  const part = async (name: string, fn: () => Promise<Record<string, unknown>>) => {
    try {
      const result = await fn();
      // A part may have recorded itself as failed with its figures (parts[name]); otherwise it is what it returned.
      parts[name] = parts[name]?.status === 'failed' ? parts[name] : { status: 'ok', ...result };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      progress.note(`scale/${name}: FAILED — ${reason.split('\n')[0]}`);
      parts[name] = { ...(parts[name] ?? {}), status: 'failed', reason };
    }
  };
  const failedParts = () => Object.entries(parts).filter(([, p]) => p.status === 'failed');

  const load = (server: Server, feedPath: string, durationS: number) => runLoad({ url: server.url, connections: params.scaleConnections, durationS, request: { path: feedPath } });
  const measure = async (server: Server, feedPath: string) => {
    await load(server, feedPath, params.warmupS);
    return load(server, feedPath, params.loadS);
  };
  const say = (label: string, r: LoadResult) => progress.note(`${label}: ${r.rps.toFixed(0)} req/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`);

  // The data: the seeded database (demo size) with a small board, and a copy of it with the feed board grown.
  const smallBoard = fixture.publishBoards[0]?.slug;
  if (!smallBoard) throw new Error('the seed made no second board for the small-board page');
  const authorIds = fixture.members.map((m) => m.id);
  const grownAt = Date.now() - DAY_MS;
  const demoDb = copyDb(readDb, path.join(work, 'scale-demo.db'));
  growBoardSqlite(demoDb, { boardId: boardIdSqlite(demoDb, smallBoard), authorIds, posts: params.scaleSmallPosts, newestMs: grownAt });
  const bigDb = copyDb(demoDb, path.join(work, 'scale-big.db'));
  const grow = params.scalePosts - fixture.posts.length;
  let started = Date.now();
  const grown = growBoardSqlite(bigDb, { boardId: boardIdSqlite(bigDb, fixture.feedBoard), authorIds, posts: grow, newestMs: grownAt, commentEvery: 10 });
  const growMs = Date.now() - started;
  progress.note(`grew /${fixture.feedBoard} by ${grown.length.toLocaleString('en')} posts (to ${params.scalePosts.toLocaleString('en')}) in ${(growMs / 1000).toFixed(1)} s; /${smallBoard} has ${params.scaleSmallPosts}`);
  for (const file of [demoDb, bigDb]) forgetFeedTableSqlite(file);
  section.grow = { posts: grown.length, ms: growMs, smallBoard, smallBoardPosts: params.scaleSmallPosts };

  const bigFeed = `/api/feed?board=${fixture.feedBoard}&limit=20`;
  const smallFeed = `/api/feed?board=${smallBoard}&limit=20`;
  const uncachedEnv = { HIVE_WORKER_ENABLED: 'false', FEED_CACHE_TTL_MS: '0' };
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
  };
  let floorP99 = NaN;

  try {
    // The big database, cache off. Its first boot runs the feed table's migration over every post.
    started = Date.now();
    const big = await startApp('scale-app', bigDb, ctx.chain, uncachedEnv, MIGRATING_BOOT_MS);
    stops.push(() => big.proc.stop());
    const listed = feedEntriesSqlite(bigDb);
    progress.note(`app up on the big database in ${(big.coldStartMs / 1000).toFixed(1)} s, its migration listing ${listed.toLocaleString('en')} posts in the feed table`);
    section.upgrade = { bootWithMigrationMs: big.coldStartMs, feedEntries: listed };
    const floorDb = snapshotSqlite(bigDb, path.join(work, 'scale-floor.db'));
    const floor = await startScaleFloor('scale-floor', { sqlite: floorDb });
    stops.push(() => floor.proc.stop());

    await part('feed', async () => {
      const [appIds, floorIds] = await Promise.all([firstPage(big, bigFeed, 20), firstPage(floor, bigFeed, 20)]);
      if (appIds.join() !== floorIds.join()) throw new Error(`the app's first page and the floor's differ: ${appIds.slice(0, 3).join(', ')}… vs ${floorIds.slice(0, 3).join(', ')}…`);
      const app = await measure(big, bigFeed);
      say(`feed, ${params.scalePosts.toLocaleString('en')}-post board, cache off`, app);
      const ref = await measure(floor, bigFeed);
      say('floor (node:http + better-sqlite3, feed table index range)', ref);
      floorP99 = ref.latencyMs.p99;
      ctx.ratios.push(ratio({ id: 'scale.feed_rps_vs_floor', benchmark: 'scale', label: `feed req/s ÷ floor req/s, ${params.scalePosts.toLocaleString('en')}-post board, cache off`, measured: app.rps, reference: ref.rps, unit: 'req/s', referenceLabel: 'node:http + better-sqlite3 floor, same rows', target: '≥ 0.5', met: app.rps / ref.rps >= 0.5 }));
      ctx.ratios.push(ratio({ id: 'scale.feed_p99_vs_floor', benchmark: 'scale', label: `feed p99 ÷ floor p99, ${params.scalePosts.toLocaleString('en')}-post board, cache off`, measured: app.latencyMs.p99, reference: ref.latencyMs.p99, unit: 'ms', referenceLabel: 'node:http + better-sqlite3 floor, same rows', target: '≤ 3', met: app.latencyMs.p99 / ref.latencyMs.p99 <= 3 }));
      return { path: bigFeed, app: summary(app), floor: summary(ref) };
    });

    await part('smallBoard', async () => {
      // Its boot migrates too (the demo copy's feed table was taken away as well): the same allowance as the big one's.
      const demo = await startApp('scale-app-demo', demoDb, ctx.chain, uncachedEnv, MIGRATING_BOOT_MS);
      try {
        const expect = Math.min(20, params.scaleSmallPosts);
        const [inBig, inDemo] = await Promise.all([firstPage(big, smallFeed, expect), firstPage(demo, smallFeed, expect)]);
        if (inBig.join() !== inDemo.join()) throw new Error('the small board lists different posts in the two databases');
        const bigResult = await measure(big, smallFeed);
        say(`/${smallBoard} (${params.scaleSmallPosts} posts) in the big database, cache off`, bigResult);
        const demoResult = await measure(demo, smallFeed);
        say(`/${smallBoard} in the demo-size database, cache off`, demoResult);
        ctx.ratios.push(ratio({ id: 'scale.small_board_big_vs_demo_rps', benchmark: 'scale', label: `a ${params.scaleSmallPosts}-post board's page req/s: ${params.scalePosts.toLocaleString('en')}-post database ÷ demo-size database, cache off`, measured: bigResult.rps, reference: demoResult.rps, unit: 'req/s', referenceLabel: `same page, ${fixture.posts.length + params.scaleSmallPosts}-post database`, target: '≥ 0.7', met: bigResult.rps / demoResult.rps >= 0.7 }));
        return { path: smallFeed, big: summary(bigResult), demo: summary(demoResult), demoPosts: fixture.posts.length + params.scaleSmallPosts };
      } finally {
        await demo.proc.stop();
      }
    });
    await stopAll();

    // As deployed (cache on) on a copy of the big database: writes, then reads while writes land.
    const liveDb = copyDb(floorDb, path.join(work, 'scale-live.db'));
    const live = await startApp('scale-app-live', liveDb, ctx.chain, { HIVE_WORKER_ENABLED: 'false' });
    stops.push(() => live.proc.stop());
    let pairs = 0;
    const posts = grown;
    const pair = () => {
      const k = pairs++;
      return { member: fixture.members[k % fixture.members.length], post: posts[Math.floor(k / fixture.members.length) % posts.length] };
    };

    await part('writes', () => writesAtScale(ctx, live, liveDb, pair));

    await part('mixed', async () => {
      if (!Number.isFinite(floorP99)) {
        // The quiet floor was not measured above (that part failed): measure it now.
        const floor = await startScaleFloor('scale-floor', { sqlite: floorDb });
        stops.push(() => floor.proc.stop());
        floorP99 = (await measure(floor, bigFeed)).latencyMs.p99;
      }
      await load(live, bigFeed, params.warmupS);
      let n = 0;
      const writes = runPaced({
        url: live.url,
        perSecond: params.scaleMixedWritesPerS,
        durationS: params.loadS,
        maxInFlight: 20,
        next: () => {
          const kind = ['like', 'comment', 'publish'][n++ % 3];
          const { member, post } = pair();
          if (kind === 'like') return { kind, method: 'POST', path: `/api/posts/${post}/like`, headers: auth(member.jwt), body: '{}' };
          if (kind === 'comment') return { kind, method: 'POST', path: '/api/comments', headers: auth(member.jwt), body: JSON.stringify({ data: { post, body: `Mixed-load comment ${n}` } }) };
          return { kind, method: 'POST', path: '/api/posts', headers: auth(member.jwt), body: JSON.stringify({ data: { title: `Mixed-load post ${n}`, body: `Written while the feed is read (${n}).`, board: fixture.feedBoard } }) };
        },
      });
      const reads = await load(live, bigFeed, params.loadS);
      const w = await writes;
      say(`feed under mixed load (cache on, ${params.scaleMixedWritesPerS} writes/s)`, reads);
      progress.note(`  writes during it: ${w.ok} accepted of ${w.sent} sent (${w.skipped} not sent: 20 unanswered), ${(w.ok / w.durationS).toFixed(0)}/s, p99 ${w.latencyMs.p99.toFixed(1)} ms; ${JSON.stringify(w.byKind)}`);
      const measured = { path: bigFeed, reads: summary(reads), writes: { ...summary(w), sent: w.sent, skipped: w.skipped, byKind: w.byKind, perSecondTarget: params.scaleMixedWritesPerS }, floorP99 };
      ctx.ratios.push(ratio({ id: 'scale.mixed_p99_vs_floor', benchmark: 'scale', label: `feed p99 while ${params.scaleMixedWritesPerS} writes/s land (likes, comments, publishes; cache on) ÷ floor p99`, measured: reads.latencyMs.p99, reference: floorP99, unit: 'ms', referenceLabel: 'node:http + better-sqlite3 floor, quiet', target: '≤ 3', met: reads.latencyMs.p99 / floorP99 <= 3 }));
      // A kind of write the app refused every time fails the part, with what was measured kept beside the reason.
      const refused = Object.entries(w.byKind).filter(([, codes]) => !Object.keys(codes).some((c) => c.startsWith('2')));
      if (refused.length) {
        const reason = `no ${refused.map(([k, codes]) => `${k} (${JSON.stringify(codes)})`).join(', ')} write was accepted`;
        progress.note(`scale/mixed: FAILED — ${reason}`);
        parts.mixed = { ...measured, status: 'failed', reason };
      }
      return measured;
    });
  } finally {
    await stopAll();
  }

  await part('postgres', () => postgresAtScale(ctx));

  const failed = failedParts();
  if (failed.length) {
    section.status = 'failed';
    section.reason = failed.map(([name, p]) => `${name}: ${String(p.reason).split('\n')[0]}`).join('; ');
  }
}

/** Like and comment throughput on the big database, then the ledger counted against the accepted writes. */
async function writesAtScale(ctx: Ctx, app: Server, file: string, pair: () => { member: Fixture['members'][number]; post: string }) {
  const { params, progress } = ctx;
  const before = ledgerCounts(file);
  /** The same bounded load for each kind of write, each request from the next member and post. */
  const load = (request: (member: Fixture['members'][number], post: string) => RequestSpec) =>
    runWrites({
      url: app.url,
      connections: params.connections,
      durationS: params.writeS,
      amount: params.scaleWrites,
      next: () => {
        const { member, post } = pair();
        return request(member, post);
      },
    });
  const comments = await load((member, post) => ({ method: 'POST', path: '/api/comments', headers: auth(member.jwt), body: JSON.stringify({ data: { post, body: 'A comment on a big board' } }) }));
  const afterComments = ledgerCounts(file);
  const likes = await load((member, post) => ({ method: 'POST', path: `/api/posts/${post}/like`, headers: auth(member.jwt), body: '{}' }));
  const after = ledgerCounts(file);
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const ledger = {
    commentRows: afterComments.comments - before.comments,
    commentEvents: diff(afterComments.commentEvents, before.commentEvents),
    likeRows: diff(after.likeRows, afterComments.likeRows),
    likeEvents: diff(after.likeEvents, afterComments.likeEvents),
  };
  const commentsConsistent = ledger.commentRows === comments.ok && ledger.commentEvents === comments.ok;
  const likesConsistent = ledger.likeRows === likes.ok && ledger.likeEvents === likes.ok;
  progress.note(`comments at scale: ${comments.rps.toFixed(0)}/s, p99 ${comments.latencyMs.p99.toFixed(1)} ms, ${comments.ok} accepted; ${ledger.commentRows} rows, ${ledger.commentEvents ?? 'n/a'} ledger events → ${commentsConsistent ? 'consistent' : 'INCONSISTENT'}`);
  progress.note(`likes at scale: ${likes.rps.toFixed(0)}/s, p99 ${likes.latencyMs.p99.toFixed(1)} ms, ${likes.ok} accepted; ${ledger.likeRows ?? 'n/a'} like rows, ${ledger.likeEvents ?? 'n/a'} ledger events → ${likesConsistent ? 'consistent' : 'INCONSISTENT'}`);
  if (likes.ok === 0 || comments.ok === 0) throw new Error(`no ${likes.ok === 0 ? `like (${JSON.stringify(likes.statusCodes)})` : `comment (${JSON.stringify(comments.statusCodes)})`} was accepted`);
  const b = 'scale';
  ctx.ratios.push(ratio({ id: 'scale.likes_per_s_vs_goal', benchmark: b, label: `likes/s on the ${params.scalePosts.toLocaleString('en')}-post database ÷ the goal`, measured: likes.rps, reference: 1000, unit: 'likes/s', referenceLabel: 'goal: 1,000 likes/s', target: '≥ 1', met: likes.rps >= 1000 }));
  ctx.ratios.push(ratio({ id: 'scale.comments_per_s_vs_goal', benchmark: b, label: `comments/s on the ${params.scalePosts.toLocaleString('en')}-post database ÷ the goal`, measured: comments.rps, reference: 300, unit: 'comments/s', referenceLabel: 'goal: 300 comments/s', target: '≥ 1', met: comments.rps >= 300 }));
  ctx.ratios.push(ratio({ id: 'scale.like_ledger_vs_accepted', benchmark: b, label: 'new ledger "like" events ÷ likes accepted', measured: ledger.likeEvents ?? NaN, reference: likes.ok, unit: 'likes', referenceLabel: 'accepted (2xx) likes', target: '= 1', met: likesConsistent }));
  ctx.ratios.push(ratio({ id: 'scale.comment_ledger_vs_accepted', benchmark: b, label: 'new ledger "comment" events ÷ comments accepted', measured: ledger.commentEvents ?? NaN, reference: comments.ok, unit: 'comments', referenceLabel: 'accepted (2xx) comments', target: '= 1', met: commentsConsistent }));
  return { likes: { ...summary(likes), consistent: likesConsistent }, comments: { ...summary(comments), consistent: commentsConsistent }, ledger, connections: params.connections, members: ctx.fixture.members.length };
}

/** The feed measurement on PostgreSQL: seeded through the app, grown, the feed table left to the migration; app and floor read the same database in turn. */
async function postgresAtScale(ctx: Ctx): Promise<Record<string, unknown>> {
  const { params, progress, work } = ctx;
  const adminUrl = process.env.QUANZI_TEST_POSTGRES;
  if (!adminUrl) return { status: 'skipped', reason: 'QUANZI_TEST_POSTGRES is not set (a PostgreSQL URL whose role may create databases)' };
  const name = `quanzi_bench_scale_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const pgEnv = { DATABASE_CLIENT: 'postgres', DATABASE_URL: databaseUrl, HIVE_WORKER_ENABLED: 'false' };
  const stops: Array<() => Promise<void>> = [];
  try {
    // A few boards, members and posts through the app (Strapi makes the schema), then the board grown with SQL.
    const seedDir = path.join(work, 'scale-pg-seed');
    fs.mkdirSync(seedDir, { recursive: true });
    const seeded = 20;
    const seed = startChild('seed-pg', runnerPath('seed'), appEnv('', 0, ctx.chain, { ...pgEnv, BENCH_SEED_OUT: seedDir, BENCH_SEED_POSTS: String(seeded), BENCH_SEED_MEMBERS: '20', BENCH_SEED_ACCOUNTS: '', BENCH_SEED_SNAPSHOTS: 'false' }));
    const code: number = await new Promise((resolve) => seed.child.once('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error(`seeding PostgreSQL failed (exit ${code}):\n${seed.output.slice(-30).join('\n')}`);
    const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(seedDir, 'fixture.json'), 'utf8'));
    let started = Date.now();
    const grown = await growBoardPostgres(databaseUrl, { boardId: await boardIdPostgres(databaseUrl, fixture.feedBoard), authorIds: fixture.members.map((m) => m.id), posts: params.scalePosts - seeded, newestMs: Date.now() - DAY_MS });
    const growMs = Date.now() - started;
    await forgetFeedTablePostgres(databaseUrl);
    progress.note(`PostgreSQL: /${fixture.feedBoard} grown by ${grown.length.toLocaleString('en')} posts in ${(growMs / 1000).toFixed(1)} s`);
    started = Date.now();
    const app = await startApp('scale-app-pg', '', ctx.chain, { ...pgEnv, FEED_CACHE_TTL_MS: '0' }, MIGRATING_BOOT_MS);
    stops.push(() => app.proc.stop());
    const counted = await feedEntriesPostgres(databaseUrl).then(
      (entries) => ({ entries, error: null }),
      (error: Error) => ({ entries: 0, error }),
    );
    if (counted.error) throw new Error(`PostgreSQL: the app answered but its feed table cannot be counted (${counted.error.message}); its last lines:\n${app.proc.output.slice(-25).join('\n')}`);
    const listed = counted.entries;
    await analyzePostgres(databaseUrl);
    progress.note(`PostgreSQL: app up in ${(app.coldStartMs / 1000).toFixed(1)} s, its migration listing ${listed.toLocaleString('en')} posts`);
    const floor = await startScaleFloor('scale-floor-pg', { postgres: databaseUrl });
    stops.push(() => floor.proc.stop());
    const feedPath = `/api/feed?board=${fixture.feedBoard}&limit=20`;
    const [appIds, floorIds] = await Promise.all([firstPage(app, feedPath, 20), firstPage(floor, feedPath, 20)]);
    if (appIds.join() !== floorIds.join()) throw new Error("PostgreSQL: the app's first page and the floor's differ");
    const run = async (server: Server) => {
      await runLoad({ url: server.url, connections: params.scaleConnections, durationS: params.warmupS, request: { path: feedPath } });
      return runLoad({ url: server.url, connections: params.scaleConnections, durationS: params.loadS, request: { path: feedPath } });
    };
    const appResult = await run(app);
    progress.note(`PostgreSQL feed, ${params.scalePosts.toLocaleString('en')}-post board, cache off: ${appResult.rps.toFixed(0)} req/s, p99 ${appResult.latencyMs.p99.toFixed(1)} ms`);
    const floorResult = await run(floor);
    progress.note(`PostgreSQL floor (node:http + pg): ${floorResult.rps.toFixed(0)} req/s, p99 ${floorResult.latencyMs.p99.toFixed(1)} ms`);
    ctx.ratios.push(ratio({ id: 'scale.pg_feed_rps_vs_floor', benchmark: 'scale', label: `PostgreSQL: feed req/s ÷ floor req/s, ${params.scalePosts.toLocaleString('en')}-post board, cache off`, measured: appResult.rps, reference: floorResult.rps, unit: 'req/s', referenceLabel: 'node:http + pg floor, same database', target: '≥ 0.5', met: appResult.rps / floorResult.rps >= 0.5 }));
    ctx.ratios.push(ratio({ id: 'scale.pg_feed_p99_vs_floor', benchmark: 'scale', label: `PostgreSQL: feed p99 ÷ floor p99, ${params.scalePosts.toLocaleString('en')}-post board, cache off`, measured: appResult.latencyMs.p99, reference: floorResult.latencyMs.p99, unit: 'ms', referenceLabel: 'node:http + pg floor, same database', target: '≤ 3', met: appResult.latencyMs.p99 / floorResult.latencyMs.p99 <= 3 }));
    const likes = await likesOnPostgres(ctx, app, databaseUrl, fixture, grown);
    return { path: feedPath, posts: seeded + grown.length, growMs, bootWithMigrationMs: app.coldStartMs, feedEntries: listed, app: summary(appResult), floor: summary(floorResult), likes };
  } finally {
    await Promise.all(stops.map((s) => s()));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error) => progress.note(`PostgreSQL: could not drop ${name}: ${error.message}`));
  }
}

/** Active like rows and "like" ledger events in a PostgreSQL database. */
async function likeCountsPostgres(url: string): Promise<{ likeRows: number; likeEvents: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);
    return {
      likeRows: await count('SELECT COUNT(*) AS n FROM hive_smt_likes WHERE active = true'),
      likeEvents: await count("SELECT COUNT(*) AS n FROM hive_smt_ledger_events WHERE type = 'like'"),
    };
  } finally {
    await client.end();
  }
}

/** Like throughput on the 100,000-post PostgreSQL database (the feed's instance, cache off), each like a new (member, post) pair, then the rows counted. */
async function likesOnPostgres(ctx: Ctx, app: Server, url: string, fixture: Fixture, posts: string[]) {
  const { params, progress } = ctx;
  const before = await likeCountsPostgres(url);
  let k = 0;
  const likes = await runWrites({
    url: app.url,
    connections: params.connections,
    durationS: params.writeS,
    amount: params.scaleWrites,
    next: () => {
      const n = k++;
      const member = fixture.members[n % fixture.members.length];
      const post = posts[Math.floor(n / fixture.members.length) % posts.length];
      return { method: 'POST', path: `/api/posts/${post}/like`, headers: auth(member.jwt), body: '{}' };
    },
  });
  const after = await likeCountsPostgres(url);
  const ledger = { likeRows: after.likeRows - before.likeRows, likeEvents: after.likeEvents - before.likeEvents };
  const consistent = ledger.likeRows === likes.ok && ledger.likeEvents === likes.ok;
  progress.note(`PostgreSQL likes: ${likes.rps.toFixed(0)}/s, p99 ${likes.latencyMs.p99.toFixed(1)} ms, ${likes.ok} accepted; ${ledger.likeRows} like rows, ${ledger.likeEvents} ledger events → ${consistent ? 'consistent' : 'INCONSISTENT'}`);
  ctx.ratios.push(ratio({ id: 'scale.pg_likes_per_s_vs_goal', benchmark: 'scale', label: `PostgreSQL: likes/s on the ${params.scalePosts.toLocaleString('en')}-post database ÷ the goal`, measured: likes.rps, reference: 1000, unit: 'likes/s', referenceLabel: 'goal: 1,000 likes/s', target: '≥ 1', met: likes.rps >= 1000 }));
  ctx.ratios.push(ratio({ id: 'scale.pg_like_ledger_vs_accepted', benchmark: 'scale', label: 'PostgreSQL: new ledger "like" events ÷ likes accepted', measured: ledger.likeEvents, reference: likes.ok, unit: 'likes', referenceLabel: 'accepted (2xx) likes', target: '= 1', met: consistent }));
  return { ...summary(likes), consistent, ledger, connections: params.connections, members: fixture.members.length, cache: 'off' };
}
