import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { adminAuth, createAdmin, type TestAdmin } from '../helpers/admins';
import { devnetOf, hiveService, waitFor } from '../helpers/chain';
import { balanceUnits, createRewardBoard, createToken, payoutsOf, rewards } from '../helpers/rewards';

/**
 * An admin's Cancel on a payout job: a job that never signed anything gives
 * its lines back to be paid by another job (they are not stranded); a job
 * whose signed transaction may still land is not cancelled until Hive proves
 * it never will — and when it lands, the member is paid once.
 */
let strapi: Core.Strapi;
let admin: TestAdmin;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_TICK_MS: '200' });
  admin = await createAdmin(strapi);
  await createToken(strapi, 'maple-tokens', 'CNCL', 3, '1000000.000');
});
afterAll(stopStrapi);

/** An unpaid allocation of `amount` base units to a member linked to `account`, as a settled period leaves it. */
async function allocate(board: any, account: string, amount: string) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const username = `cancel-${account}-${Date.now()}`;
  const user = await strapi.db.query('plugin::users-permissions.user').create({ data: { username, email: `${username}@test.quanzi.local`, provider: 'local', confirmed: true, role: role.id } });
  await strapi.db.query('plugin::hive-smt.account-link' as any).create({ data: { userId: user.id, account, verifiedAt: Date.now() } });
  const now = Date.now();
  await strapi.db.query('plugin::hive-smt.reward-allocation' as any).create({
    data: { boardDocumentId: board.documentId, memberId: user.id, role: 'author', amount, symbol: 'CNCL', precision: 3, day: new Date(now).toISOString().slice(0, 10), settledAt: now, payoutId: null },
  });
  return user;
}

const jobOf = async (line: any) => strapi.db.query('plugin::hive-smt.chain-job' as any).findOne({ where: { documentId: line.jobDocumentId } });

it('a cancelled payout job that signed nothing gives its lines back, and they are paid once by another job', async () => {
  const jobs = hiveService(strapi, 'jobs');
  const board = await createRewardBoard(strapi, { symbol: 'CNCL', rewardIntervalSeconds: 3600 });
  await jobs.pauseChainWork();
  let job: any;
  let before: bigint;
  let user: any;
  try {
    user = await allocate(board, 'bob', '1500');
    before = await balanceUnits(strapi, 'bob', 'CNCL', 3);
    await rewards(strapi).schedulePayouts();
    const [line] = await payoutsOf(strapi, { memberId: user.id });
    job = await jobOf(line);
    expect(job).toMatchObject({ state: 'queued', signedTx: null });

    await api().post(`/hive-smt/jobs/${job.documentId}/cancel`).set(adminAuth(admin)).expect(200);
    // Back in the queue and no longer the cancelled job's: unassigned, or already taken by a rewards
    // pass that was under way when the chain work paused (it schedules every 200 ms here) into a new job.
    const [released] = await payoutsOf(strapi, { memberId: user.id });
    expect(released.state).toBe('queued');
    expect(released.jobDocumentId).not.toBe(job.documentId);
  } finally {
    // Also when an expectation failed: the next test needs a worker.
    jobs.resumeChainWork();
  }
  const [paid] = await waitFor(async () => {
    const lines = await payoutsOf(strapi, { memberId: user.id });
    return lines.length === 1 && lines[0].state === 'paid' ? lines : null;
  }, 'the released line paid', 40000, 200);
  expect(paid.jobDocumentId).not.toBe(job.documentId);
  expect((await balanceUnits(strapi, 'bob', 'CNCL', 3)) - before!).toBe(1500n);
});

it('Cancel is refused while the signed payout may still land, and the member is paid once when it does', async () => {
  const devnet = devnetOf(strapi);
  const board = await createRewardBoard(strapi, { symbol: 'CNCL', rewardIntervalSeconds: 3600 });
  const user = await allocate(board, 'dave', '2500');
  const before = await balanceUnits(strapi, 'dave', 'CNCL', 3);
  // No blocks: the payout is accepted into the node's mempool and waits there.
  devnet.faults.set({ haltBlocks: true });
  try {
    await rewards(strapi).schedulePayouts();
    const signed = await waitFor(async () => {
      const [line] = await payoutsOf(strapi, { memberId: user.id });
      const job = line ? await jobOf(line) : null;
      return job?.txId && job.state === 'queued' ? job : null;
    }, 'the payout signed and sent', 20000, 100);

    const refused = await api().post(`/hive-smt/jobs/${signed.documentId}/cancel`).set(adminAuth(admin)).expect(400);
    expect(refused.body.error.message).toMatch(/may still reach Hive/);
    const retried = await rewards(strapi).retryPayouts({});
    expect(retried.payouts).toBe(0);
  } finally {
    devnet.faults.set({ haltBlocks: false });
  }
  await waitFor(async () => {
    const lines = await payoutsOf(strapi, { memberId: user.id });
    return lines.length === 1 && lines[0].state === 'paid';
  }, 'the payout confirmed', 40000, 200);
  expect((await balanceUnits(strapi, 'dave', 'CNCL', 3)) - before).toBe(2500n);
  expect(await payoutsOf(strapi, { memberId: user.id })).toHaveLength(1);
});

it('passes that run at once (the rewards tick, Run payout now) each succeed, and every line and job is made once', async () => {
  const jobs = hiveService(strapi, 'jobs');
  const board = await createRewardBoard(strapi, { symbol: 'CNCL', rewardIntervalSeconds: 3600 });
  await jobs.pauseChainWork();
  try {
    const users = [];
    for (const account of ['race-a', 'race-b', 'race-c', 'race-d']) users.push(await allocate(board, account, '100'));
    // Each pass reads the same unpaid rows before any of them claims them: all but one lose each claim.
    const results = await Promise.all([0, 1, 2, 3].map(() => rewards(strapi).schedulePayouts()));
    expect(results.every((r: any) => typeof r.lines === 'number' && typeof r.jobs === 'number')).toBe(true);
    const lines = await payoutsOf(strapi, { boardDocumentId: board.documentId });
    expect(lines.map((l) => l.memberId).sort()).toEqual(users.map((u) => u.id).sort());
    expect(lines.every((l) => l.jobDocumentId)).toBe(true);
    const allocations = await strapi.db.query('plugin::hive-smt.reward-allocation' as any).findMany({ where: { boardDocumentId: board.documentId } });
    expect(new Set(allocations.map((a: any) => a.payoutId)).size).toBe(4);
    const batches = await strapi.db
      .query('plugin::hive-smt.chain-job' as any)
      .findMany({ where: { kind: 'payout.batch', documentId: { $in: [...new Set(lines.map((l) => l.jobDocumentId))] } } });
    const packedIds = batches.flatMap((j: any) => j.payload.payoutIds);
    expect(packedIds.sort()).toEqual(lines.map((l) => l.id).sort());
  } finally {
    jobs.resumeChainWork();
  }
});
