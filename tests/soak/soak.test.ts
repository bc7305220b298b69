import fs from 'fs';
import os from 'os';
import path from 'path';
import Database from 'better-sqlite3';
import { Client as Hive, PrivateKey, cryptoUtils } from '@hiveio/dhive';
import { appEnvForDevnet, startAppProcess, startDevnetProcess, type AppProc, type DevnetProc } from '../helpers/processes';
import { adminCreateBoard, call, registerFirstAdmin, registerMember } from '../helpers/rest-client';
import { hivemindContentAt, waitFor } from '../helpers/chain';
import { devnetBalanceUnits } from '../helpers/rewards';

// DEVNET ONLY: well-known keys, passed to the app the way real keys are.
const { devnetKey } = require('../../plugins/hive-smt/dist/devnet/src/accounts');
const { keyEnvName } = require('../../plugins/hive-smt/dist/server/src/chain/keys');

/**
 * Soak: members post, edit, comment, like, unlike and remove posts on three
 * boards with their own tokens while the devnet refuses connections, answers
 * 5xx, drops replies after accepting broadcasts and halts blocks, and the app
 * is killed and restarted. Afterwards, against the chain: every published post
 * exactly once with its last edit, every removed post gone or tombstoned, every
 * reward period adding up to its pool, every linked member holding on chain
 * exactly what the ledger allocated them (paid once), and no job left waiting
 * without a visible reason.
 * Bounded: SOAK_SECONDS of load (default 45), loopback only.
 * SOAK_APP_NODE_OPTIONS is handed to the app process as NODE_OPTIONS (e.g. `--require` a profiler).
 */
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 45);
const rng = (() => {
  let seed = Number(process.env.SOAK_SEED ?? 20261126);
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();
const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)];

