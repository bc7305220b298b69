import type { RcAccount } from '../chain/hive-chain';
import { messageOf } from '../core/errors';
import type { BoardRow, PostRow } from '../host/rows';
import type { ChainJob, JobState } from '../jobs/queue';
import { MIRROR_PUBLISH, POST_SUBJECT_PREFIX, postSubject } from '../mirror/jobs';
import { pinSubject } from '../mirror/community-pins';
import type { PluginRuntime } from '../runtime/types';
import type { ChainOverview, JobRow } from './views';
import { redactCredentials } from '../text/redact';

/** The comment operation in a signed transaction, if any (the post it creates or edits). */
function commentOf(signedTx: unknown): { author?: string; permlink?: string } | null {
  const operations = (signedTx as { operations?: Array<[string, Record<string, unknown>]> } | null)?.operations ?? [];
  const found = operations.find((op) => op[0] === 'comment');
  return found ? (found[1] as { author?: string; permlink?: string }) : null;
}

const STATES: JobState[] = ['queued', 'leased', 'done', 'dead', 'cancelled'];
const iso = (ms: number | null | undefined) => (ms ? new Date(Number(ms)).toISOString() : null);
// Node URLs may carry credentials: admins see every detail of an error but those.
const redactedMessage = (error: unknown) => redactCredentials(messageOf(error));

/** Resource credits as a share of the maximum (the manabar regenerates over 5 days; the stored value is enough for a dashboard). */
function rcShare(rc: RcAccount | undefined): ChainOverview['app']['rc'] {
  if (!rc) return null;
  const percent = rc.max > 0n ? Number((rc.current * 10000n) / rc.max) / 100 : 0;
  return { current: rc.current.toString(), max: rc.max.toString(), percent: Math.min(100, percent) };
}

/** The accounts that pay RC for what Quanzi sends: boards' Hive accounts (posts) and token issuers (payouts). */
async function rcPayerAccounts(runtime: PluginRuntime): Promise<Map<string, { pays: Set<'posts' | 'payouts'>; boards: Set<string> }>> {
  const boards = await runtime.types.rows<BoardRow>('board').findMany({
    select: ['name', 'hiveAccount'],
    populate: { economics: { select: ['issuer', 'enabled'] } },
    limit: 500,
  });
  const payers = new Map<string, { pays: Set<'posts' | 'payouts'>; boards: Set<string> }>();
  const add = (account: string | null | undefined, pays: 'posts' | 'payouts', board: string) => {
    if (!account) return;
    const entry = payers.get(account) ?? { pays: new Set(), boards: new Set() };
    entry.pays.add(pays);
    entry.boards.add(board);
    payers.set(account, entry);
  };
  for (const board of boards) {
    add(board.hiveAccount, 'posts', board.name);
    if (board.economics?.enabled) add(typeof board.economics.issuer === 'string' ? board.economics.issuer : null, 'payouts', board.name);
  }
  return payers;
}

export async function chainOverview(runtime: PluginRuntime): Promise<ChainOverview> {
  const { config, connection } = runtime;
  const endpoint = connection?.endpoint;
  const overview: ChainOverview = {
    network: {
      devnet: !!endpoint?.devnet,
      nodes: (endpoint?.nodes ?? config.nodes).map((node) => redactCredentials(node)),
      chainId: endpoint?.chainId ?? null,
      reachable: false,
      error: null,
    },
    head: null,
    app: {
      account: config.appAccount,
      postingKey: connection && connection.keys.describe(config.appAccount, 'posting') !== 'missing' ? 'set' : 'missing',
      rc: null,
    },
    rcPayers: [],
    paused: runtime.paused(),
    worker: { enabled: config.worker.enabled, running: !!runtime.worker },
    queue: Object.fromEntries(STATES.map((s) => [s, 0])) as Record<JobState, number>,
    lastErrors: runtime.errors.recent(10).map((e) => ({ ...e, message: redactCredentials(e.message) })),
    checkedAt: new Date().toISOString(),
  };
  Object.assign(overview.queue, await runtime.queue.countsByState());
  if (!connection) {
    overview.network.error = redactCredentials(runtime.paused() ?? 'The Hive connection is not started yet.');
    return overview;
  }
  try {
    const payers = await rcPayerAccounts(runtime);
    const names = [...new Set([config.appAccount, ...payers.keys()])];
    const [head, rcs] = await Promise.all([connection.chain.head(), connection.chain.getRcAccounts(names).catch(() => [] as RcAccount[])]);
    overview.network.reachable = true;
    // The devnet's fast blocks run ahead of the wall clock: ahead counts as no lag.
    const lagSeconds = Math.max(0, Math.round((Date.now() - head.time.getTime()) / 1000));
    overview.head = { blockNum: head.blockNum, time: head.time.toISOString(), irreversibleBlockNum: head.irreversibleBlockNum, lagSeconds };
    const rcOf = new Map(rcs.map((rc) => [rc.account, rc]));
    overview.app.rc = rcShare(rcOf.get(config.appAccount));
    overview.rcPayers = [...payers.entries()]
      .map(([account, entry]) => ({ account, pays: [...entry.pays].sort(), boards: [...entry.boards].sort(), rc: rcShare(rcOf.get(account)) }))
      // The emptiest first: that is the one about to stop posts or payouts.
      .sort((a, b) => (a.rc?.percent ?? -1) - (b.rc?.percent ?? -1) || a.account.localeCompare(b.account));
  } catch (error) {
    overview.network.error = redactedMessage(error);
  }
  return overview;
}

