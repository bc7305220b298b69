import type { Core } from '@strapi/strapi';
import type { PluginRuntime } from '../runtime';
import type { ChainJob, JobState } from '../jobs/queue';
import { postSubject } from '../mirror/publisher';
import type { RcAccount } from '../chain/hive-chain';
import type { ChainOverview, JobRow } from './views';
import { redactCredentials } from '../text/redact';

const STATES: JobState[] = ['queued', 'leased', 'done', 'dead', 'cancelled'];
const iso = (ms: number | null | undefined) => (ms ? new Date(Number(ms)).toISOString() : null);
// Node URLs may carry credentials: admins see every detail of an error but those.
const messageOf = (error: unknown) => redactCredentials(error instanceof Error ? error.message : String(error));

/** Resource credits as a share of the maximum (the manabar regenerates over 5 days; the stored value is enough for a dashboard). */
function rcShare(rc: RcAccount | undefined): ChainOverview['app']['rc'] {
  if (!rc) return null;
  const percent = rc.max > 0n ? Number((rc.current * 10000n) / rc.max) / 100 : 0;
  return { current: rc.current.toString(), max: rc.max.toString(), percent: Math.min(100, percent) };
}

/** The accounts that pay RC for what Quanzi sends: boards' Hive accounts (posts) and token issuers (payouts). */
async function rcPayerAccounts(strapi: Core.Strapi): Promise<Map<string, { pays: Set<'posts' | 'payouts'>; boards: Set<string> }>> {
  const withEconomics = !!(strapi.contentType('api::board.board' as any) as any)?.attributes?.economics;
  const boards: any[] = await strapi.db.query('api::board.board' as any).findMany({
    select: ['name', 'hiveAccount'],
    ...(withEconomics ? { populate: { economics: { select: ['issuer', 'enabled'] } } } : {}),
    limit: 500,
  } as any);
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
    if (board.economics?.enabled) add(board.economics.issuer, 'payouts', board.name);
  }
  return payers;
}

export async function chainOverview(strapi: Core.Strapi, runtime: PluginRuntime): Promise<ChainOverview> {
  const { config } = runtime;
  const endpoint = runtime.endpoint;
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
      postingKey: runtime.keys && runtime.keys.describe(config.appAccount, 'posting') !== 'missing' ? 'set' : 'missing',
      rc: null,
    },
    rcPayers: [],
    paused: runtime.paused,
    worker: { enabled: config.worker.enabled, running: !!runtime.worker },
    queue: Object.fromEntries(STATES.map((s) => [s, 0])) as Record<JobState, number>,
    lastErrors: runtime.lastErrors.slice(0, 10).map((e) => ({ ...e, message: redactCredentials(e.message) })),
    checkedAt: new Date().toISOString(),
  };
  Object.assign(overview.queue, await runtime.queue.countsByState());
  if (!runtime.chain) {
    overview.network.error = redactCredentials(runtime.paused ?? 'The Hive connection is not started yet.');
    return overview;
  }
  try {
    const payers = await rcPayerAccounts(strapi);
    const names = [...new Set([config.appAccount, ...payers.keys()])];
    const [head, rcs] = await Promise.all([runtime.chain.head(), runtime.chain.getRcAccounts(names).catch(() => [] as RcAccount[])]);
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
    overview.network.error = messageOf(error);
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
export async function listJobs(strapi: Core.Strapi, runtime: PluginRuntime, filter: JobFilter, limit: number): Promise<JobRow[]> {
  const states = FILTER_STATES[filter];
  const jobs: ChainJob[] = await runtime.queue.find(states ? { state: { $in: states } } : {}, limit);
  const postIds = [...new Set(jobs.map((j) => postDocumentIdOf(j)).filter((id): id is string => !!id))];
  const [posts, mirrors] = await Promise.all([
    postIds.length
      ? strapi.db.query('api::post.post' as any).findMany({
          where: { documentId: { $in: postIds } },
          select: ['documentId', 'title', 'publishedAt'],
          populate: { board: { select: ['name', 'hiveAccount'] } },
        })
      : [],
    runtime.records.getMany(postIds),
  ]);
  // A post has a draft and a published row: prefer the published one's title.
  const postBy = new Map<string, any>();
  for (const p of posts as any[]) if (!postBy.has(p.documentId) || p.publishedAt) postBy.set(p.documentId, p);
  const mirrorBy = new Map(mirrors.map((m) => [m.postDocumentId, m]));
  const frontend = runtime.config.frontendUrl.replace(/\/$/, '');
  const txTemplate = runtime.config.rewards.txUrlTemplate;

  return jobs.map((job) => {
    const postId = postDocumentIdOf(job);
    const post = postId ? postBy.get(postId) : null;
    const mirror = postId ? mirrorBy.get(postId) : null;
    const signedComment = (job.signedTx?.operations ?? []).find((op: any) => op[0] === 'comment')?.[1];
    const account = mirror?.author ?? signedComment?.author ?? job.payload?.account ?? job.payload?.sender ?? post?.board?.hiveAccount ?? null;
    const permlink = mirror?.permlink ?? signedComment?.permlink ?? null;
    const waiting = job.state === 'queued' ? Math.max(Number(job.runAt), Number(job.notBefore ?? 0)) : null;
    return {
      documentId: (job as any).documentId,
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
      url: job.state === 'done' && account && permlink && job.kind === 'mirror.publish' ? `${frontend}/@${account}/${permlink}` : null,
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
  return job.subject.startsWith('post:') ? job.subject.slice('post:'.length) : null;
}
