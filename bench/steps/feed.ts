/**
 * Benchmark 1 (and the load half of 6): the feed and post detail against
 * Strapi's own list and detail endpoints (in the app and in a bare Strapi with
 * the same content types) and against the Koa + better-sqlite3 floor, same data,
 * same connections; RSS of each server sampled under its load.
 */
import { runLoad, type LoadResult } from '../lib/load';
import { sampleRss, rssMiB } from '../lib/procs';
import type { Server } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

export const LIST_PATH = '/api/posts?pagination%5BpageSize%5D=20&sort=publishedAt%3Adesc';

interface Target {
  id: string;
  server: 'app' | 'bare' | 'floor' | 'uncached';
  label: string;
  path: string | string[];
  /** How many items a correct answer lists (checked before the load). */
  expectItems?: number;
}

export interface EndpointResult extends LoadResult {
  id: string;
  server: string;
  label: string;
  path: string;
  rss?: { peakMiB: number; meanMiB: number };
}

async function preflight(url: string, target: Target): Promise<string | null> {
  const path = Array.isArray(target.path) ? target.path[0] : target.path;
  const res = await fetch(url + path);
  if (res.status !== 200) return `GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`;
  const body: any = await res.json();
  if (target.expectItems !== undefined && (!Array.isArray(body.data) || body.data.length !== target.expectItems)) {
    return `GET ${path} listed ${Array.isArray(body.data) ? body.data.length : 'no'} items, expected ${target.expectItems}`;
  }
  if (target.expectItems === undefined && !body.data?.documentId) return `GET ${path} has no data.documentId`;
  return null;
}

