/**
 * Liveness as an invariant: every stretch of time a chain job waited must have
 * a rule behind it. Built from the jobs table and the lease history (when each
 * attempt ran, and what the job said when it let go), plus the soak's own
 * record of fault windows, kill/restart windows and clock jumps.
 *
 * A job's wait (created to finished) is cut into the attempts that ran it and
 * the gaps between them. Each moment of it is explained when
 * - the job itself was being worked on (an attempt, up to the worker's watchdog);
 * - the job waited on a chain rule it was told about: the 5-minute root rule,
 *   the 3-second reply rule, one edit per block, resource credits (for as long
 *   as the rule allows, from the reason and not-before time of its release);
 * - its line was moving: another job of the same Hive account or subject was
 *   being worked on or waited on a chain rule (the account's posts go one at a
 *   time, by the same rules); for a post waiting for its board's post of the
 *   day, the line is that post of the day's job;
 * - a fault was on (or just cleared), an instance was down or its leases were
 *   running out, or the chain's clock had just jumped.
 * An attempt whose holder died lasts until its lease ran out; the job then
 * waits to be taken over like a queued job, explained by its line as above.
 * What is left is unexplained. Each unexplained piece, less the worker's
 * reaction time (graceMs: a poll, a recheck), adds to the job's unexplained
 * wait, which may not exceed idleLimitMs: a job that waits a minute for
 * nothing is caught even when fault windows come and go meanwhile.
 */
import type { LeaseRow } from '../../helpers/lease-history';
import { coveredLength, stretches, uncovered, union, type Span } from './spans';

export interface JobRow {
  id: number;
  kind: string;
  subject: string;
  lane: string | null;
  state: string;
  createdAt: number;
  finishedAt: number | null;
}

export interface SoakWindow {
  kind: 'fault' | 'kill' | 'clock';
  start: number;
  end: number;
  what: string;
}

export interface LivenessOptions {
  /** The most a job may wait, in all, with nothing behind it. */
  idleLimitMs: number;
  /** What of each unexplained piece is the worker's reaction time (its poll and recheck intervals). */
  graceMs: number;
  /** The longest an honest attempt runs: the worker gives up on it at half its lease. */
  attemptMaxMs: number;
  /** After a fault clears: retries back off, broadcasts time out, blocks catch up. */
  faultTailMs: number;
  /** After an instance is back: the dead process's leases run out before its jobs are taken over. */
  killTailMs: number;
  /** After the chain's clock jumps: transactions signed before it expire and are rebuilt. */
  clockTailMs: number;
  /** When waits of jobs still open end (the analysis time). */
  endOfRun: number;
  /** The board a job is for (post jobs and post-of-the-day jobs), or null. */
  boardOf: (job: JobRow) => string | null;
  /** Whether the job is a post-of-the-day job, and whose board. */
  containerBoardOf: (job: JobRow) => string | null;
}

/** How an attempt ended, read from the lease history. */
export type AttemptEnd =
  | 'progress'
  | 'pending'
  | 'root rule'
  | 'reply rule'
  | 'edit rule'
  | 'resource credits'
  | 'post of the day'
  | 'line'
  | 'retry'
  | 'taken over'
  | 'open';

const RULES: Array<[AttemptEnd, RegExp, number]> = [
  // hived: "You may only post once every 5 minutes." (HIVE_MIN_ROOT_COMMENT_INTERVAL, 300 s, + the next block)
  ['root rule', /post once every 5 minutes|one new post every 5 minutes/i, 303_000],
  // hived: "You may only comment once every 3 seconds." (HIVE_MIN_REPLY_INTERVAL)
  ['reply rule', /comment once every 3 seconds|one comment every 3 seconds/i, 3_000],
  // hived: "Can only perform one comment edit per block."
  ['edit rule', /edit per block/i, 3_000],
  // hived: "... needs N RC. Please wait to transact or power up HIVE." — as long as the reason says.
  ['resource credits', /\bRC\b|resource credits|power up/i, 3_600_000],
];
/** A rule refusal is retried after the worker's back-off: at least this much is the rule's. */
const RULE_RETRY_MS = 1_500;

export function classifyAttempt(lease: LeaseRow): AttemptEnd {
  if (lease.endedAt === null) return 'open';
  if (lease.endedBy === 'takeover') return 'taken over';
  if (lease.endState !== 'queued') return 'progress';
  const reason = lease.endReason ?? '';
  if (!reason) return 'pending';
  for (const [rule, pattern] of RULES) if (pattern.test(reason)) return rule;
  if (/post of the day/i.test(reason)) return 'post of the day';
  if (/another post of the same Hive account/i.test(reason)) return 'line';
  return 'retry';
}

