/**
 * Benchmark 2: like ingestion — many members' JWTs liking many posts at once —
 * and afterwards the ledger checked against the accepted likes; the same
 * members' plain comment writes are the reference.
 */
import { ledgerCounts } from '../lib/ledger';
import { runWrites, type LoadResult } from '../lib/load';
import type { Server } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

const auth = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

/** Sum of likeCount over every post of the board, read through the feed (what members see). */
async function likesShownInFeed(url: string, board: string): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await fetch(`${url}/api/feed?board=${board}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const body: any = await res.json();
    for (const item of body.data ?? []) total += Number(item.likeCount ?? 0);
    cursor = body.meta?.nextCursor ?? null;
    if (!cursor) break;
  }
  return total;
}

async function commentTotal(url: string): Promise<number> {
  const res = await fetch(`${url}/api/comments?pagination%5BpageSize%5D=1`);
  const body: any = await res.json();
  return Number(body.meta?.pagination?.total);
}

const summary = (r: LoadResult) => ({ rps: r.rps, p50: r.latencyMs.p50, p99: r.latencyMs.p99, ok: r.ok, non2xx: r.non2xx, errors: r.errors, statusCodes: r.statusCodes });

export async function likesBenchmark(ctx: Ctx, app: Server, databaseFile: string) {
  const { params, fixture, progress } = ctx;
  const members = fixture.members;
  const posts = fixture.posts;
  const pair = (k: number) => ({ member: members[k % members.length], post: posts[Math.floor(k / members.length) % posts.length] });
  const maxPairs = members.length * posts.length;
  const amount = Math.min(params.writes, maxPairs - 1);

  // Comments first: the reference, and writes the like ledger does not depend on.
  const commentsBefore = await commentTotal(app.url);
  const ledgerBefore = ledgerCounts(databaseFile);
  let c = 0;
  const comments = await runWrites({
    url: app.url,
    connections: params.connections,
    durationS: params.writeS,
    amount,
    next: () => {
      const { member, post } = pair(c++);
      return { method: 'POST', path: '/api/comments', headers: auth(member.jwt), body: JSON.stringify({ data: { post, body: `Bench comment ${c}` } }) };
    },
  });
  const commentsAfter = await commentTotal(app.url);
  const ledgerAfterComments = ledgerCounts(databaseFile);
  const commentEvents = ledgerAfterComments.commentEvents !== null && ledgerBefore.commentEvents !== null ? ledgerAfterComments.commentEvents - ledgerBefore.commentEvents : null;
  progress.note(`comments: ${comments.rps.toFixed(0)}/s, p99 ${comments.latencyMs.p99.toFixed(1)} ms, ${comments.ok} stored, total grew by ${commentsAfter - commentsBefore}`);
  const commentSection = {
    ...summary(comments),
    totalBefore: commentsBefore,
    totalAfter: commentsAfter,
    ledgerCommentEvents: commentEvents,
    consistent: commentsAfter - commentsBefore === comments.ok && (commentEvents === null || commentEvents === comments.ok),
  };

  // Is the like route there? One like (pair 0), as a member would send it.
  const first = pair(0);
  const probe = await fetch(`${app.url}/api/posts/${first.post}/like`, { method: 'POST', headers: { ...auth(first.member.jwt), 'content-type': 'application/json' }, body: '{}' });
  const probeText = await probe.text();
  if (probe.status >= 300) {
    const reason = `the first like answered ${probe.status}: ${probeText.slice(0, 200)}`;
    ctx.sections.likes = { status: 'failed', reason, comments: commentSection };
    return;
  }

  let k = 1;
  const likes = await runWrites({
    url: app.url,
    connections: params.connections,
    durationS: params.writeS,
    amount,
    next: () => {
      const { member, post } = pair(k++);
      return { method: 'POST', path: `/api/posts/${post}/like`, headers: auth(member.jwt), body: '{}' };
    },
  });
  const accepted = likes.ok + 1;
  const shown = await likesShownInFeed(app.url, fixture.feedBoard);
  const ledger = ledgerCounts(databaseFile);
  const likeEvents = ledger.likeEvents !== null && ledgerBefore.likeEvents !== null ? ledger.likeEvents - ledgerBefore.likeEvents : null;
  const consistent = shown === accepted && (ledger.likeRows === null || ledger.likeRows === accepted) && (likeEvents === null || likeEvents === accepted);
  progress.note(`likes: ${likes.rps.toFixed(0)}/s, p99 ${likes.latencyMs.p99.toFixed(1)} ms; accepted ${accepted}; feed shows ${shown}, like rows ${ledger.likeRows ?? 'n/a'}, ledger like events ${likeEvents ?? 'n/a'} → ${consistent ? 'consistent' : 'INCONSISTENT'}`);
  ctx.sections.likes = {
    status: 'ok',
    connections: params.connections,
    members: members.length,
    likes: { ...summary(likes), accepted, shownInFeed: shown, likeRows: ledger.likeRows, ledgerLikeEvents: likeEvents, consistent },
    comments: commentSection,
  };
  ctx.ratios.push(ratio({ id: 'likes.rps_vs_comments', benchmark: 'likes', label: 'likes/s ÷ comment writes/s (same members)', measured: likes.rps, reference: comments.rps, unit: 'writes/s', referenceLabel: 'POST /api/comments' }));
  ctx.ratios.push(ratio({ id: 'likes.ledger_vs_accepted', benchmark: 'likes', label: 'likes in the ledger ÷ likes accepted', measured: likeEvents ?? ledger.likeRows ?? shown, reference: accepted, unit: 'likes', referenceLabel: 'accepted (2xx) likes', target: '= 1', met: consistent }));
}