/** The three demo boards, each with its devnet token and issuer (genesis.json). */
const BOARDS = [
  { hiveAccount: 'maple-school', symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens' },
  { hiveAccount: 'riverside-photo', symbol: 'SNAP', precision: 3, issuer: 'photo-tokens' },
  { hiveAccount: 'oakhill-hood', symbol: 'OAK', precision: 2, issuer: 'oakhill-tokens' },
];
/** Members 0–3 link these devnet accounts (alice and carol granted the app posting authority, so they post as themselves). */
const LINKED = ['alice', 'bob', 'carol', 'dave'];

/** An account's whole history, paged backwards as hived allows (at most 1000 entries a call). */
async function fullHistory(hive: Hive, account: string): Promise<any[]> {
  const entries: any[] = [];
  let start = -1;
  for (;;) {
    const page: any[] = await hive.call('condenser_api', 'get_account_history', [account, start, start === -1 ? 1000 : Math.min(1000, start)]);
    entries.unshift(...page);
    const first = page[0]?.[0];
    if (!page.length || first === 0 || first === undefined) return entries;
    start = first - 1;
  }
}

describe('soak with faults and restarts', () => {
  let devnet: DevnetProc;
  let app: AppProc;
  let env: Record<string, string>;
  let dbFile: string;
  const faultsInjected: Record<string, number> = { refuse: 0, http5xx: 0, dropReply: 0, halt: 0, kill: 0 };

  const setFaults = (faults: Record<string, unknown>) =>
    fetch(devnet.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'debug_node_api.debug_set_faults', params: faults }) }).then((r) => r.json());

  beforeAll(async () => {
    devnet = await startDevnetProcess();
    dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-soak-')), 'soak.db');
    env = {
      DATABASE_FILENAME: dbFile,
      HIVE_BROADCAST_TIMEOUT_MS: '3000',
      // Production-like pacing of the periodic passes (the test defaults run them every second,
      // which on two cores starves the worker's own chain calls into timeouts).
      HIVE_IMPORT_REPLIES_MS: '15000',
      REWARDS_TICK_MS: '2000',
      REWARDS_CASHOUT_SECONDS: '10',
      HIVE_WORKER_BACKOFF_MS: '100',
      HIVE_WORKER_BACKOFF_MAX_MS: '1000',
      HIVE_WORKER_MAX_ATTEMPTS: '1000',
      HIVE_TX_EXPIRE_SECONDS: '60',
      HIVE_RECONCILE_MS: '5000',
      RATE_LIMIT_WRITES_PER_MEMBER: '100000',
      RATE_LIMIT_WRITES_PER_IP: '100000',
      ...(process.env.SOAK_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_APP_NODE_OPTIONS } : {}),
      ...appEnvForDevnet(devnet, {
        HIVE_APP_POSTING_KEY: devnetKey('quanzi', 'posting'),
        ...Object.fromEntries(BOARDS.map((b) => [keyEnvName(b.issuer, 'active'), devnetKey(b.issuer, 'active')])),
      }),
    };
    app = await startAppProcess(env);
  }, 180000);

  afterAll(async () => {
    await app?.stop();
    await devnet?.stop();
  }, 60000);

  it('loses nothing and doubles nothing', async () => {
    const token = await registerFirstAdmin(app.url);
    const boards: string[] = [];
    for (const [i, b] of BOARDS.entries()) {
      const board = await adminCreateBoard(app.url, token, {
        name: `Soak ${i}`,
        slug: `soak-${i}`,
        kind: 'interest',
        hiveAccount: b.hiveAccount,
        moderationMode: 'direct',
        postingRate: 'container',
        active: true,
        economics: { enabled: true, symbol: b.symbol, precision: b.precision, issuer: b.issuer, mode: 'issue', rewardPerInterval: '10', rewardIntervalSeconds: 1, curationRewardPercentage: 50, minAccountAgeDays: 0 },
      });
      boards.push(board.slug);
    }
    const members: Array<{ id: number; jwt: string; account?: string }> = [];
    for (let i = 0; i < 6; i++) members.push(await registerMember(app.url, `soaker${i}`));
    // Linked the way a frontend does it: a challenge, signed Keychain-style with the account's posting key.
    for (const [i, account] of LINKED.entries()) {
      const challenge = await call(app.url, 'POST', '/api/me/hive-account/challenge', {}, members[i].jwt);
      const signature = PrivateKey.fromString(devnetKey(account, 'posting')).sign(cryptoUtils.sha256(challenge.body.data.challenge)).toString();
      expect((await call(app.url, 'POST', '/api/me/hive-account', { account, signature }, members[i].jwt)).status).toBe(200);
      members[i].account = account;
    }
    const liked = new Set<string>();
    let likes = 0;
    let unlikes = 0;

    // What Quanzi should end with: each post's latest body, or removed.
    const expected = new Map<string, { body: string; removed: boolean; owner: number }>();
    const started = Date.now();
    let restartedAt = 0;
    let actions = 0;
    let refusedByApp = 0;
    const faultPlan = [
      () => (faultsInjected.refuse++, setFaults({ refuseConnections: true })),
      () => (faultsInjected.http5xx++, setFaults({ http5xxRate: 0.5 })),
      () => (faultsInjected.dropReply++, setFaults({ dropReplyAfterAccept: 2 })),
      () => (faultsInjected.halt++, setFaults({ haltBlocks: true })),
    ];
    // Every kind of fault in turn, each cleared before the next.
    let faultsStarted = 0;
    let nextFaultAt = Date.now() + 2000;
    let faultActive = false;

    while (Date.now() - started < SOAK_SECONDS * 1000) {
      if (Date.now() > nextFaultAt) {
        if (faultActive) await setFaults({ clear: true });
        else await faultPlan[faultsStarted++ % faultPlan.length]();
        faultActive = !faultActive;
        nextFaultAt = Date.now() + 1000 + rng() * 2500;
      }
      // Kill the app (as a crash would) once, in the middle, and bring it back on the same database.
      if (!restartedAt && Date.now() - started > (SOAK_SECONDS * 1000) / 2) {
        await app.stop('SIGKILL');
        faultsInjected.kill++;
        app = await startAppProcess(env);
        restartedAt = Date.now();
      }
      const who = pick(members);
      const mine = [...expected.entries()].filter(([, p]) => p.owner === who.id && !p.removed);
      const roll = rng();
      try {
        const others = [...expected.entries()].filter(([, p]) => p.owner !== who.id && !p.removed);
        if (roll < 0.35 || mine.length === 0) {
          const body = `soak body ${actions} ${rng().toString(36).slice(2)}`;
          const res = await call(app.url, 'POST', '/api/posts', { data: { title: `Soak post ${actions}`, body, board: pick(boards) } }, who.jwt);
          if (res.status === 200) expected.set(res.body.data.documentId, { body, removed: false, owner: who.id });
          else refusedByApp++;
        } else if (roll < 0.55) {
          const [documentId, state] = pick(mine);
          const body = `edited ${actions} ${rng().toString(36).slice(2)}`;
          const res = await call(app.url, 'PUT', `/api/posts/${documentId}`, { data: { body } }, who.jwt);
          if (res.status === 200) state.body = body;
          else refusedByApp++;
        } else if (roll < 0.65) {
          const [documentId] = pick(mine);
          await call(app.url, 'POST', '/api/comments', { data: { post: documentId, body: `comment ${actions}` } }, who.jwt);
        } else if (roll < 0.9 && others.length > 0) {
          // Likes earn the post's author and the early likers tokens; an unlike now and then takes one back.
          const [documentId] = pick(others);
          const key = `${who.id}:${documentId}`;
          const unlike = liked.has(key);
          const res = await call(app.url, unlike ? 'DELETE' : 'POST', `/api/posts/${documentId}/like`, unlike ? undefined : {}, who.jwt);
          if (res.status === 200) {
            if (unlike) {
              liked.delete(key);
              unlikes++;
            } else {
              liked.add(key);
              likes++;
            }
          } else refusedByApp++;
        } else {
          const [documentId, state] = pick(mine);
          const res = await call(app.url, 'DELETE', `/api/posts/${documentId}`, undefined, who.jwt);
          if (res.status === 204) state.removed = true;
          else refusedByApp++;
        }
      } catch {
        refusedByApp++;
      }
      actions++;
    }
    await setFaults({ clear: true });
    const faultCounters = (await (await fetch(devnet.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'debug_node_api.debug_get_faults', params: {} }) })).json()).result.counters;

    // The queue drains once the chain behaves: every job done, or dead with a reason an admin can read.
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      try {
        // ...and the rewards run their course: every post's window closes (REWARDS_CASHOUT_SECONDS), its period
        // settles, and every linked member's allocations go out in payouts that the chain confirmed.
        const linkedIds = members.filter((m) => m.account).map((m) => m.id);
        await waitFor(async () => {
          const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
          const open = count(`SELECT count(*) AS n FROM hive_smt_chain_jobs WHERE state IN ('queued', 'leased')`);
          const unsettled = count(`SELECT count(*) AS n FROM hive_smt_reward_posts WHERE settled_at IS NULL`);
          const unpaid = count(`SELECT count(*) AS n FROM hive_smt_reward_allocations WHERE payout_id IS NULL AND member_id IN (${linkedIds.join(',')})`);
          const payoutsOpen = count(`SELECT count(*) AS n FROM hive_smt_payouts WHERE state <> 'paid'`);
          return open === 0 && unsettled === 0 && unpaid === 0 && payoutsOpen === 0;
        }, 'the outbox to drain, every post to settle and every linked member to be paid', 240000, 500);
      } catch (error) {
        const open = [
          ...db.prepare(`SELECT id, kind, subject, lane, state, attempts, run_at, not_before, lease_owner, lease_until, last_error, tx_id FROM hive_smt_chain_jobs WHERE state IN ('queued', 'leased')`).all(),
          ...db.prepare(`SELECT 'payout' AS kind, id, account, symbol, amount, state, error FROM hive_smt_payouts WHERE state <> 'paid'`).all(),
          db.prepare(`SELECT 'unsettled reward posts' AS kind, count(*) AS n, min(cashout_at) AS first_cashout FROM hive_smt_reward_posts WHERE settled_at IS NULL`).get(),
        ];
        const t0 = Date.now();
        const appAlive = await call(app.url, 'GET', '/api/boards').then((r) => `${r.status} in ${Date.now() - t0} ms`, (e) => String(e));
        const t1 = Date.now();
        const chainAlive = await fetch(devnet.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_dynamic_global_properties', params: [] }) })
          .then((r) => r.json())
          .then((j: any) => `head ${j.result?.head_block_number} time ${j.result?.time} in ${Date.now() - t1} ms`, (e) => String(e));
        console.error(`app: ${appAlive}; devnet: ${chainAlive}; now ${new Date().toISOString()}\njobs still open: ${JSON.stringify(open, null, 1).slice(0, 3000)}\napp output:\n${app.output.filter((l) => !/importing Hive replies/.test(l)).slice(-40).join('\n')}`);
        throw error;
      }
      const unexplained = db.prepare(`SELECT count(*) AS n FROM hive_smt_chain_jobs WHERE state = 'dead' AND (last_error IS NULL OR last_error = '')`).get() as { n: number };
      expect(unexplained.n).toBe(0);
      const dead = db.prepare(`SELECT count(*) AS n FROM hive_smt_chain_jobs WHERE state = 'dead'`).get() as { n: number };

      // Against the chain: each post once, with its last edit; removed posts gone or tombstoned.
      const hive = new Hive(devnet.url, { chainId: devnet.chainId, addressPrefix: 'TST' });
      const hivemindPost = async (author: string, permlink: string) => {
        const answer = await hivemindContentAt(devnet.url, author, permlink);
        return answer.state === 'present' ? answer.post : null;
      };
      const creations = new Map<string, number>();
      // A reply shows in its author's history and in its parent author's: count each author/permlink once.
      const seen = new Set<string>();
      for (const account of [...BOARDS.map((b) => b.hiveAccount), ...LINKED]) {
        const history = await fullHistory(hive, account);
        for (const [, entry] of history) {
          if (entry.op[0] !== 'comment') continue;
          const id = JSON.parse(entry.op[1].json_metadata || '{}')?.quanzi?.documentId;
          const comment = `${entry.op[1].author}/${entry.op[1].permlink}`;
          if (!id || seen.has(comment)) continue;
          seen.add(comment);
          creations.set(id, (creations.get(id) ?? 0) + 1);
        }
      }
      const mirrors = new Map((db.prepare(`SELECT post_document_id AS id, author, permlink, state FROM hive_smt_mirrors`).all() as any[]).map((m) => [m.id, m]));
      let checkedLive = 0;
      let checkedRemoved = 0;
      for (const [documentId, state] of expected) {
        const mirror = mirrors.get(documentId);
        if (!state.removed) {
          expect(creations.get(documentId)).toBe(1);
          expect(mirror?.state).toBe('confirmed');
          const onChain = await hivemindPost(mirror.author, mirror.permlink);
          expect(onChain?.body).toContain(state.body);
          checkedLive++;
        } else if (mirror && !mirror.author) {
          // Removed before it ever reached Hive: nothing may be there.
          expect(creations.get(documentId) ?? 0).toBe(0);
          checkedRemoved++;
        } else if (mirror) {
          expect(creations.get(documentId) ?? 0).toBeLessThanOrEqual(1);
          expect(mirror.state).toBe('removed');
          const onChain = await hivemindPost(mirror.author, mirror.permlink);
          expect(onChain === null || /removed/i.test(onChain.body)).toBe(true);
          checkedRemoved++;
        }
      }

      // Rewards: each period adds up to its pool, no post is settled twice, and each linked member holds on chain
      // exactly the tokens the ledger allocated them — every allocation paid, none paid twice.
      const periods = db.prepare(`SELECT id, carry_in, emission, pool, distributed, carry_over FROM hive_smt_reward_periods`).all() as any[];
      for (const period of periods) {
        const { total } = db.prepare(`SELECT coalesce(sum(CAST(amount AS INTEGER)), 0) AS total FROM hive_smt_reward_allocations WHERE period_id = ?`).get(period.id) as { total: number };
        expect(BigInt(total)).toBe(BigInt(period.distributed));
        expect(BigInt(period.carry_in) + BigInt(period.emission)).toBe(BigInt(period.pool));
        expect(BigInt(period.distributed) + BigInt(period.carry_over)).toBe(BigInt(period.pool));
      }
      const doubleSettled = db.prepare(`SELECT post_document_id, role, member_id, count(*) AS n FROM hive_smt_reward_allocations GROUP BY 1, 2, 3 HAVING count(*) > 1`).all();
      expect(doubleSettled).toEqual([]);
      let paidUnits = 0n;
      for (const member of members.filter((m) => m.account)) {
        for (const b of BOARDS) {
          const { units } = db.prepare(`SELECT coalesce(sum(CAST(amount AS INTEGER)), 0) AS units FROM hive_smt_reward_allocations WHERE member_id = ? AND symbol = ?`).get(member.id, b.symbol) as { units: number };
          const { paid } = db.prepare(`SELECT coalesce(sum(CAST(amount AS INTEGER)), 0) AS paid FROM hive_smt_payouts WHERE member_id = ? AND symbol = ? AND state = 'paid'`).get(member.id, b.symbol) as { paid: number };
          const onChain = await devnetBalanceUnits(devnet.url, member.account!, b.symbol, b.precision);
          expect({ account: member.account, symbol: b.symbol, onChain }).toEqual({ account: member.account, symbol: b.symbol, onChain: BigInt(units) });
          expect(BigInt(paid)).toBe(BigInt(units));
          paidUnits += onChain;
        }
      }
      const distributed = periods.reduce((sum, p) => sum + BigInt(p.distributed), 0n);
      console.info(
        `soak: ${actions} member actions in ${SOAK_SECONDS}s (${refusedByApp} refused by the app under fault), ` +
          `${checkedLive} live posts each once with their last edit, ${checkedRemoved} removed posts gone, ${dead.n} dead jobs (all with a reason); ` +
          `${likes} likes and ${unlikes} unlikes, ${periods.length} reward periods adding up to their pools (${distributed} base units distributed), ` +
          `${paidUnits} base units on chain for linked members, each allocation paid exactly once; ` +
          `faults injected: ${JSON.stringify(faultsInjected)}, devnet counters: ${JSON.stringify(faultCounters)}`,
      );
      expect(checkedLive).toBeGreaterThan(5);
      expect(periods.length).toBeGreaterThan(0);
      expect(paidUnits).toBeGreaterThan(0n);
      expect(faultsInjected).toEqual({ refuse: expect.any(Number), http5xx: expect.any(Number), dropReply: expect.any(Number), halt: expect.any(Number), kill: 1 });
      expect(Math.min(faultsInjected.refuse, faultsInjected.http5xx, faultsInjected.dropReply, faultsInjected.halt)).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 420000);
});
