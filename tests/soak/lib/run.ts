import fs from 'fs';
import os from 'os';
import path from 'path';
import { PrivateKey, cryptoUtils } from '@hiveio/dhive';
import { APP_DIR } from '../../helpers/strapi';
import { appEnvForDevnet, startDevnetProcess, type DevnetProc } from '../../helpers/processes';
import { adminCreateBoard, call, registerFirstAdmin, registerMember } from '../../helpers/rest-client';
import { chainTime } from '../../helpers/chain-clock';
import { createTestDatabase } from '../../helpers/postgres';
import { LEASE_COLUMNS, leaseFromRow } from '../../helpers/lease-history';
import { daysCrossed, jumpToJustBeforeMidnight } from './clock';
import { openPostgres, openSqlite, toMs, type SoakDb } from './db';
import { FaultCycle } from './faults';
import { AppFleet } from './fleet';
import { checkInvariants, type SoakBoard } from './invariants';
import { analyseLiveness, describeLiveness, type JobRow } from './liveness';
import { drainLimitMs, soakPlan, type SoakPlan } from './plan';
import { SoakTimeline } from './windows';
import { Workload, type SoakMember } from './workload';

// DEVNET ONLY: well-known keys, passed to the app the way real keys are.
const { devnetKey, DEVNET_GENESIS } = require('@quanzi/hive-devnet');
const { keyEnvName } = require('../../../plugins/hive-smt/server/src/chain/keys');

export interface SoakOptions {
  name: string;
  database: 'sqlite' | 'postgres';
  instances: number;
}

/** The three demo boards, each with its devnet token and issuer (genesis.json); the last keeps Shanghai's day. */
const BOARDS = [
  { hiveAccount: 'maple-school', symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', timezone: null },
  { hiveAccount: 'riverside-photo', symbol: 'SNAP', precision: 3, issuer: 'photo-tokens', timezone: null },
  { hiveAccount: 'oakhill-hood', symbol: 'OAK', precision: 2, issuer: 'oakhill-tokens', timezone: 'Asia/Shanghai' },
];
/** Members 0–3 link these devnet accounts (alice and carol granted the app posting authority, so they post as themselves). */
const LINKED = ['alice', 'bob', 'carol', 'dave'];
/**
 * The Hive Power of the linked members who post as themselves. A soak packs weeks of a busy member's posts into
 * minutes, and RC refills over five days: with genesis's 1,000,000 VESTS (about 800 posts) carol ran dry mid-soak
 * and her posts waited days, as on Hive (that wait is tested on its own). At 50,000,000 VESTS RC never runs out here.
 */
const POSTING_MEMBER_VESTS = '50000000.000000 VESTS';
const MEMBERS = 6;
/** Leases shorter than the 60 s default, so a killed instance's jobs are taken over sooner (the worker gives up an attempt at half of it). */
const LEASE_MS = 20_000;
const CASHOUT_SECONDS = 10;

export const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 45);
export const SOAK_ACTIONS_PER_SECOND = Number(process.env.SOAK_ACTIONS_PER_SECOND ?? 8);
export const planFor = (options: Pick<SoakOptions, 'instances'>): SoakPlan => soakPlan(SOAK_SECONDS, { instances: options.instances, actionsPerSecond: SOAK_ACTIONS_PER_SECOND });

