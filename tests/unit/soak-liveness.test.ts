import { analyseLiveness, classifyAttempt, describeLiveness, type JobRow, type LivenessOptions, type SoakWindow } from '../soak/lib/liveness';
import type { LeaseRow } from '../helpers/lease-history';
import { coveredLength, stretches, uncovered, union } from '../soak/lib/spans';

const T = 1_000_000;
const s = (seconds: number) => T + seconds * 1000;
let leaseId = 0;
const lease = (jobId: number, from: number, to: number | null, end: Partial<LeaseRow> = {}): LeaseRow => ({
  id: ++leaseId,
  jobId,
  leaseOwner: `w:${leaseId}`,
  claimedAt: s(from),
  leaseUntil: s(from + 20),
  lane: null,
  endedAt: to === null ? null : s(to),
  endedBy: to === null ? null : 'holder',
  endState: 'done',
  endReason: null,
  endNotBefore: null,
  ...end,
});
const job = (id: number, kind: string, subject: string, lane: string | null, created: number, finished: number): JobRow => ({
  id,
  kind,
  subject,
  lane,
  state: 'done',
  createdAt: s(created),
  finishedAt: s(finished),
});
const options = (over: Partial<LivenessOptions> = {}): LivenessOptions => ({
  idleLimitMs: 10_000,
  graceMs: 500,
  attemptMaxMs: 12_000,
  faultTailMs: 5_000,
  killTailMs: 25_000,
  clockTailMs: 5_000,
  endOfRun: s(10_000),
  boardOf: (j) => (j.subject.startsWith('post:') ? 'board-1' : j.subject.startsWith('container:') ? j.subject.split(':')[1] : null),
  containerBoardOf: (j) => (j.kind === 'mirror.container' ? j.subject.split(':')[1] : null),
  ...over,
});
const WAIT_FOR_DAY = "Waiting for the board's post of the day (b-daily-2026-12-02) to be on Hive.";

describe('spans', () => {
  it('merges, subtracts and measures', () => {
    expect(
      union([
        [5, 7],
        [1, 3],
        [2, 4],
        [9, 9],
      ]),
    ).toEqual([
      [1, 4],
      [5, 7],
    ]);
    expect(
      uncovered(
        [0, 10],
        [
          [1, 2],
          [4, 6],
        ],
        [[5, 8]],
      ),
    ).toEqual([
      [0, 1],
      [2, 4],
      [8, 10],
    ]);
    expect(coveredLength([0, 10], [[1, 2]], [[4, 6]])).toBe(3);
    expect(
      stretches(
        [
          [0, 1000],
          [1020, 2000],
          [5000, 6000],
        ],
        50,
      ),
    ).toEqual([
      [0, 2000],
      [5000, 6000],
    ]);
  });
});

