/** bench/results/latest.json, latest.md and the SVG charts it shows. */
import fs from 'fs';
import path from 'path';
import { formatDuration } from './progress';
import { barChart, lineChart } from './svg';
import type { Ratio, Section } from './types';

const n0 = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const n1 = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const n2 = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const fmt = (x: number) => (!Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 100 ? n0(x) : Math.abs(x) >= 10 ? n1(x) : n2(x));

function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface Report {
  schema: string;
  quick: boolean;
  command: string;
  startedAt: string;
  durationS: number;
  durationNote: string;
  machine: Record<string, unknown>;
  params: object & { connections?: number };
  sections: Record<string, Section>;
  ratios: Ratio[];
  failures: Array<{ benchmark: string; status: string; reason: string }>;
}

export function writeReport(outDir: string, report: Report): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
    files.push(file);
  };
  put('latest.json', JSON.stringify(report, null, 2));

  const s = report.sections as Record<string, any>;
  const charts: Record<string, string> = {};
  if (s.feed?.endpoints?.length) {
    charts.latency = 'latest-latency.svg';
    put(charts.latency, barChart({
      title: `Latency under load (${s.feed.connections} connections, ${s.feed.posts} posts): p50 / p90 / p99`,
      unit: 'milliseconds',
      log: true,
      colors: ['#9ecae1', '#4292c6', '#08306b'],
      groups: s.feed.endpoints.map((e: any) => ({ label: e.label, values: [{ name: 'p50', value: e.latencyMs.p50 }, { name: 'p90', value: e.latencyMs.p90 }, { name: 'p99', value: e.latencyMs.p99 }] })),
    }));
    charts.throughput = 'latest-throughput.svg';
    put(charts.throughput, barChart({
      title: `Requests per second (${s.feed.connections} connections)`,
      unit: 'requests / second (2xx)',
      colors: ['#31a354'],
      groups: s.feed.endpoints.map((e: any) => ({ label: e.label, values: [{ name: 'req/s', value: e.rps }] })),
    }));
  }
  if (s.payouts?.cumulative?.length) {
    charts.payouts = 'latest-payouts.svg';
    const last = Math.max(s.payouts.cumulative[s.payouts.cumulative.length - 1].block, s.payouts.packerCumulative?.[s.payouts.packerCumulative.length - 1]?.block ?? 0);
    put(charts.payouts, lineChart({
      title: `Payouts: ${s.payouts.recipients} recipients confirmed by the sidechain, block after block`,
      xLabel: 'blocks since paying started (pipeline: payouts scheduled; packer: first broadcast)',
      yLabel: 'recipients confirmed',
      series: [
        { name: 'limit: 20 actions per sender per block', color: '#7570b3', dashed: true, points: [{ x: 0, y: 0 }, { x: last, y: 20 * last }] },
        { name: s.payouts.pipelineName, color: '#d95f02', points: [{ x: 0, y: 0 }, ...s.payouts.cumulative.map((c: any) => ({ x: c.block, y: c.recipients }))] },
        ...(s.payouts.pipeline?.recipientsPerBlock !== undefined
          ? [{ name: 'packer alone', color: '#1b9e77', points: [{ x: 0, y: 0 }, ...s.payouts.packerCumulative.map((c: any) => ({ x: c.block, y: c.recipients }))] }]
          : []),
      ],
    }));
  }
  if (s.publish?.rounds?.length) {
    charts.publish = 'latest-publish.svg';
    put(charts.publish, barChart({
      title: 'Publish → confirmed on chain, in blocks (p50 / p90 / slowest)',
      unit: 'blocks after the head block at publish',
      colors: ['#a1d99b', '#41ab5d', '#005a32'],
      groups: s.publish.rounds.map((r: any) => ({ label: `${r.boards} board${r.boards > 1 ? 's' : ''} at once`, values: [{ name: 'p50', value: r.confirmedIn.p50 }, { name: 'p90', value: r.confirmedIn.p90 }, { name: 'slowest', value: r.confirmedIn.max }] })),
    }));
  }
  put('latest.md', markdown(report, charts));
  return files;
}

