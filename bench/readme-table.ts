/**
 * Prints the README's "Guarantees / measured" table from bench/results/latest.json
 * (node dist/bench/readme-table.js), so the README quotes the committed run
 * exactly instead of figures copied by hand.
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR } from './lib/paths';

const report = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'bench/results/latest.json'), 'utf8'));
const s = report.sections;
const r = (id: string) => report.ratios.find((x: any) => x.id === id);
const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => (x >= 100 ? f0(x) : x.toFixed(1));
const ratio = (id: string) => {
  const x = r(id);
  if (!x) return 'n/a';
  return `**${x.value.toFixed(2)}×**${x.target ? ` (target ${x.target}: ${x.met ? 'met' : '**not met**'})` : ''}`;
};
const ep = (id: string) => s.feed.endpoints.find((e: any) => e.id === id);
const rows: string[][] = [];
const feed = ep('feed');
const bare = ep('bare-list');
const floor = ep('floor-feed');
rows.push([`Feed \`GET /api/feed\` (${s.feed.posts} posts, ${s.feed.connections} connections)`, `${f0(feed.rps)} req/s, p99 ${f1(feed.latencyMs.p99)} ms`, `bare Strapi \`/api/posts\` ${f0(bare.rps)} req/s; floor p99 ${f1(floor.latencyMs.p99)} ms`, `${ratio('feed.rps_vs_bare_strapi_list')} req/s; ${ratio('feed.p99_vs_floor')} p99`]);
const un = ep('feed-uncached');
if (un) rows.push(['Feed with its cache off (every request runs the SQL)', `${f0(un.rps)} req/s, p99 ${f1(un.latencyMs.p99)} ms`, `same as above`, `${ratio('feed.uncached_rps_vs_bare_strapi_list')} req/s; ${ratio('feed.uncached_p99_vs_floor')} p99`]);
const d = ep('detail');
const bd = ep('bare-detail');
const fd = ep('floor-detail');
rows.push(['Post detail `GET /api/posts/:documentId` (markdown + sanitized HTML)', `${f0(d.rps)} req/s, p99 ${f1(d.latencyMs.p99)} ms`, `bare Strapi ${f0(bd.rps)} req/s; floor p99 ${f1(fd.latencyMs.p99)} ms`, `${ratio('detail.rps_vs_bare_strapi')} req/s; ${ratio('detail.p99_vs_floor')} p99`]);
if (s.likes?.likes) rows.push(['Likes `POST /api/posts/:documentId/like`, ledger afterwards', `${f0(s.likes.likes.rps)} likes/s; ${s.likes.likes.accepted} accepted = ${s.likes.likes.ledgerLikeEvents} ledger events`, `comment writes ${f0(s.likes.comments.rps)}/s`, `${ratio('likes.rps_vs_comments')}; ledger ${ratio('likes.ledger_vs_accepted')}`]);
if (s.search?.endpoints) {
  const e = s.search.endpoints;
  rows.push([`Search \`GET /api/search\` over ${f0(s.search.posts)} posts (${s.search.connections} connections)`, `"garden heron" ${f0(e.latin.rps)} req/s, p99 ${f1(e.latin.p99)} ms; "学校花园" p99 ${f1(e.chinese4.p99)} ms; "花园" (scan) p99 ${f1(e.chinese2.p99)} ms`, `Strapi's \`$containsi\` title filter, same app: p99 ${f1(e.containsi.p99)} ms`, `${ratio('search.latin_p99_vs_containsi')} / ${ratio('search.chinese4_p99_vs_containsi')} / ${ratio('search.chinese2_p99_vs_containsi')} p99`]);
}
const sc = s.scale?.parts ?? {};
const posts = s.scale ? f0(s.scale.posts) : '';
if (sc.feed?.app) rows.push([`Feed at scale: one board of ${posts} posts, cache off (${s.scale.connections} connections)`, `${f0(sc.feed.app.rps)} req/s, p99 ${f1(sc.feed.app.p99)} ms`, `indexed floor (node:http + better-sqlite3, same rows) ${f0(sc.feed.floor.rps)} req/s, p99 ${f1(sc.feed.floor.p99)} ms`, `${ratio('scale.feed_rps_vs_floor')} req/s; ${ratio('scale.feed_p99_vs_floor')} p99`]);
if (sc.smallBoard?.big) rows.push([`A ${s.scale.grow.smallBoardPosts}-post board's page in the ${posts}-post database, cache off`, `${f0(sc.smallBoard.big.rps)} req/s, p99 ${f1(sc.smallBoard.big.p99)} ms`, `same page, demo-size database (${sc.smallBoard.demoPosts} posts): ${f0(sc.smallBoard.demo.rps)} req/s`, `${ratio('scale.small_board_big_vs_demo_rps')} req/s`]);
if (sc.mixed?.reads) rows.push([`Feed under mixed load: ${sc.mixed.writes.perSecondTarget} writes/s (likes, comments, publishes), cache on`, `${f0(sc.mixed.reads.rps)} req/s, p99 ${f1(sc.mixed.reads.p99)} ms; ${sc.mixed.writes.ok} writes accepted`, `floor p99 ${f1(sc.mixed.floorP99)} ms (quiet)`, `${ratio('scale.mixed_p99_vs_floor')} p99`]);
if (sc.writes?.likes) rows.push([`Likes and comments on the ${posts}-post database, rows counted afterwards`, `${f0(sc.writes.likes.rps)} likes/s (p99 ${f1(sc.writes.likes.p99)} ms), ${f0(sc.writes.comments.rps)} comments/s (p99 ${f1(sc.writes.comments.p99)} ms); ${sc.writes.likes.ok} likes = ${sc.writes.ledger.likeEvents} ledger events, ${sc.writes.comments.ok} comments = ${sc.writes.ledger.commentEvents} ledger events`, 'goal: 1,000 likes/s, 300 comments/s', `likes ${ratio('scale.likes_per_s_vs_goal')}; comments ${ratio('scale.comments_per_s_vs_goal')}; ledger ${ratio('scale.like_ledger_vs_accepted')} / ${ratio('scale.comment_ledger_vs_accepted')}`]);
if (sc.postgres?.app) rows.push([`PostgreSQL: feed, one board of ${f0(sc.postgres.posts)} posts, cache off`, `${f0(sc.postgres.app.rps)} req/s, p99 ${f1(sc.postgres.app.p99)} ms`, `indexed floor (node:http + pg, same database) ${f0(sc.postgres.floor.rps)} req/s, p99 ${f1(sc.postgres.floor.p99)} ms`, `${ratio('scale.pg_feed_rps_vs_floor')} req/s; ${ratio('scale.pg_feed_p99_vs_floor')} p99`]);
if (sc.postgres?.likes) rows.push([`PostgreSQL: likes on the ${f0(sc.postgres.posts)}-post database, rows counted afterwards`, `${f0(sc.postgres.likes.rps)} likes/s (p99 ${f1(sc.postgres.likes.p99)} ms); ${sc.postgres.likes.ok} likes = ${sc.postgres.likes.ledger.likeEvents} ledger events`, 'goal: 1,000 likes/s', `${ratio('scale.pg_likes_per_s_vs_goal')}; ledger ${ratio('scale.pg_like_ledger_vs_accepted')}`]);
for (const [name, x] of Object.entries(sc) as Array<[string, any]>) if (x.status !== 'ok') rows.push([`Scale: ${name}`, `**${x.status}**: ${String(x.reason ?? '').split('\n')[0].replace(/\|/g, '/')}`, '', '']);
if (s.publish?.rounds) {
  const [one, ...more] = s.publish.rounds;
  rows.push([`Publish → confirmed on chain (${s.publish.rounds.map((x: any) => x.boards).join(' / ')} boards at once)`, `p50 ${s.publish.rounds.map((x: any) => x.confirmedIn.p50).join(' / ')} blocks, slowest ${s.publish.rounds.map((x: any) => x.confirmedIn.max).join(' / ')}`, `1 block (the next block)`, more.map((x: any) => `${x.boards}: ${ratio(`publish.${x.boards}_boards_vs_1`)}`).join('; ') + ` (1 board: ${one.confirmedIn.p50} block)`]);
}
if (s.payouts?.pipeline?.recipientsPerBlock !== undefined) {
  const p = s.payouts.pipeline;
  rows.push([`Payouts, ${p.recipients} recipients (the app's pipeline)`, `${p.recipientsPerBlock.toFixed(1)} per block, at most ${p.maxPerBlock} in a block; ${p.blocksElapsed} blocks in all`, `Hive-Engine: 20 actions per sender per block (${s.payouts.minimumBlocks} blocks at best)`, `${ratio('payouts.recipients_per_block_vs_limit')}; ${ratio('payouts.pipeline_blocks_elapsed_vs_minimum')} blocks`]);
}
if (s.devnet?.broadcasts) rows.push([`Devnet: broadcasts, block with ${s.devnet.pending} pending`, `${f0(s.devnet.broadcasts.acceptedPerS)} accepted/s; ${f0(s.devnet.firstBlock.ms)} ms for a block (${s.devnet.firstBlock.transactions} fit)`, `${f0(s.devnet.reads.rps)} reads/s; 3,000 ms block interval`, `${ratio('devnet.broadcasts_vs_reads')}; ${ratio('devnet.block_with_pending_vs_interval')}`]);
if (s.memory?.rss) rows.push(['Memory under the feed load; cold start', `${f0(s.memory.rss.app.underLoad.peakMiB)} MiB peak RSS; ${(s.memory.coldStartMs.appMedian / 1000).toFixed(1)} s to the first 200`, `bare Strapi ${f0(s.memory.rss.bare.underLoad.peakMiB)} MiB; ${(s.memory.coldStartMs.bareMedian / 1000).toFixed(1)} s`, `${ratio('memory.app_vs_bare_rss_under_load')}; ${ratio('coldstart.app_vs_bare')}`]);

if (s.web?.js) {
  const kB = (bytes: number) => (bytes / 1000).toFixed(1);
  const { js, css } = s.web;
  rows.push([`Members' web app, first load (\`/\`: ${s.web.scripts.length} script${s.web.scripts.length === 1 ? '' : 's'}, ${s.web.styles.length} stylesheet${s.web.styles.length === 1 ? '' : 's'})`, `JS ${kB(js.gzip)} kB gzipped (${kB(js.raw)} kB raw, ${kB(js.brotli)} kB brotli); CSS ${kB(css.gzip)} kB gzipped`, `budget: ${f0(s.web.budgetBytes / 1000)} kB of JavaScript gzipped`, ratio('web.first_load_js_gzip_vs_budget')]);
}

const line = (c: string[]) => `| ${c.join(' | ')} |`;
process.stdout.write(
  [
    `Measured ${report.startedAt.slice(0, 10)} on this 2-core machine (\`npm run bench\`: ${Math.round(report.durationS / 60 * 10) / 10} min after the build; load average ${report.machine.loadAverageAtStart[0]} at the start, ${report.machine.loadAverageAtEnd[0]} at the end):`,
    '',
    line(['what', 'measured', 'reference, same run', 'ratio']),
    line(['---', '---', '---', '---']),
    ...rows.map(line),
    '',
  ].join('\n'),
);
