/**
 * A container-mode board's post of the day: the root post its members' posts
 * go under as replies (one reply every 3 seconds instead of one new post every
 * 5 minutes). Which one a post goes under, when the next one is sent, and the
 * job that sends it.
 *
 * Posts do not wait for a day to begin on Hive: tomorrow's post of the day is
 * sent ahead of the board's midnight while the board is posting, and until
 * today's is on Hive a post goes under yesterday's (as a reply signed just
 * before midnight does anyway). Only a board's very first post, or the first
 * after a quiet day, waits for its post of the day: one root post, which the
 * 5-minute rule allows at once after a day without one.
 */
import type { Operation, PrivateKey } from '@hiveio/dhive';
import type { HiveChain } from '../chain/hive-chain';
import type { RecordedOutcome } from '../core/outcome';
import type { BoardRow } from '../host/rows';
import type { ExactlyOnceSteps } from '../jobs/exactly-once';
import type { ChainJob, JobPayload, JobQueue } from '../jobs/queue';
import { grantAuthorityHelp, grantsPostingAuthority, missingAccountHelp } from './authority';
import { MIRROR_CONTAINER } from './jobs';
import { boardTimeZone, dayIn, postsOfTheDay, type PostOfTheDay } from './schedule';
import { rateRuleWait } from './rate-rule-wait';

/** One job per board and day: its subject. */
export const containerSubject = (boardDocumentId: string, permlink: string) => `container:${boardDocumentId}:${permlink}`;
/** The note of a post-of-the-day job that found its post already on Hive (how a finished job says "it is there"). */
export const CONTAINER_ALREADY_ON_HIVE = "The board's post of the day is already on Hive.";
const OPEN_OR_DONE = ['queued', 'leased', 'done'];
const DAY_IN_PERMLINK = /daily-(\d{4}-\d{2}-\d{2})$/;
/** Posts of the day a process remembers having seen on Hive before it starts afresh (they are in the database too). */
const SEEN_LIMIT = 10_000;

/** What of a board says which post of the day a post goes under. */
export type ContainerBoard = Pick<BoardRow, 'documentId' | 'slug' | 'name' | 'hiveAccount' | 'timezone'>;

/** Where a container-mode post goes: under a post of the day that is on Hive, or it waits for today's. */
export type ContainerParent = { parent: { author: string; permlink: string } } | { waitFor: string };

interface Deps {
  queue: JobQueue;
  chain: () => HiveChain;
  appAccount: string;
  /** The board a post-of-the-day job is for (the app's board content type), or null when it is gone. */
  loadBoard: (documentId: string) => Promise<BoardRow | null>;
  /** The root post for a board and day, as the mirror builds every post (metadata, footer, payout options). */
  buildRootPost: (board: BoardRow, post: { day: string; permlink: string }) => Operation[];
  postingKey: () => PrivateKey;
  /** Whether Hive has the post: hivemind's view, or hived's own state while hivemind has not indexed it yet. */
  existsOnHive: (author: string, permlink: string) => Promise<boolean>;
  /** Why hivemind would hide the board's root post in its community (journal/council role), or null. */
  rootPostProblem: (board: BoardRow) => Promise<string | null>;
}

/** The day a post-of-the-day job is for (jobs queued before the day was in their payload read it from the permlink). */
export function containerDayOf(payload: JobPayload | null | undefined, now: Date, timeZone: string): string {
  const day = payload?.day;
  const permlink = payload?.permlink;
  return (typeof day === 'string' ? day : null) ?? DAY_IN_PERMLINK.exec(typeof permlink === 'string' ? permlink : '')?.[1] ?? dayIn(now, timeZone);
}

const isOnHiveNote = (job: ChainJob) => job.lastError === null || job.lastError === CONTAINER_ALREADY_ON_HIVE;