function markdown(report: Report, charts: Record<string, string>): string {
  const s = report.sections as Record<string, any>;
  const m = report.machine as any;
  const out: string[] = [];
  out.push(`# Quanzi benchmarks${report.quick ? ' (quick)' : ''}`);
  out.push('');
  out.push(`Run ${report.startedAt.replace('T', ' ').slice(0, 16)} UTC with \`${report.command}\` in ${formatDuration(report.durationS * 1000)} (${report.durationNote}), on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; load average (1/5/15 min) ${Array.isArray(m.loadAverageAtStart) ? m.loadAverageAtStart.join(' / ') : 'n/a'} at start, ${Array.isArray(m.loadAverageAtEnd) ? m.loadAverageAtEnd.join(' / ') : 'n/a'} at the end. Every figure is measured beside its reference in this run; servers are separate processes on 127.0.0.1.`);
  out.push('');
  out.push('## Ratios');
  out.push('');
  out.push(table(['figure', 'measured', 'reference', 'ratio', 'target'], report.ratios.map((r) => [r.label, `${fmt(r.measured)} ${r.unit}`, `${fmt(r.reference)} (${r.referenceLabel})`, `**${n2(r.value)}×**`, r.target ? `${r.target}: ${r.met ? 'met' : '**not met**'}` : ''])));
  out.push('');
  if (report.failures.length) {
    out.push('## Failed');
    out.push('');
    for (const x of report.failures) out.push(`- **${x.benchmark}** (${x.status}): ${x.reason.split('\n')[0]}`);
    out.push('');
  }

  if (s.feed) {
    out.push('## 1. Feed and post detail');
    out.push('');
    out.push(`${s.feed.posts} published posts on one board; ${s.feed.connections} connections for ${s.feed.durationS} s per endpoint after a warm-up, one endpoint at a time (autocannon in the bench process). The app instance runs without its chain worker (a read instance) and with its feed cache on, as deployed (no writes happen during the read load, so pages come from the cache); where listed, a second instance with \`FEED_CACHE_TTL_MS=0\` runs the feed's SQL on every request — the cost of a cache miss. "Bare Strapi" is a generated Strapi 5.54 app with the same content types and default core controllers; the floor is Koa + better-sqlite3 running the feed's SQL on a copy of the same database.`);
    out.push('');
    if (s.feed.endpoints?.length) {
      out.push(table(['endpoint', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors'], s.feed.endpoints.map((e: any) => [e.label, n0(e.rps), n2(e.latencyMs.p50), n2(e.latencyMs.p90), n2(e.latencyMs.p99), n1(e.latencyMs.max), e.non2xx, e.errors])));
      out.push('');
    }
    if (charts.latency) out.push(`![latency percentiles](${charts.latency})`, '', `![requests per second](${charts.throughput})`, '');
  }

  out.push('## 2. Like ingestion');
  out.push('');
  if (s.likes?.likes) {
    const l = s.likes.likes;
    out.push(`${s.likes.members} members, ${s.likes.connections} connections, each request a new (member, post) pair with its member's JWT; rate limits raised for the bench (it measures capacity, not the limiter).`);
    out.push('');
    out.push(table(['write', 'per second', 'p50 ms', 'p99 ms', 'accepted', 'non-2xx', 'check'], [
      ['POST /api/posts/:documentId/like', n0(l.rps), n2(l.p50), n2(l.p99), l.accepted, l.non2xx, `feed shows ${l.shownInFeed} likes, ${l.likeRows ?? 'n/a'} active like rows, ${l.ledgerLikeEvents ?? 'n/a'} new ledger "like" events → ${l.consistent ? 'consistent' : '**inconsistent**'}`],
      ['POST /api/comments (reference)', n0(s.likes.comments.rps), n2(s.likes.comments.p50), n2(s.likes.comments.p99), s.likes.comments.ok, s.likes.comments.non2xx, `comment total grew by ${s.likes.comments.totalAfter - s.likes.comments.totalBefore}, ${s.likes.comments.ledgerCommentEvents ?? 'n/a'} new ledger "comment" events → ${s.likes.comments.consistent ? 'consistent' : '**inconsistent**'}`],
    ]));
  } else if (s.likes) {
    out.push(`**${s.likes.status}**: ${s.likes.reason ?? ''}`);
    if (s.likes.comments) out.push('', `The reference was measured: comment writes ${n0(s.likes.comments.rps)}/s, p99 ${n2(s.likes.comments.p99)} ms, ${s.likes.comments.ok} stored (total grew by ${s.likes.comments.totalAfter - s.likes.comments.totalBefore}).`);
  }
  out.push('');

  out.push('## 3. Publish → confirmed on chain');
  out.push('');
  if (s.publish?.rounds) {
    out.push(`Members publish at once on N boards, each board with its own Hive account (extra devnet genesis accounts that granted posting authority to \`quanzi\`). The devnet makes a block every ${s.publish.blockIntervalMs} ms and the app's worker timings are scaled by the same factor against Hive's 3 s, so latency in **blocks** is what it would be on Hive. "Included" is the block holding the transaction; "confirmed" is the head block when the app's record turned confirmed, both counted from the head block at publish.`);
    out.push('');
    out.push(table(['boards at once', 'confirmed', 'included after (p50 / max blocks)', 'confirmed after (p50 / p90 / max blocks)', 'wall time p50 / max'], s.publish.rounds.map((r: any) => [r.boards, `${r.confirmed}/${r.published}`, `${r.inclusion.p50} / ${r.inclusion.max}`, `${r.confirmedIn.p50} / ${r.confirmedIn.p90} / ${r.confirmedIn.max}`, `${n1(r.confirmedMs.p50 / 1000)} s / ${n1(r.confirmedMs.max / 1000)} s`])));
    out.push('');
    if (charts.publish) out.push(`![publish latency in blocks](${charts.publish})`, '');
  }
  if (s.publish?.status && s.publish.status !== 'ok') out.push(`**${s.publish.status}**: ${s.publish.reason ?? ''}`, '');

  out.push('## 4. Payout recipients per block');
  out.push('');
  if (s.payouts?.packer) {
    const p = s.payouts;
    out.push(`${p.recipients} linked recipients, one payment each. Hive-Engine processes at most ${p.engineLimitPerBlock} token actions per sender per block, so ${p.minimumBlocks} blocks is the floor. **Pipeline**: the app's own payout path (unpaid reward allocations → payout lines → packed jobs → chain worker → confirmation from the sidechain's logs), on a devnet with ${p.blockIntervalMs} ms blocks, worker timings scaled by the same factor against Hive's 3 s. **Packer alone** (reference): \`packPayoutBatches\` output signed with dhive as the issuer and broadcast one planned block after the other, on a devnet making each block when asked.`);
    out.push('');
    const row = (name: string, x: any) => [name, x.recipients, x.confirmed, x.transactions, x.blocksUsed, n1(x.recipientsPerBlock), x.maxPerBlock, x.blocksElapsed, n1(x.wallS)];
    const rows: Array<Array<string | number>> = [];
    if (p.pipeline?.recipientsPerBlock !== undefined) rows.push(row("the app's payout pipeline", p.pipeline));
    else rows.push(["the app's payout pipeline", p.pipeline?.status ?? 'n/a', p.pipeline?.reason ?? '', '', '', '', '', '', '']);
    rows.push(row('packer alone (reference)', p.packer));
    out.push(table(['path', 'recipients', 'confirmed', 'transactions', 'blocks, first to last payout', 'recipients per block', 'most in one block', 'blocks from start to last', 'wall s'], rows));
    out.push('');
    if (charts.payouts) out.push(`![payout throughput](${charts.payouts})`, '');
  }
  if (s.payouts?.status && s.payouts.status !== 'ok') out.push(`**${s.payouts.status}**: ${s.payouts.reason ?? ''}`, '');

  out.push('## 5. Devnet');
  out.push('');
  if (s.devnet?.broadcasts) {
    const d = s.devnet;
    out.push(`${d.pending} signed transfers broadcast with \`condenser_api.broadcast_transaction\` over ${report.params.connections} connections (signed before the clock starts), then blocks produced on demand and timed (JSON-RPC round trip of \`debug_generate_blocks\`). ${d.note}`);
    out.push('');
    out.push(table(['figure', 'value', 'reference'], [
      ['broadcasts accepted per second', n0(d.broadcasts.acceptedPerS), `${n0(d.reads.rps)} reads/s (get_dynamic_global_properties, same server)`],
      ['broadcast p50 / p99', `${n2(d.broadcasts.p50)} / ${n2(d.broadcasts.p99)} ms`, `reads ${n2(d.reads.p50)} / ${n2(d.reads.p99)} ms`],
      [`block application with ${d.pending} pending`, `${n1(d.firstBlock.ms)} ms (${d.firstBlock.transactions} transactions fit)`, `empty block ${n1(d.emptyBlockMs)} ms; Hive block interval 3,000 ms`],
      ['blocks to include all', d.blocks.length, d.blocks.map((b: any) => `${b.transactions} tx in ${n1(b.ms)} ms`).join(', ')],
    ]));
    out.push('');
  }
  if (s.devnet?.status && s.devnet.status !== 'ok') out.push(`**${s.devnet.status}**: ${s.devnet.reason ?? ''}`, '');

  out.push('## 6. Memory and cold start');
  out.push('');
  if (s.memory?.rss) {
    const r = s.memory.rss;
    const c = s.memory.coldStartMs;
    out.push(table(['process', 'RSS after boot', 'RSS under load (peak / mean)', 'load', 'cold start (median of samples)'], [
      ['Quanzi app', `${n0(r.app.idleMiB)} MiB`, `${n0(r.app.underLoad?.peakMiB)} / ${n0(r.app.underLoad?.meanMiB)} MiB`, r.app.load, `${n0(c.appMedian)} ms (${c.app.map(n0).join(', ')})`],
      ['bare Strapi', `${n0(r.bare.idleMiB)} MiB`, `${n0(r.bare.underLoad?.peakMiB)} / ${n0(r.bare.underLoad?.meanMiB)} MiB`, r.bare.load, `${n0(c.bareMedian)} ms (${c.bare.map(n0).join(', ')})`],
      ['floor (Koa + better-sqlite3)', `${n0(r.floor.idleMiB)} MiB`, `${n0(r.floor.underLoad?.peakMiB)} / ${n0(r.floor.underLoad?.meanMiB)} MiB`, r.floor.load, `${n0(c.floorMedian)} ms`],
    ]));
    out.push('');
    out.push('RSS is VmRSS from /proc/<pid>/status, sampled every 200 ms. Cold start is spawn → first 200 on `/api/boards`, on a database whose schema is already in place; the app reaches its Hive node over HIVE_NODES (a devnet process), as in production.');
    out.push('');
  }
  if (s.memory?.status && s.memory.status !== 'ok') out.push(`**${s.memory.status}**: ${s.memory.reason ?? ''}`, '');

  if (s.scale) {
    const c = s.scale;
    const parts = c.parts ?? {};
    out.push('## 7. Scale');
    out.push('');
    out.push(`One board grown to ${n0(c.posts)} posts straight into Strapi's tables (a draft and a published row each, every tenth with a comment), then the feed table taken away so the app's first boot runs its migration over every post, as after an upgrade${c.upgrade ? ` (boot with the migration: ${n1(c.upgrade.bootWithMigrationMs / 1000)} s, ${n0(c.upgrade.feedEntries)} posts listed)` : ''}. ${c.connections} connections for ${c.durationS} s per measurement after a warm-up, one at a time; the app in production mode with its feed cache off (\`FEED_CACHE_TTL_MS=0\`) unless said otherwise. The floor is node:http with one prepared statement — the feed table's index range joined to Strapi's tables — on a consistent copy of the same database (VACUUM INTO), no framework; before each load the app's first page and the reference's are checked to list the same posts.`);
    out.push('');
    const row = (what: string, x: any) => (x ? [what, n0(x.rps), n2(x.p50), n2(x.p90), n2(x.p99), n1(x.max), x.non2xx, x.errors] : [what, 'n/a', '', '', '', '', '', '']);
    const rows: Array<Array<string | number>> = [];
    if (parts.feed?.app) rows.push(row(`feed, ${n0(c.posts)}-post board, cache off`, parts.feed.app), row('floor, same page, same rows', parts.feed.floor));
    if (parts.smallBoard?.big) rows.push(row(`/${c.grow?.smallBoard} (${c.grow?.smallBoardPosts} posts) in the ${n0(c.posts)}-post database, cache off`, parts.smallBoard.big), row(`same page in the demo-size database (${parts.smallBoard.demoPosts} posts), cache off`, parts.smallBoard.demo));
    if (parts.mixed?.reads) rows.push(row(`feed while ${parts.mixed.writes.perSecondTarget} writes/s land (likes, comments, publishes), cache on`, parts.mixed.reads));
    if (parts.postgres?.app) rows.push(row(`PostgreSQL: feed, ${n0(parts.postgres.posts)}-post board, cache off`, parts.postgres.app), row('PostgreSQL: floor (node:http + pg), same database', parts.postgres.floor));
    if (rows.length) {
      out.push(table(['measurement', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors'], rows));
      out.push('');
    }
    if (parts.mixed?.writes) {
      const w = parts.mixed.writes;
      out.push(`Writes during the mixed load: ${w.ok} accepted of ${w.sent} sent at ${w.perSecondTarget}/s (${w.skipped} not sent because 20 were unanswered), p50 ${n1(w.p50)} ms, p99 ${n1(w.p99)} ms; by kind and status: \`${JSON.stringify(w.byKind)}\`.`);
      out.push('');
    }
    if (parts.writes?.likes) {
      const x = parts.writes;
      out.push(`Write throughput on the ${n0(c.posts)}-post database (cache on, as deployed): ${x.members} members, ${x.connections} connections, each like a new (member, post) pair; afterwards the rows are counted in the database.`);
      out.push('');
      out.push(table(['write', 'per second', 'p50 ms', 'p99 ms', 'accepted', 'non-2xx', 'counted afterwards'], [
        ['POST /api/posts/:documentId/like', n0(x.likes.rps), n2(x.likes.p50), n2(x.likes.p99), x.likes.ok, x.likes.non2xx, `${x.ledger.likeRows ?? 'n/a'} active like rows, ${x.ledger.likeEvents ?? 'n/a'} ledger "like" events → ${x.likes.consistent ? 'consistent' : '**inconsistent**'}`],
        ['POST /api/comments', n0(x.comments.rps), n2(x.comments.p50), n2(x.comments.p99), x.comments.ok, x.comments.non2xx, `${x.ledger.commentRows} comment rows, ${x.ledger.commentEvents ?? 'n/a'} ledger "comment" events → ${x.comments.consistent ? 'consistent' : '**inconsistent**'}`],
      ]));
      out.push('');
    }
    if (parts.postgres?.app) out.push(`PostgreSQL: a throwaway database on the local server, seeded through the app (${n0(parts.postgres.posts)} posts after growing, ${n1(parts.postgres.growMs / 1000)} s), \`ANALYZE\` after the app's boot (${n1(parts.postgres.bootWithMigrationMs / 1000)} s with the migration); the floor reads the same database after the app's load, dropped afterwards.`, '');
    if (parts.postgres?.likes) {
      const x = parts.postgres.likes;
      out.push(`Likes on the PostgreSQL database after the feed's load (the same instance, cache off): ${x.members} members, ${x.connections} connections, each like a new (member, post) pair; afterwards the rows are counted in the database.`, '');
      out.push(table(['write', 'per second', 'p50 ms', 'p99 ms', 'accepted', 'non-2xx', 'counted afterwards'], [
        ['PostgreSQL: POST /api/posts/:documentId/like', n0(x.rps), n2(x.p50), n2(x.p99), x.ok, x.non2xx, `${x.ledger.likeRows} active like rows, ${x.ledger.likeEvents} ledger "like" events → ${x.consistent ? 'consistent' : '**inconsistent**'}`],
      ]));
      out.push('');
    }
    for (const [name, x] of Object.entries(parts) as Array<[string, any]>) if (x.status !== 'ok') out.push(`**${name}: ${x.status}** — ${String(x.reason ?? '').split('\n')[0]}`, '');
  }

  if (s.web) {
    const w = s.web;
    out.push("## 8. Members' web app: first load");
    out.push('');
    if (w.js) {
      out.push(`\`GET /\` from the running app (${w.servedMatchesBuild ? 'the page of apps/web/dist' : '**not the page of apps/web/dist**'}${w.build?.built ? `, built by the bench in ${n1(w.build.ms / 1000)} s` : ''}), then every script, module preload and stylesheet its index.html names, fetched uncompressed and compressed here as a static server would precompress them (gzip level 9, brotli quality 11). Chunks loaded later (a route's lazy import) are not the first load. Budget: ${n0(w.budgetBytes / 1000)} kB of JavaScript gzipped.`);
      out.push('');
      const row = (kind: string, x: any) => [kind, x.path ?? '', n0(x.raw), n0(x.gzip), n0(x.brotli)];
      out.push(table(['kind', 'file', 'raw bytes', 'gzip -9 bytes', 'brotli bytes'], [
        ...w.scripts.map((x: any) => row('script', x)),
        ...(w.inlineScripts ? [['inline scripts', `${w.inlineScripts} in index.html`, '', '', '']] : []),
        ...w.styles.map((x: any) => row('stylesheet', x)),
        row('**JavaScript, first load**', { ...w.js, path: '' }),
        row('**CSS, first load**', { ...w.css, path: '' }),
        row('index.html', { ...w.html, path: '/' }),
      ]));
      out.push('');
    }
    if (w.status !== 'ok') out.push(`**${w.status}**: ${w.reason ?? ''}`, '');
  }

  out.push('## Parameters');
  out.push('');
  out.push('```json');
  out.push(JSON.stringify(report.params, null, 2));
  out.push('```');
  return out.join('\n');
}