const PRODUCTIVE = new Set<AttemptEnd>(['progress', 'pending', 'root rule', 'reply rule', 'edit rule', 'resource credits', 'retry']);

/** The span after a release that a chain rule accounts for. */
function ruleSpan(lease: LeaseRow, end: AttemptEnd): Span | null {
  const rule = RULES.find(([name]) => name === end);
  if (!rule || lease.endedAt === null) return null;
  const until = Math.max(lease.endNotBefore ?? 0, lease.endedAt + RULE_RETRY_MS);
  return [lease.endedAt, Math.min(until, lease.endedAt + rule[2] + RULE_RETRY_MS)];
}

export interface WaitReport {
  job: JobRow;
  ms: number;
  /** How much of the wait each explanation covers (they may overlap). */
  covered: Record<string, number>;
}

export interface KindReport {
  kind: string;
  jobs: number;
  longestWait: WaitReport;
  /** The job with the most unexplained waiting, its longest unexplained stretch. */
  mostUnexplained: { job: JobRow; ms: number; longest: Span } | null;
}

export interface LivenessReport {
  kinds: KindReport[];
  /** Jobs that waited more than idleLimitMs in all with nothing behind it. */
  unexplained: Array<{ job: JobRow; ms: number; longest: Span; during: string }>;
}

interface JobTimeline {
  job: JobRow;
  leases: Array<{ lease: LeaseRow; end: AttemptEnd }>;
  own: Span[];
  rules: Span[];
  productive: Span[];
}