export function createPostsOfTheDay(deps: Deps) {
  const { queue, chain } = deps;
  /** Posts of the day this process knows are on Hive: once there, always there (they are never removed). */
  const seenOnHive = new Set<string>();

  function remember(subject: string) {
    if (seenOnHive.size >= SEEN_LIMIT) seenOnHive.clear();
    seenOnHive.add(subject);
  }

  /**
   * Which of these posts of the day are on Hive by our own records (a job sent
   * it, or found it there): no read of the chain, so an API node that shows a
   * post only blocks after it landed cannot make a board wait.
   */
  async function knownOnHive(board: ContainerBoard, days: PostOfTheDay[]): Promise<Set<string>> {
    const unknown = days.map((d) => containerSubject(board.documentId, d.permlink)).filter((s) => !seenOnHive.has(s));
    if (unknown.length) {
      const done = await queue.find({ kind: MIRROR_CONTAINER, subject: { $in: unknown }, state: 'done' }, 20);
      for (const job of done) if (isOnHiveNote(job)) remember(job.subject);
    }
    return new Set(days.filter((d) => seenOnHive.has(containerSubject(board.documentId, d.permlink))).map((d) => d.permlink));
  }

  async function visibleOnHive(board: ContainerBoard, day: PostOfTheDay): Promise<boolean> {
    if (!(await deps.existsOnHive(board.hiveAccount, day.permlink))) return false;
    remember(containerSubject(board.documentId, day.permlink));
    return true;
  }

  /** Makes sure a job will send this post of the day: one per board and day, whichever post or process asks first. */
  async function ensureSent(board: ContainerBoard, day: PostOfTheDay): Promise<void> {
    const subject = containerSubject(board.documentId, day.permlink);
    if (seenOnHive.has(subject)) return;
    if ((await queue.find({ subject, state: { $in: OPEN_OR_DONE } }, 1)).length) return;
    // Due since the epoch: claims go in run_at order, and every post of the board may be waiting on this one,
    // so it goes before the rest of a backlog instead of behind it.
    await queue.enqueue(MIRROR_CONTAINER, subject, { boardDocumentId: board.documentId, permlink: day.permlink, day: day.day }, 0);
  }

  return {
    /**
     * The post of the day a new container-mode post goes under at chain time
     * `now`: today's once it is on Hive, otherwise yesterday's while today's is
     * on its way. Asks for today's when it is missing; once today's is there
     * and the day nears its end, asks for tomorrow's, so the next day's first
     * posts find it there. Never both at once: they are root posts of one
     * account, and the one sent second waits five minutes.
     */
    async parentFor(board: ContainerBoard, now: Date): Promise<ContainerParent> {
      const plan = postsOfTheDay(board.slug, now, boardTimeZone(board));
      const known = await knownOnHive(board, [plan.today, plan.yesterday]);
      const under = (day: PostOfTheDay) => ({ parent: { author: board.hiveAccount, permlink: day.permlink } });
      if (known.has(plan.today.permlink) || (await visibleOnHive(board, plan.today))) {
        if (now.getTime() >= plan.sendTomorrowFrom.getTime()) await ensureSent(board, plan.tomorrow);
        return under(plan.today);
      }
      await ensureSent(board, plan.today);
      if (known.has(plan.yesterday.permlink) || (await visibleOnHive(board, plan.yesterday))) return under(plan.yesterday);
      return { waitFor: plan.today.permlink };
    },

    /** The steps of the job that sends one post of the day, exactly once. */
    steps(job: ChainJob): ExactlyOnceSteps {
      const { boardDocumentId, permlink } = job.payload as { boardDocumentId: string; permlink: string };
      const subject = job.subject;
      return {
        async build() {
          const board = await deps.loadBoard(boardDocumentId);
          if (!board) return { kind: 'skip', note: 'The board no longer exists.' };
          // Another job for the same board and day got there first (two posts or two instances asked at once).
          const done = await queue.find({ kind: MIRROR_CONTAINER, subject, state: 'done' }, 5);
          if (seenOnHive.has(subject) || done.some((other) => other.id !== job.id && isOnHiveNote(other))) {
            return { kind: 'skip', note: CONTAINER_ALREADY_ON_HIVE };
          }
          const hive = chain();
          if (await deps.existsOnHive(board.hiveAccount, permlink)) return { kind: 'skip', note: CONTAINER_ALREADY_ON_HIVE };
          const head = await hive.head();
          const account = await hive.getAccount(board.hiveAccount);
          if (!account) return { kind: 'fail', error: missingAccountHelp(board.hiveAccount, board.name) };
          if (!grantsPostingAuthority(account, deps.appAccount))
            return { kind: 'fail', error: `Board "${board.name}": ${grantAuthorityHelp(board.hiveAccount, deps.appAccount)}` };
          const muted = await deps.rootPostProblem(board);
          if (muted) return { kind: 'fail', error: muted };
          // A root post: it waits for the account's 5-minute window only, never behind the account's replies
          // (the job has no lane), or the posts waiting for it would hold it back.
          const clock = (await hive.postingClocks([board.hiveAccount])).get(board.hiveAccount);
          const wait = rateRuleWait('root', board.hiveAccount, clock, head.time);
          if (wait) return wait;
          const day = containerDayOf(job.payload, head.time, boardTimeZone(board));
          return { kind: 'send', operations: deps.buildRootPost(board, { day, permlink }), key: deps.postingKey() };
        },
      };
    },

    /** A post-of-the-day job finished: remember when its post is on Hive. */
    finished(job: ChainJob, outcome: RecordedOutcome) {
      if (outcome.kind === 'confirmed' || (outcome.kind === 'skipped' && outcome.note === CONTAINER_ALREADY_ON_HIVE)) remember(job.subject);
    },
  };
}

export type PostsOfTheDayService = ReturnType<typeof createPostsOfTheDay>;