describe('liveness of chain jobs', () => {
  it('reads how each attempt ended from the lease history', () => {
    expect(classifyAttempt(lease(1, 0, 1))).toBe('progress');
    expect(classifyAttempt(lease(1, 0, 1, { endState: 'queued' }))).toBe('pending');
    expect(classifyAttempt(lease(1, 0, 1, { endState: 'queued', endReason: 'Hive allows @b one new post every 5 minutes.' }))).toBe('root rule');
    expect(classifyAttempt(lease(1, 0, 1, { endState: 'queued', endReason: 'Hive asked to wait: You may only comment once every 3 seconds.' }))).toBe(
      'reply rule',
    );
    expect(classifyAttempt(lease(1, 0, 1, { endState: 'queued', endReason: WAIT_FOR_DAY }))).toBe('post of the day');
    expect(classifyAttempt(lease(1, 0, 1, { endState: 'queued', endReason: 'HTTP 503: Service Temporarily Unavailable' }))).toBe('retry');
    expect(classifyAttempt(lease(1, 0, 1, { endedBy: 'takeover', endState: 'leased' }))).toBe('taken over');
    expect(classifyAttempt(lease(1, 0, null))).toBe('open');
  });

  it('flags a post left waiting for a post of the day that never comes, though its account keeps posting', () => {
    // Job 1 waits 60 s for the day's post; job 2, an edit on the same account, goes through meanwhile.
    const jobs = [job(1, 'mirror.publish', 'post:p1', 'acct', 0, 61), job(2, 'mirror.publish', 'post:p2', 'acct', 5, 50)];
    const leases = [
      ...Array.from({ length: 30 }, (_, i) => lease(1, i * 2, i * 2 + 0.2, { endState: 'queued', endReason: WAIT_FOR_DAY, lane: 'acct' })),
      lease(1, 60, 61),
      ...Array.from({ length: 15 }, (_, i) =>
        lease(2, 5 + i * 3, 5 + i * 3 + 1, { endState: 'queued', endReason: 'Hive allows @acct one comment every 3 seconds.', endNotBefore: s(5 + i * 3 + 3) }),
      ),
    ];
    const report = analyseLiveness(jobs, leases, [], options());
    expect(report.unexplained).toEqual([
      expect.objectContaining({ job: expect.objectContaining({ id: 1 }), during: expect.stringMatching(/post of the day/) }),
    ]);
    expect(report.unexplained[0].ms).toBeGreaterThan(50_000);
  });

  it('explains the same wait by the post of the day that is itself held back by the 5-minute rule', () => {
    const jobs = [job(1, 'mirror.publish', 'post:p1', 'acct', 0, 61), job(9, 'mirror.container', 'container:board-1:b-daily', null, 0, 60)];
    const leases = [
      ...Array.from({ length: 30 }, (_, i) => lease(1, i * 2, i * 2 + 0.2, { endState: 'queued', endReason: WAIT_FOR_DAY })),
      lease(1, 60, 61),
      lease(9, 0, 0.5, { endState: 'queued', endReason: 'Hive allows @acct one new post every 5 minutes.', endNotBefore: s(59) }),
      lease(9, 59, 60),
    ];
    const report = analyseLiveness(jobs, leases, [], options());
    expect(report.unexplained).toEqual([]);
    const publish = report.kinds.find((k) => k.kind === 'mirror.publish')!;
    expect(publish.longestWait.ms).toBe(61_000);
    expect(publish.longestWait.covered['post of the day']).toBeGreaterThan(55_000);
    expect(describeLiveness(report).join('\n')).toMatch(/mirror.publish: 1 jobs, longest wait 61.0 s \(post:p1; post of the day/);
  });

  it('adds up what is left unexplained between fault windows that come and go', () => {
    // 60 s waiting for a post of the day that never comes; faults on 2 s in every 5 meanwhile.
    const jobs = [job(1, 'mirror.publish', 'post:p1', 'acct', 0, 61)];
    const leases = [...Array.from({ length: 30 }, (_, i) => lease(1, i * 2, i * 2 + 0.2, { endState: 'queued', endReason: WAIT_FOR_DAY })), lease(1, 60, 61)];
    const faults: SoakWindow[] = Array.from({ length: 12 }, (_, i) => ({ kind: 'fault', start: s(i * 5), end: s(i * 5 + 1), what: 'http5xx' }));
    const report = analyseLiveness(jobs, leases, faults, options({ faultTailMs: 1_000 }));
    expect(report.unexplained).toHaveLength(1);
    expect(report.unexplained[0].ms).toBeGreaterThan(20_000);
    expect(report.unexplained[0].longest[1] - report.unexplained[0].longest[0]).toBeLessThan(5_000);
  });

  it('explains a wait behind a fault window or a restart, and not the same wait without them', () => {
    const jobs = [job(1, 'mirror.remove', 'post:p1', null, 0, 40)];
    const leases = [lease(1, 0, 1, { endState: 'queued', endReason: 'connect ECONNREFUSED' }), lease(1, 39, 40)];
    const fault: SoakWindow = { kind: 'fault', start: s(0), end: s(36), what: 'refuse' };
    expect(analyseLiveness(jobs, leases, [fault], options()).unexplained).toEqual([]);
    expect(analyseLiveness(jobs, leases, [], options()).unexplained).toHaveLength(1);
    // A holder that died: its lease is only explained by the kill.
    const orphan = [job(2, 'mirror.publish', 'post:p2', 'acct', 0, 31)];
    const taken = [lease(2, 0, 30, { endedBy: 'takeover', endState: 'leased' }), lease(2, 30, 31)];
    expect(analyseLiveness(orphan, taken, [], options()).unexplained).toHaveLength(1);
    expect(analyseLiveness(orphan, taken, [{ kind: 'kill', start: s(1), end: s(8), what: 'instance 0' }], options()).unexplained).toEqual([]);
  });

  it("explains a dead holder's job by the kill until its lease ran out, then by its line, and flags it when the line stands still", () => {
    // Job 1's holder dies at 0 s (lease until 20 s); the restarted worker works through the account's earlier
    // posts (job 2, replies every 3 s) from 25 s to 60 s and takes job 1 over at 60 s.
    const jobs = [job(1, 'mirror.publish', 'post:p1', 'acct', 0, 61), job(2, 'mirror.publish', 'post:p2', 'acct', 0, 60)];
    const died = lease(1, 0, 60, { endedBy: 'takeover', endState: 'leased', leaseUntil: s(20) });
    const line = Array.from({ length: 12 }, (_, i) =>
      lease(2, 25 + i * 3, 25.5 + i * 3, {
        endState: 'queued',
        endReason: 'Hive allows @acct one comment every 3 seconds.',
        endNotBefore: s(25 + i * 3 + 3),
        lane: 'acct',
      }),
    );
    const kill: SoakWindow = { kind: 'kill', start: s(0), end: s(2), what: 'instance 0' };
    const report = (leases: LeaseRow[]) => analyseLiveness(jobs, leases, [kill], options({ killTailMs: 23_000 }));
    expect(report([died, ...line, lease(2, 59, 60), lease(1, 60, 61)]).unexplained).toEqual([]);
    // The same takeover with the line standing still from 25 s: job 1's wait is unexplained (job 2's too).
    const flagged = report([died, lease(2, 59, 60), lease(1, 60, 61)]).unexplained.map((u) => u.job.id);
    expect(flagged).toContain(1);
  });

  it("explains waiting in an account's line while the line moves by the chain's rules, not while it stands still", () => {
    const moving = [job(1, 'mirror.publish', 'post:a', 'acct', 0, 1), job(2, 'mirror.publish', 'post:b', 'acct', 0, 20)];
    const line = [
      lease(1, 0, 1),
      ...Array.from({ length: 6 }, (_, i) =>
        lease(3, 1 + i * 3, 1.5 + i * 3, {
          endState: 'queued',
          endReason: 'Hive allows @acct one comment every 3 seconds.',
          endNotBefore: s(1 + i * 3 + 3),
          lane: 'acct',
        }),
      ),
      lease(2, 19, 20),
    ];
    const third = job(3, 'mirror.publish', 'post:c', 'acct', 0, 19);
    expect(analyseLiveness([...moving, third], line, [], options()).unexplained).toEqual([]);
    const standing = [lease(1, 0, 1), lease(2, 19, 20)];
    expect(analyseLiveness(moving, standing, [], options()).unexplained).toEqual([
      expect.objectContaining({ job: expect.objectContaining({ id: 2 }), during: 'waiting (not yet claimed)' }),
    ]);
  });
});