export async function feedBenchmark(ctx: Ctx, servers: Record<'app' | 'bare' | 'floor', Server> & { uncached?: Server }) {
  const { params, fixture, progress } = ctx;
  const feedPath = `/api/feed?board=${fixture.feedBoard}&limit=20`;
  const details = fixture.posts.slice(0, 20).map((id) => `/api/posts/${id}`);
  const targets: Target[] = [
    { id: 'feed', server: 'app', label: 'Quanzi GET /api/feed', path: feedPath, expectItems: 20 },
    { id: 'app-list', server: 'app', label: 'Quanzi GET /api/posts (Strapi list, app controller)', path: LIST_PATH, expectItems: 20 },
    { id: 'bare-list', server: 'bare', label: 'bare Strapi GET /api/posts', path: LIST_PATH, expectItems: 20 },
    { id: 'floor-feed', server: 'floor', label: 'floor: Koa + better-sqlite3, feed SQL', path: feedPath, expectItems: 20 },
    ...(servers.uncached ? [{ id: 'feed-uncached', server: 'uncached' as const, label: 'Quanzi GET /api/feed, feed cache off', path: feedPath, expectItems: 20 }] : []),
    { id: 'detail', server: 'app', label: 'Quanzi GET /api/posts/:documentId', path: details },
    { id: 'bare-detail', server: 'bare', label: 'bare Strapi GET /api/posts/:documentId', path: details },
    { id: 'floor-detail', server: 'floor', label: 'floor: Koa + better-sqlite3, detail SQL', path: details },
  ];
  const results: EndpointResult[] = [];
  const unserved: Array<{ id: string; reason: string }> = [];
  const rssUnderLoad: Record<string, { peakMiB: number; meanMiB: number }> = {};
  const idleRss = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, rssMiB(s!.proc.pid)]));

  for (const target of targets) {
    const server = servers[target.server]!;
    const problem = await preflight(server.url, target);
    if (problem) {
      progress.note(`${target.label}: FAILED (${problem})`);
      unserved.push({ id: target.id, reason: problem });
      continue;
    }
    let i = 0;
    const paths = Array.isArray(target.path) ? target.path : null;
    const load = (durationS: number) =>
      runLoad({
        url: server.url,
        connections: params.connections,
        durationS,
        ...(paths ? { next: () => ({ path: paths[i++ % paths.length] }) } : { request: { path: target.path as string } }),
      });
    await load(params.warmupS);
    const rss = sampleRss(server.proc.pid);
    const result = await load(params.loadS);
    const memory = rss.stop();
    rssUnderLoad[target.id] = { peakMiB: memory.peakMiB, meanMiB: memory.meanMiB };
    results.push({ id: target.id, server: target.server, label: target.label, path: paths ? '/api/posts/:documentId (20 newest, in turn)' : (target.path as string), ...result, rss: rssUnderLoad[target.id] });
    progress.note(`${target.label}: ${result.rps.toFixed(0)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`);
  }

  const by = (id: string) => results.find((r) => r.id === id);
  const feed = by('feed');
  const appList = by('app-list');
  const bareList = by('bare-list');
  const floorFeed = by('floor-feed');
  const uncached = by('feed-uncached');
  const detail = by('detail');
  const bareDetail = by('bare-detail');
  const floorDetail = by('floor-detail');
  const push = (cond: unknown, r: Parameters<typeof ratio>[0]) => cond && ctx.ratios.push(ratio(r));
  const b = 'feed';
  push(feed && bareList, { id: 'feed.rps_vs_bare_strapi_list', benchmark: b, label: 'feed req/s ÷ bare Strapi /api/posts req/s', measured: feed?.rps!, reference: bareList?.rps!, unit: 'req/s', referenceLabel: 'bare Strapi list', target: '≥ 4', met: feed && bareList ? feed.rps / bareList.rps >= 4 : undefined });
  push(feed && appList, { id: 'feed.rps_vs_app_strapi_list', benchmark: b, label: "feed req/s ÷ the app's own /api/posts req/s", measured: feed?.rps!, reference: appList?.rps!, unit: 'req/s', referenceLabel: 'Quanzi /api/posts', target: '≥ 4', met: feed && appList ? feed.rps / appList.rps >= 4 : undefined });
  push(feed && floorFeed, { id: 'feed.p99_vs_floor', benchmark: b, label: 'feed p99 ÷ floor p99', measured: feed?.latencyMs.p99!, reference: floorFeed?.latencyMs.p99!, unit: 'ms', referenceLabel: 'Koa + better-sqlite3 floor', target: '≤ 3', met: feed && floorFeed ? feed.latencyMs.p99 / floorFeed.latencyMs.p99 <= 3 : undefined });
  push(feed && floorFeed, { id: 'feed.rps_vs_floor', benchmark: b, label: 'feed req/s ÷ floor req/s', measured: feed?.rps!, reference: floorFeed?.rps!, unit: 'req/s', referenceLabel: 'Koa + better-sqlite3 floor' });
  push(feed && bareList, { id: 'feed.p99_vs_bare_strapi_list', benchmark: b, label: 'feed p99 ÷ bare Strapi list p99', measured: feed?.latencyMs.p99!, reference: bareList?.latencyMs.p99!, unit: 'ms', referenceLabel: 'bare Strapi list' });
  push(uncached && floorFeed, { id: 'feed.uncached_p99_vs_floor', benchmark: b, label: 'feed with its cache off: p99 ÷ floor p99 (same SQL on every request)', measured: uncached?.latencyMs.p99!, reference: floorFeed?.latencyMs.p99!, unit: 'ms', referenceLabel: 'Koa + better-sqlite3 floor' });
  push(uncached && bareList, { id: 'feed.uncached_rps_vs_bare_strapi_list', benchmark: b, label: 'feed with its cache off: req/s ÷ bare Strapi /api/posts req/s', measured: uncached?.rps!, reference: bareList?.rps!, unit: 'req/s', referenceLabel: 'bare Strapi list' });
  push(detail && bareDetail, { id: 'detail.rps_vs_bare_strapi', benchmark: b, label: 'post detail req/s ÷ bare Strapi findOne req/s', measured: detail?.rps!, reference: bareDetail?.rps!, unit: 'req/s', referenceLabel: 'bare Strapi /api/posts/:documentId' });
  push(detail && floorDetail, { id: 'detail.p99_vs_floor', benchmark: b, label: 'post detail p99 ÷ floor p99', measured: detail?.latencyMs.p99!, reference: floorDetail?.latencyMs.p99!, unit: 'ms', referenceLabel: 'Koa + better-sqlite3 floor', target: '≤ 3', met: detail && floorDetail ? detail.latencyMs.p99 / floorDetail.latencyMs.p99 <= 3 : undefined });
  push(detail && floorDetail, { id: 'detail.rps_vs_floor', benchmark: b, label: 'post detail req/s ÷ floor req/s', measured: detail?.rps!, reference: floorDetail?.rps!, unit: 'req/s', referenceLabel: 'Koa + better-sqlite3 floor' });
  push(appList && bareList, { id: 'list.app_vs_bare_rps', benchmark: b, label: "the app's /api/posts req/s ÷ bare Strapi's", measured: appList?.rps!, reference: bareList?.rps!, unit: 'req/s', referenceLabel: 'bare Strapi list' });

  ctx.sections.feed = {
    status: unserved.length ? 'failed' : 'ok',
    ...(unserved.length ? { reason: unserved.map((m) => `${m.id}: ${m.reason}`).join('; ') } : {}),
    connections: params.connections,
    durationS: params.loadS,
    posts: fixture.posts.length,
    endpoints: results,
    unserved,
  };
  return { rssUnderLoad, idleRss };
}
