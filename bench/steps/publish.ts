/**
 * Benchmark 3: publish → confirmed on chain, in blocks, with 1, 10 and 100
 * boards publishing at once. Each board has its own Hive account (added to the
 * devnet's genesis, granting posting authority to the app account), so Hive's
 * one-root-post-per-5-minutes rule never queues a board behind itself: what is
 * measured is the app's pipeline (outbox → worker → sign → broadcast → confirm).
 */
import Database from 'better-sqlite3';
import { headBlock } from '../lib/chain';
import { percentile } from '../lib/load';
import type { Server } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

interface PostLatency {
  documentId: string;
  state: string;
  /** Block that included the transaction, minus the head block when the post was published. */
  inclusionBlocks: number | null;
  /** Head block when the app's record said "confirmed" (seen by polling), minus the head block at publish. */
  confirmedBlocks: number | null;
  confirmedMs: number | null;
  error: string | null;
}

export interface PublishRound {
  boards: number;
  published: number;
  confirmed: number;
  failed: number;
  headAtPublish: number;
  wallS: number;
  inclusion: { p50: number; max: number };
  confirmedIn: { p50: number; p90: number; max: number };
  confirmedMs: { p50: number; max: number };
  posts: PostLatency[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function publishBenchmark(ctx: Ctx, app: Server, databaseFile: string) {
  const { params, fixture, progress, chain } = ctx;
  const blockMs = params.publishBlockMs;
  const rounds: PublishRound[] = [];
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  let boardOffset = 0;
  try {
    for (const n of params.publishRounds) {
      const boards = fixture.publishBoards.slice(boardOffset, boardOffset + n);
      const members = fixture.members.slice(boardOffset, boardOffset + n);
      boardOffset += n;
      if (boards.length < n) throw new Error(`only ${boards.length} publishing boards seeded, ${n} needed`);
      // Start on a fresh block so "blocks" count from a clean edge.
      const before = await headBlock(chain.url);
      while ((await headBlock(chain.url)) === before) await sleep(10);
      const headAtPublish = await headBlock(chain.url);
      const started = Date.now();
      const responses = await Promise.all(
        boards.map(async (board, i) => {
          const res = await fetch(`${app.url}/api/posts`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${members[i].jwt}` },
            body: JSON.stringify({ data: { title: `Publish bench ${n} boards, post ${i + 1}`, body: `Timing the way to Hive with ${n} boards at once.\n\nPost ${i + 1}.`, board: board.slug } }),
          });
          const body: any = await res.json();
          if (res.status !== 200 && res.status !== 201) throw new Error(`POST /api/posts answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
          return body.data.documentId as string;
        }),
      );
      const ids = new Set(responses);
      const seen = new Map<string, { head: number; at: number }>();
      const select = db.prepare(`SELECT post_document_id AS id, state, block_num AS blockNum, last_error AS lastError FROM hive_smt_mirrors WHERE post_document_id IN (${[...ids].map(() => '?').join(',')})`);
      const deadline = Date.now() + Math.max(60000, blockMs * 80);
      let rows: Array<{ id: string; state: string; blockNum: number | null; lastError: string | null }> = [];
      for (;;) {
        const head = await headBlock(chain.url);
        rows = select.all(...ids) as typeof rows;
        for (const r of rows) if (r.state === 'confirmed' && !seen.has(r.id)) seen.set(r.id, { head, at: Date.now() });
        const settled = rows.filter((r) => r.state === 'confirmed' || r.state === 'failed').length;
        if (settled === ids.size || Date.now() > deadline) break;
        await sleep(Math.min(100, blockMs / 5));
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      const posts: PostLatency[] = [...ids].map((id) => {
        const r = byId.get(id);
        const s = seen.get(id);
        return {
          documentId: id,
          state: r?.state ?? 'no record',
          inclusionBlocks: r?.blockNum != null ? r.blockNum - headAtPublish : null,
          confirmedBlocks: s ? s.head - headAtPublish : null,
          confirmedMs: s ? s.at - started : null,
          error: r?.lastError ?? null,
        };
      });
      const sorted = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
      const inc = sorted(posts.map((p) => p.inclusionBlocks));
      const conf = sorted(posts.map((p) => p.confirmedBlocks));
      const ms = sorted(posts.map((p) => p.confirmedMs));
      const round: PublishRound = {
        boards: n,
        published: ids.size,
        confirmed: conf.length,
        failed: posts.filter((p) => p.state === 'failed').length,
        headAtPublish,
        wallS: (Date.now() - started) / 1000,
        inclusion: { p50: percentile(inc, 50), max: inc[inc.length - 1] ?? NaN },
        confirmedIn: { p50: percentile(conf, 50), p90: percentile(conf, 90), max: conf[conf.length - 1] ?? NaN },
        confirmedMs: { p50: percentile(ms, 50), max: ms[ms.length - 1] ?? NaN },
        posts,
      };
      rounds.push(round);
      progress.note(`${n} board(s): ${round.confirmed}/${n} confirmed; included after p50 ${round.inclusion.p50} / max ${round.inclusion.max} blocks, confirmed seen after p50 ${round.confirmedIn.p50} / max ${round.confirmedIn.max} blocks`);
    }
  } finally {
    db.close();
  }
  const first = rounds[0];
  const allConfirmed = rounds.every((r) => r.confirmed === r.published);
  ctx.sections.publish = {
    status: allConfirmed ? 'ok' : 'failed',
    ...(allConfirmed ? {} : { reason: rounds.filter((r) => r.confirmed < r.published).map((r) => `${r.boards} boards: ${r.published - r.confirmed} not confirmed (${[...new Set(r.posts.filter((p) => p.state !== 'confirmed').map((p) => `${p.state}${p.error ? `: ${p.error}` : ''}`))].slice(0, 3).join('; ')})`).join(' / ') }),
    blockIntervalMs: blockMs,
    rounds,
  };
  ctx.ratios.push(ratio({ id: 'publish.1_board_vs_protocol_minimum', benchmark: 'publish', label: '1 board: blocks to confirmed ÷ 1 block (a transaction lands in the next block at best)', measured: first.confirmedIn.p50, reference: 1, unit: 'blocks', referenceLabel: 'protocol minimum' }));
  for (const r of rounds.slice(1)) {
    ctx.ratios.push(ratio({ id: `publish.${r.boards}_boards_vs_1`, benchmark: 'publish', label: `${r.boards} boards at once: p50 blocks to confirmed ÷ 1 board's`, measured: r.confirmedIn.p50, reference: first.confirmedIn.p50, unit: 'blocks', referenceLabel: '1 board publishing' }));
    ctx.ratios.push(ratio({ id: `publish.${r.boards}_boards_max_vs_1`, benchmark: 'publish', label: `${r.boards} boards at once: slowest board's blocks to confirmed ÷ 1 board's`, measured: r.confirmedIn.max, reference: first.confirmedIn.max, unit: 'blocks', referenceLabel: '1 board publishing' }));
  }
}
