/**
 * Search at scale: GET /api/search over N published posts (100,000 in the
 * full run) — a Latin word and a four-character Chinese word through the
 * trigram index, a two-character Chinese word (most Chinese words) by scan —
 * against what search replaced, Strapi's `$containsi` filter on the same
 * database through the same app. The posts are written with SQL straight into
 * a copy of the seeded database (the index's triggers fill it as they go), so
 * seeding takes seconds.
 */
import crypto from 'crypto';
import Database from 'better-sqlite3';
import { runLoad, type LoadResult } from '../lib/load';
import type { Server } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

const TOPICS = [
  '学校花园', '周六种植日', '二年级阅读', '社区图书馆', '街道派对', '摄影散步', '失物招领', '工具图书馆', '家长会', '足球比赛',
  '河边观鸟', '秋季运动会', '午餐菜单', '校车路线', '志愿者招募', '旧书交换', '夏令营报名', '钢琴演出', '垃圾分类', '邻里烧烤',
  '雨天活动', '自行车维修', '春游安排', '数学竞赛', '美术展览', '园艺讲座', '宠物领养', '社区菜园', '夜跑小组', '手工课',
];
const WORDS = [
  'garden', 'reading', 'library', 'party', 'photo', 'walk', 'tools', 'parents', 'football', 'heron', 'river', 'school',
  'lunch', 'bus', 'volunteer', 'books', 'camp', 'piano', 'recycling', 'barbecue', 'rain', 'bicycle', 'trip', 'maths',
  'art', 'lecture', 'kitten', 'vegetables', 'running', 'crafts', 'concert', 'market', 'festival', 'homework', 'swimming',
  'chess', 'choir', 'picnic', 'museum', 'theatre',
];

/** Each post three short sentences from the pools: a word occurs in about one post in fifteen, as a real board's topics spread. */
function sentence(i: number): { title: string; body: string } {
  const pick = (list: string[], k: number) => list[Math.abs((i * 7919 + k * 104729) ^ (i >>> 3)) % list.length];
  const title = `${pick(TOPICS, 1)} ${pick(WORDS, 2)} ${i}`;
  const body = Array.from({ length: 3 }, (_, k) => `${pick(TOPICS, k + 3)}：${pick(WORDS, k + 5)} and ${pick(WORDS, k + 11)}, see you there。`).join(' ');
  return { title, body };
}

/** Adds `count` published posts to the first board of the database; returns how many the search index holds afterwards. */
export function addPosts(file: string, count: number): number {
  const db = new Database(file, { timeout: 10000 });
  try {
    const board = db.prepare('SELECT id FROM boards ORDER BY id LIMIT 1').get() as { id: number };
    const insertPost = db.prepare(
      `INSERT INTO posts (document_id, title, slug, body, created_at, updated_at, published_at, locale) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const link = db.prepare('INSERT INTO posts_board_lnk (post_id, board_id) VALUES (?, ?)');
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const { title, body } = sentence(i);
        const at = now - i * 60000;
        const id = crypto.randomBytes(12).toString('hex').slice(0, 24);
        const row = insertPost.run(id, title, `bench-search-${i}`, body, at, at, at);
        link.run(row.lastInsertRowid, board.id);
      }
    })();
    return (db.prepare('SELECT COUNT(*) AS n FROM post_search').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const summary = (r: LoadResult) => ({ rps: r.rps, p50: r.latencyMs.p50, p99: r.latencyMs.p99, ok: r.ok, non2xx: r.non2xx, errors: r.errors });

export async function searchBenchmark(ctx: Ctx, app: Server, indexed: number) {
  const { params, progress } = ctx;
  const probes = [
    { id: 'latin', label: 'search "garden heron" (trigram index)', path: `/api/search?q=${encodeURIComponent('garden heron')}&limit=20` },
    { id: 'chinese4', label: 'search "学校花园" (trigram index)', path: `/api/search?q=${encodeURIComponent('学校花园')}&limit=20` },
    { id: 'chinese2', label: 'search "花园" (two characters: scan)', path: `/api/search?q=${encodeURIComponent('花园')}&limit=20` },
    { id: 'containsi', label: "Strapi's filter: /api/posts?filters[title][$containsi]=花园", path: `/api/posts?filters%5Btitle%5D%5B%24containsi%5D=${encodeURIComponent('花园')}&pagination%5BwithCount%5D=false&fields%5B0%5D=title` },
  ];
  const results: Record<string, LoadResult> = {};
  for (const probe of probes) {
    const first = await fetch(`${app.url}${probe.path}`);
    if (first.status !== 200) throw new Error(`${probe.label}: HTTP ${first.status} ${(await first.text()).slice(0, 200)}`);
    await runLoad({ url: app.url, connections: 4, durationS: params.warmupS, request: { path: probe.path } });
    results[probe.id] = await runLoad({ url: app.url, connections: 4, durationS: params.loadS, request: { path: probe.path } });
    progress.note(`${probe.label}: ${results[probe.id].rps.toFixed(0)} req/s, p99 ${results[probe.id].latencyMs.p99.toFixed(1)} ms`);
  }
  const b = 'search';
  for (const id of ['latin', 'chinese4', 'chinese2']) {
    ctx.ratios.push(
      ratio({
        id: `search.${id}_p99_vs_containsi`,
        benchmark: b,
        label: `${probes.find((p) => p.id === id)!.label}: p99 ÷ $containsi p99, ${indexed.toLocaleString('en')} posts`,
        measured: results[id].latencyMs.p99,
        reference: results.containsi.latencyMs.p99,
        unit: 'ms',
        referenceLabel: "Strapi's $containsi filter, same app",
      }),
    );
  }
  ctx.sections.search = { status: 'ok', posts: indexed, connections: 4, endpoints: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, summary(v)])) };
}