export type JobFilter = 'open' | 'failed' | 'done' | 'all';

const FILTER_STATES: Record<JobFilter, JobState[] | null> = {
  open: ['queued', 'leased'],
  failed: ['dead'],
  done: ['done', 'cancelled'],
  all: null,
};

/** The mirror queue as a table: each job with its post, the account and permlink it goes to, and what happens next. */
export async function listJobs(runtime: PluginRuntime, filter: JobFilter, limit: number): Promise<JobRow[]> {
  const states = FILTER_STATES[filter];
  const jobs: ChainJob[] = await runtime.queue.find(states ? { state: { $in: states } } : {}, limit);
  const postIds = [...new Set(jobs.map((j) => postDocumentIdOf(j)).filter((id): id is string => !!id))];
  const [posts, mirrors] = await Promise.all([
    postIds.length
      ? runtime.types.rows<PostRow>('post').findMany({
          where: { documentId: { $in: postIds } },
          select: ['documentId', 'title', 'publishedAt'],
          populate: { board: { select: ['name', 'hiveAccount'] } },
        })
      : [],
    runtime.records.getMany(postIds),
  ]);
  // A post has a draft and a published row: prefer the published one's title.
  const postBy = new Map<string, PostRow>();
  for (const p of posts) if (!postBy.has(p.documentId) || p.publishedAt) postBy.set(p.documentId, p);
  const mirrorBy = new Map(mirrors.map((m) => [m.postDocumentId, m]));
  const frontend = runtime.config.frontendUrl.replace(/\/$/, '');
  const txTemplate = runtime.config.rewards.txUrlTemplate;

  return jobs.map((job) => {
    const postId = postDocumentIdOf(job);
    const post = postId ? postBy.get(postId) : null;
    const mirror = postId ? mirrorBy.get(postId) : null;
    const signedComment = commentOf(job.signedTx);
    const payloadAccount = typeof job.payload?.account === 'string' ? job.payload.account : typeof job.payload?.sender === 'string' ? job.payload.sender : null;
    const account = mirror?.author ?? signedComment?.author ?? payloadAccount ?? post?.board?.hiveAccount ?? null;
    const permlink = mirror?.permlink ?? signedComment?.permlink ?? null;
    const waiting = job.state === 'queued' ? Math.max(Number(job.runAt), Number(job.notBefore ?? 0)) : null;
    return {
      documentId: job.documentId,
      kind: job.kind,
      state: job.state,
      attempts: job.attempts,
      post: postId ? { documentId: postId, title: post?.title ?? null, board: post?.board?.name ?? null } : null,
      account,
      permlink,
      nextAttemptAt: iso(waiting),
      lastError: redactCredentials(job.lastError) ?? null,
      txId: job.txId,
      blockNum: job.blockNum,
      url: job.state === 'done' && account && permlink && job.kind === MIRROR_PUBLISH ? `${frontend}/@${account}/${permlink}` : null,
      txUrl: job.txId && txTemplate ? txTemplate.replace('{txId}', encodeURIComponent(job.txId)) : null,
      recipients: Array.isArray(job.payload?.payoutIds) ? job.payload.payoutIds.length : null,
      finishedAt: iso(job.finishedAt),
      canRetry: job.state === 'dead' || (job.state === 'queued' && Number(job.attempts) > 0),
      canCancel: job.state === 'dead' || (job.state === 'queued' && !job.signedTx),
    };
  });
}

function postDocumentIdOf(job: ChainJob): string | null {
  if (typeof job.payload?.documentId === 'string' && job.subject === postSubject(job.payload.documentId)) return job.payload.documentId;
  if (typeof job.payload?.documentId === 'string' && job.subject === pinSubject(job.payload.documentId)) return job.payload.documentId;
  return job.subject.startsWith(POST_SUBJECT_PREFIX) ? job.subject.slice(POST_SUBJECT_PREFIX.length) : null;
}