export function analyseLiveness(jobs: JobRow[], leases: LeaseRow[], windows: SoakWindow[], options: LivenessOptions): LivenessReport {
  const leasesByJob = new Map<number, LeaseRow[]>();
  for (const lease of leases) leasesByJob.set(lease.jobId, [...(leasesByJob.get(lease.jobId) ?? []), lease]);

  const timelines: JobTimeline[] = jobs.map((job) => {
    const list = (leasesByJob.get(job.id) ?? [])
      .sort((a, b) => a.claimedAt - b.claimedAt || a.id - b.id)
      .map((lease) => ({ lease, end: classifyAttempt(lease) }));
    const attempt = ({ lease }: { lease: LeaseRow }): Span => [
      lease.claimedAt,
      Math.min(lease.endedAt ?? options.endOfRun, lease.claimedAt + options.attemptMaxMs),
    ];
    // An attempt that only found the job must wait (for its line, for its post of the day) explains nothing by itself.
    const own = list.filter((a) => PRODUCTIVE.has(a.end)).map(attempt);
    const rules = list.map((a) => ruleSpan(a.lease, a.end)).filter((s): s is Span => s !== null);
    const productive = [...list.filter((a) => PRODUCTIVE.has(a.end)).map(attempt), ...rules];
    return { job, leases: list, own, rules, productive };
  });

  const group = (key: (t: JobTimeline) => string | null) => {
    const spans = new Map<string, Span[]>();
    for (const t of timelines) {
      const k = key(t);
      if (k !== null) spans.set(k, [...(spans.get(k) ?? []), ...t.productive]);
    }
    return new Map([...spans].map(([k, v]) => [k, union(v)]));
  };
  const byLane = group((t) => t.job.lane);
  const bySubject = group((t) => t.job.subject);
  const byContainerBoard = group((t) => options.containerBoardOf(t.job));
  const tail = { fault: options.faultTailMs, kill: options.killTailMs, clock: options.clockTailMs };
  const outside = union(windows.map((w) => [w.start, w.end + tail[w.kind]] as Span));
  const windowsOf = (kind: SoakWindow['kind']) => union(windows.filter((w) => w.kind === kind).map((w) => [w.start, w.end + tail[w.kind]] as Span));
  const [faultSpans, killSpans, clockSpans] = [windowsOf('fault'), windowsOf('kill'), windowsOf('clock')];
  const none: Span[] = [];
  const explanations: Record<string, (t: JobTimeline) => Span[][]> = {
    'own attempts': (t) => [union(t.own)],
    'chain rules': (t) => [union(t.rules)],
    'its line': (t) => [byLane.get(t.job.lane ?? '') ?? none, bySubject.get(t.job.subject) ?? none],
    'post of the day': (t) => (t.leases.some((a) => a.end === 'post of the day') ? [byContainerBoard.get(options.boardOf(t.job) ?? '') ?? none] : []),
    faults: () => [faultSpans],
    'kills and restarts': () => [killSpans],
    'clock jumps': () => [clockSpans],
  };

  const unexplained: LivenessReport['unexplained'] = [];
  const perKind = new Map<string, KindReport>();
  for (const t of timelines) {
    const { job } = t;
    const end = job.finishedAt ?? options.endOfRun;
    const lane = byLane.get(job.lane ?? '') ?? none;
    const subject = bySubject.get(job.subject) ?? none;
    const container = byContainerBoard.get(options.boardOf(job) ?? '') ?? none;
    const own = union([...t.own, ...t.rules]);
    const idle: Span[] = [];
    // The gaps between attempts, each explained by what the job was told when it let go (a new job: its line).
    let from = job.createdAt;
    let cause: AttemptEnd | 'new' = 'new';
    const gap = (span: Span, why: AttemptEnd | 'new') => {
      if (why === 'post of the day') idle.push(...uncovered(span, own, container, outside));
      else idle.push(...uncovered(span, own, lane, subject, outside));
    };
    for (const { lease, end: how } of t.leases) {
      gap([from, lease.claimedAt], cause);
      // The attempt itself: the job's own work, up to the watchdog (a holder that died is a kill's);
      // one that only found the job must wait is part of that wait.
      if (how === 'post of the day' || how === 'line') gap([lease.claimedAt, lease.endedAt ?? end], how);
      else if (how === 'taken over' && lease.leaseUntil !== null && lease.endedAt !== null && lease.leaseUntil < lease.endedAt) {
        // A holder that died: its attempt lasts until its lease ran out; after that the job is back in its
        // line, waiting for a worker like any queued job (behind its account's earlier posts, say).
        idle.push(...uncovered([lease.claimedAt, lease.leaseUntil], own, outside));
        gap([lease.leaseUntil, lease.endedAt], how);
      } else idle.push(...uncovered([lease.claimedAt, lease.endedAt ?? end], own, outside));
      from = lease.endedAt ?? end;
      cause = how;
    }
    gap([from, end], cause);

    const wait = end - job.createdAt;
    const pieces = stretches(idle, 50);
    const unexplainedMs = pieces.reduce((n, [a, b]) => n + Math.max(0, b - a - options.graceMs), 0);
    const longest = pieces.reduce<Span | null>((best, p) => (!best || p[1] - p[0] > best[1] - best[0] ? p : best), null);
    const report = perKind.get(job.kind) ?? { kind: job.kind, jobs: 0, longestWait: { job, ms: -1, covered: {} }, mostUnexplained: null };
    report.jobs += 1;
    if (wait > report.longestWait.ms) {
      const covered: Record<string, number> = {};
      for (const [name, spans] of Object.entries(explanations)) {
        const ms = coveredLength([job.createdAt, end], ...spans(t));
        if (ms > 0) covered[name] = ms;
      }
      report.longestWait = { job, ms: wait, covered };
    }
    if (longest && unexplainedMs > (report.mostUnexplained?.ms ?? 0)) report.mostUnexplained = { job, ms: unexplainedMs, longest };
    if (longest && unexplainedMs > options.idleLimitMs) {
      const during = t.leases.find(({ lease }) => lease.claimedAt < longest[1] && (lease.endedAt ?? end) > longest[0]);
      unexplained.push({
        job,
        ms: unexplainedMs,
        longest,
        during: during ? `attempt ${during.lease.leaseOwner} (${during.end})` : `waiting (${describeCause(t, longest)})`,
      });
    }
    perKind.set(job.kind, report);
  }
  return { kinds: [...perKind.values()].sort((a, b) => a.kind.localeCompare(b.kind)), unexplained };
}

/** What the job had last been told before an unexplained stretch began. */
function describeCause(t: JobTimeline, span: Span): string {
  const before = t.leases.filter(({ lease }) => (lease.endedAt ?? Infinity) <= span[0]).pop();
  if (!before) return 'not yet claimed';
  return `${before.end}: ${before.lease.endReason ?? 'no reason'}`;
}

/** A line per kind for the soak's report: jobs, longest wait and what explains it, longest unexplained stretch. */
export function describeLiveness(report: LivenessReport): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return report.kinds.map((k) => {
    const explained = Object.entries(k.longestWait.covered)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => `${name} ${s(ms)}`)
      .join(', ');
    const idle = k.mostUnexplained ? `${s(k.mostUnexplained.ms)} (${k.mostUnexplained.job.subject})` : '0 s';
    return `${k.kind}: ${k.jobs} jobs, longest wait ${s(k.longestWait.ms)} (${k.longestWait.job.subject}; ${explained || 'nothing'}), most waiting without a rule ${idle}`;
  });
}