/** The devnet's genesis with the posting members' stake raised (see POSTING_MEMBER_VESTS). */
function writeSoakGenesis(): string {
  const genesis = JSON.parse(JSON.stringify(DEVNET_GENESIS));
  for (const account of genesis.accounts) {
    if (LINKED.includes(account.name) && account.postingAccountAuths?.length) account.vesting_shares = POSTING_MEMBER_VESTS;
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-soak-genesis-')), 'genesis.json');
  fs.writeFileSync(file, JSON.stringify(genesis));
  return file;
}

function seeded(seed: number) {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * A soak: members at work on three boards while the devnet injects every kind
 * of fault in turn, app instances are killed and restarted, and the chain's
 * clock is taken across day boundaries; then the queue drains and everything
 * is checked against the chain (see invariants.ts and liveness.ts). Returns
 * the figures it reports (also written to .tmp/soak/<name>.json).
 */
export async function runSoak(options: SoakOptions) {
  const plan = planFor(options);
  const rng = seeded(Number(process.env.SOAK_SEED ?? 20261126));
  const timeline = new SoakTimeline();
  let devnet: DevnetProc | undefined;
  let fleet: AppFleet | undefined;
  let pgDatabase: { url: string; drop: () => Promise<void> } | undefined;
  let db: SoakDb | undefined;
  try {
    devnet = await startDevnetProcess({ HIVE_DEVNET_GENESIS: writeSoakGenesis() });
    const dbEnv: Record<string, string> = {};
    let dbFile = '';
    if (options.database === 'postgres') {
      pgDatabase = await createTestDatabase(options.name);
      Object.assign(dbEnv, { DATABASE_CLIENT: 'postgres', DATABASE_URL: pgDatabase.url, FEED_CACHE_TTL_MS: '0' });
    } else {
      dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-soak-')), 'soak.db');
      dbEnv.DATABASE_FILENAME = dbFile;
    }
    const env: Record<string, string> = {
      ...dbEnv,
      HIVE_BROADCAST_TIMEOUT_MS: '3000',
      // Production-like pacing of the periodic passes (the test defaults run them every second,
      // which on two cores starves the worker's own chain calls into timeouts).
      HIVE_IMPORT_REPLIES_MS: '15000',
      REWARDS_TICK_MS: '2000',
      REWARDS_CASHOUT_SECONDS: String(CASHOUT_SECONDS),
      HIVE_WORKER_BACKOFF_MS: '100',
      HIVE_WORKER_BACKOFF_MAX_MS: '1000',
      HIVE_WORKER_MAX_ATTEMPTS: '1000',
      HIVE_WORKER_LEASE_MS: String(LEASE_MS),
      HIVE_TX_EXPIRE_SECONDS: '60',
      HIVE_RECONCILE_MS: '5000',
      RATE_LIMIT_WRITES_PER_MEMBER: '100000',
      RATE_LIMIT_WRITES_PER_IP: '100000',
      RATE_LIMIT_LIKES_PER_MEMBER: '100000',
      RATE_LIMIT_LIKES_PER_IP: '100000',
      ...(process.env.SOAK_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_APP_NODE_OPTIONS } : {}),
      ...appEnvForDevnet(devnet, {
        HIVE_APP_POSTING_KEY: devnetKey('quanzi', 'posting'),
        ...Object.fromEntries(BOARDS.map((b) => [keyEnvName(b.issuer, 'active'), devnetKey(b.issuer, 'active')])),
      }),
    };
    fleet = new AppFleet(env, options.instances, timeline);
    await fleet.start();

    // Boards, members (spread over the instances), linked Hive accounts. The members are minutes old:
    // the boards let accounts earn from their first day (the default waits a week), or nothing is paid.
    const token = await registerFirstAdmin(fleet.anyUrl());
    const boards: SoakBoard[] = [];
    for (const [i, b] of BOARDS.entries()) {
      const board = await adminCreateBoard(fleet.anyUrl(), token, {
        name: `Soak ${i}`,
        slug: `soak-${i}`,
        kind: 'interest',
        hiveAccount: b.hiveAccount,
        moderationMode: 'direct',
        postingRate: 'container',
        ...(b.timezone ? { timezone: b.timezone } : {}),
        active: true,
        economics: { enabled: true, symbol: b.symbol, precision: b.precision, issuer: b.issuer, mode: 'issue', rewardPerInterval: '10', rewardIntervalSeconds: 1, curationRewardPercentage: 50, minAccountAgeDays: 0 },
      });
      boards.push({ slug: board.slug, documentId: board.documentId, hiveAccount: b.hiveAccount, symbol: b.symbol, precision: b.precision });
    }
    const members: SoakMember[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const instance = i % options.instances;
      const member = await registerMember(fleet.url(instance)!, `soaker${i}`);
      members.push({ ...member, instance });
    }
    // Linked the way a frontend does it: a challenge, signed Keychain-style with the account's posting key.
    for (const [i, account] of LINKED.entries()) {
      const url = fleet.url(members[i].instance)!;
      const challenge = await call(url, 'POST', '/api/me/hive-account/challenge', {}, members[i].jwt);
      const signature = PrivateKey.fromString(devnetKey(account, 'posting')).sign(cryptoUtils.sha256(challenge.body.data.challenge)).toString();
      const linked = await call(url, 'POST', '/api/me/hive-account', { account, signature }, members[i].jwt);
      if (linked.status !== 200) throw new Error(`linking ${account}: ${linked.status} ${JSON.stringify(linked.body)}`);
      members[i].account = account;
    }

    // The load: paced member actions, every fault kind in turn, kills, day boundaries.
    const workload = new Workload(members, boards.map((b) => b.slug), rng);
    const faults = new FaultCycle(devnet.url, timeline, rng, plan.faultQuietMs);
    const chainAtStart = await chainTime(devnet.url);
    const kills = [...plan.kills];
    const crossings = [...plan.crossings];
    const restarts: Promise<void>[] = [];
    const started = Date.now();
    const intervalMs = 1000 / plan.actionsPerSecond;
    while (Date.now() - started < plan.seconds * 1000) {
      const elapsed = Date.now() - started;
      await faults.tick();
      if (kills.length && elapsed >= kills[0].atMs) {
        const { instance } = kills.shift()!;
        const { restarted } = await fleet.kill(instance);
        // With one instance there is nothing to serve meanwhile: wait for it. With two, the other carries on.
        if (options.instances === 1) await restarted;
        else restarts.push(restarted);
      }
      if (crossings.length && elapsed >= crossings[0].atMs) {
        const { utcOffsetHours } = crossings.shift()!;
        // The jump is an operator's call to the node: not through a fault (the cycle resumes after a quiet stretch).
        await faults.clear();
        await jumpToJustBeforeMidnight(devnet.url, timeline, { utcOffsetHours });
      }
      const before = Date.now();
      await workload.act((i) => fleet!.url(i));
      const spare = intervalMs - (Date.now() - before);
      if (spare > 0) await new Promise((r) => setTimeout(r, spare));
    }
    await faults.clear();
    await Promise.all(restarts);
    const loadEndedAt = Date.now();
    const chainAtEnd = await chainTime(devnet.url);
    const faultCounters = await faults.counters();

    // The drain: every job done (or dead with a reason), every post settled, every linked member paid.
    db = options.database === 'postgres' ? await openPostgres(pgDatabase!.url) : openSqlite(dbFile);
    const count = async (sql: string) => Number((await db!.all(sql))[0].n);
    const linkedIds = members.filter((m) => m.account).map((m) => m.id).join(',');
    const remaining = async () => ({
      openJobs: await count(`SELECT count(*) AS n FROM hive_smt_chain_jobs WHERE state IN ('queued', 'leased')`),
      unsettled: await count(`SELECT count(*) AS n FROM hive_smt_reward_posts WHERE settled_at IS NULL`),
      unpaid: await count(`SELECT count(*) AS n FROM hive_smt_reward_allocations WHERE payout_id IS NULL AND member_id IN (${linkedIds})`),
      payoutsOpen: await count(`SELECT count(*) AS n FROM hive_smt_payouts WHERE state <> 'paid'`),
    });
    const atLoadEnd = await remaining();
    const drainLimit = drainLimitMs({ openJobs: atLoadEnd.openJobs, cashoutSeconds: CASHOUT_SECONDS, payoutsOpen: atLoadEnd.payoutsOpen + atLoadEnd.unpaid });
    const drainDeadline = Date.now() + drainLimit;
    let left = atLoadEnd;
    while (left.openJobs + left.unsettled + left.unpaid + left.payoutsOpen > 0) {
      if (Date.now() > drainDeadline) {
        const open = await db.all(
          `SELECT id, kind, subject, lane, state, attempts, run_at, not_before, lease_owner, lease_until, last_error, tx_id FROM hive_smt_chain_jobs WHERE state IN ('queued', 'leased') ORDER BY id LIMIT 30`,
        );
        const output = Array.from({ length: options.instances }, (_, i) => `instance ${i}:\n${fleet!.output(i).join('\n')}`).join('\n');
        throw new Error(`The outbox did not drain within ${Math.round(drainLimit / 1000)} s (derived from ${atLoadEnd.openJobs} open jobs at the end of the load): ${JSON.stringify(left)}\nopen jobs: ${JSON.stringify(open, null, 1).slice(0, 4000)}\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 500));
      left = await remaining();
    }
    const drainedAt = Date.now();

    // Against the chain and the ledger.
    const outcome = await checkInvariants({ db, devnetUrl: devnet.url, chainId: devnet.chainId, expected: workload.expected, members, boards });

    // Liveness: every wait had a rule behind it.
    timeline.closeAll();
    const boardBySlug = new Map(boards.map((b) => [b.slug, b.documentId]));
    const jobs: JobRow[] = (await db.all(`SELECT id, kind, subject, lane, state, created_at, finished_at FROM hive_smt_chain_jobs`)).map((r: any) => ({
      id: Number(r.id),
      kind: r.kind,
      subject: r.subject,
      lane: r.lane ?? null,
      state: r.state,
      createdAt: toMs(r.created_at)!,
      finishedAt: toMs(r.finished_at),
    }));
    const leases = (await db.all(`SELECT ${LEASE_COLUMNS} FROM hive_smt_job_leases`)).map(leaseFromRow);
    const liveness = analyseLiveness(jobs, leases, timeline.windows, {
      idleLimitMs: Number(process.env.SOAK_IDLE_LIMIT_MS ?? 10_000),
      graceMs: 500, // the worker's poll (100 ms) and recheck (200 ms) intervals, and a claim
      attemptMaxMs: LEASE_MS / 2 + 2_000,
      faultTailMs: 3_000 + 1_000, // a broadcast timing out as the fault clears, then the longest back-off
      killTailMs: LEASE_MS + 5_000,
      clockTailMs: 5_000,
      endOfRun: Date.now(),
      boardOf: (job) => {
        if (job.subject.startsWith('post:')) return boardBySlug.get(workload.expected.get(job.subject.slice(5))?.board ?? '') ?? null;
        return job.subject.startsWith('container:') ? job.subject.split(':')[1] : null;
      },
      containerBoardOf: (job) => (job.kind === 'mirror.container' ? job.subject.split(':')[1] : null),
    });
    const livenessLines = describeLiveness(liveness);

    // Day boundaries the chain's clock went through, in each zone the crossings aimed at (UTC, Shanghai's).
    const zones = [...new Set(plan.crossings.map((c) => c.utcOffsetHours))];
    const boundaries = Object.fromEntries(zones.map((h) => [`UTC${h >= 0 ? '+' : ''}${h}`, daysCrossed(chainAtStart, chainAtEnd, h)]));
    const figures = {
      name: options.name,
      database: options.database,
      instances: options.instances,
      seconds: plan.seconds,
      actionsPerSecond: plan.actionsPerSecond,
      startedAt: new Date(started).toISOString(),
      loadSeconds: Math.round((loadEndedAt - started) / 1000),
      drainSeconds: Math.round((drainedAt - loadEndedAt) / 1000),
      drainLimitSeconds: Math.round(drainLimit / 1000),
      openJobsAtLoadEnd: atLoadEnd.openJobs,
      actions: workload.counts,
      faultsInjected: faults.injected,
      faultCounters,
      kills: fleet.kills,
      clockJumps: timeline.count('clock'),
      chain: { from: chainAtStart.toISOString(), to: chainAtEnd.toISOString(), dayBoundariesCrossed: boundaries },
      livePosts: outcome.live,
      removedPosts: outcome.removed,
      postsOfTheDay: outcome.containers,
      deadJobs: outcome.dead,
      rewardPeriods: outcome.periods,
      distributedUnits: String(outcome.distributed),
      paidUnitsOnChain: String(outcome.paidUnits),
      leases: outcome.leases.length,
      // Which worker processes claimed jobs (each restart is a new process): both instances at work.
      claimsByWorker: Object.fromEntries(
        [...outcome.leases.reduce((m, l) => m.set(l.leaseOwner.split(':')[0], (m.get(l.leaseOwner.split(':')[0]) ?? 0) + 1), new Map<string, number>())].sort(),
      ),
      lost: outcome.lost,
      doubled: outcome.doubled,
      liveness: livenessLines,
      unexplainedWaits: liveness.unexplained.map((u) => ({ kind: u.job.kind, subject: u.job.subject, seconds: +(u.ms / 1000).toFixed(1), from: new Date(u.longest[0]).toISOString(), during: u.during })),
    };
    const reportDir = path.join(APP_DIR, '.tmp', 'soak');
    fs.mkdirSync(reportDir, { recursive: true });
    fs.writeFileSync(path.join(reportDir, `${options.name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
    console.info(`${options.name}: ${JSON.stringify(figures, null, 1)}`);

    expect(figures.unexplainedWaits).toEqual([]);
    expect(outcome.live).toBeGreaterThan(5);
    expect(outcome.periods).toBeGreaterThan(0);
    expect(outcome.paidUnits).toBeGreaterThan(0n);
    expect(Math.min(...Object.values(faults.injected))).toBeGreaterThan(0);
    expect(fleet.kills.every((n) => n > 0)).toBe(true);
    expect(fleet.kills.reduce((a, b) => a + b, 0)).toBe(plan.kills.length);
    for (const h of zones) expect(daysCrossed(chainAtStart, chainAtEnd, h)).toBeGreaterThanOrEqual(plan.crossings.filter((c) => c.utcOffsetHours === h).length);
    return figures;
  } finally {
    await db?.close();
    await fleet?.stop();
    await devnet?.stop();
    await pgDatabase?.drop();
  }
}
