import { Client as Hive } from '@hiveio/dhive';
import { hivemindContentAt } from '../../helpers/chain';
import { commentsByDocumentId } from '../../helpers/chain-history';
import { devnetBalanceUnits } from '../../helpers/rewards';
import { doubleHolds, LEASE_COLUMNS, leaseFromRow, type LeaseRow } from '../../helpers/lease-history';
import { sumUnits, type SoakDb } from './db';
import type { ExpectedPost, SoakMember } from './workload';

export interface SoakBoard {
  slug: string;
  documentId: string;
  hiveAccount: string;
  symbol: string;
  precision: number;
}

/**
 * A post as Hive frontends read it, or null when hivemind says it is missing or deleted (told by the answer's
 * shape: any other error fails the soak rather than passing for an absent post).
 */
async function readPost(devnetUrl: string, author: string, permlink: string): Promise<any | null> {
  const answer = await hivemindContentAt(devnetUrl, author, permlink);
  return answer.state === 'present' ? answer.post : null;
}

/**
 * The soak's outcome against the chain and the ledger: every live post on
 * chain exactly once with its last edit; every removed post gone or
 * tombstoned; every reward period adding up to its pool, no post settled
 * twice; each linked member holding on chain exactly what the ledger
 * allocated them; no job dead without a reason; no job held by two workers.
 */
export async function checkInvariants(input: { db: SoakDb; devnetUrl: string; chainId: string; expected: Map<string, ExpectedPost>; members: SoakMember[]; boards: SoakBoard[] }) {
  const { db, expected, members, boards } = input;
  const hive = new Hive(input.devnetUrl, { chainId: input.chainId, addressPrefix: 'TST', timeout: 30000 });

  const unexplained = await db.all(`SELECT id, kind, subject FROM hive_smt_chain_jobs WHERE state = 'dead' AND (last_error IS NULL OR last_error = '')`);
  expect(unexplained).toEqual([]);
  const dead = await db.all(`SELECT id, kind, last_error FROM hive_smt_chain_jobs WHERE state = 'dead'`);

  // Each post once, with its last edit; removed posts gone or tombstoned.
  const accounts = [...new Set([...boards.map((b) => b.hiveAccount), ...members.map((m) => m.account).filter((a): a is string => !!a)])];
  const creations = await commentsByDocumentId(hive, accounts);
  const mirrors = new Map((await db.all(`SELECT post_document_id AS id, author, permlink, state FROM hive_smt_mirrors`)).map((m: any) => [m.id, m]));
  let live = 0;
  let removed = 0;
  let lost = 0;
  let doubledPosts = 0;
  const problems: string[] = [];
  for (const [documentId, state] of expected) {
    const mirror: any = mirrors.get(documentId);
    const copies = creations.get(documentId)?.length ?? 0;
    if (!state.removed) {
      if (copies !== 1) problems.push(`${documentId}: ${copies} copies on chain`);
      if (copies === 0) lost++;
      if (copies > 1) doubledPosts++;
      if (mirror?.state !== 'confirmed') problems.push(`${documentId}: mirror ${mirror?.state ?? 'missing'}`);
      const onChain = mirror ? await readPost(input.devnetUrl, mirror.author, mirror.permlink) : null;
      if (!onChain?.body?.includes(state.body)) problems.push(`${documentId}: chain body is not the last edit`);
      live++;
    } else if (!mirror || !mirror.author) {
      // Removed before it ever reached Hive: nothing may be there.
      if (copies !== 0) problems.push(`${documentId}: removed before mirroring, yet ${copies} on chain`);
      removed++;
    } else {
      if (copies > 1) {
        problems.push(`${documentId}: removed, ${copies} copies on chain`);
        doubledPosts++;
      }
      if (mirror.state !== 'removed') problems.push(`${documentId}: removed in Quanzi, mirror ${mirror.state}`);
      const onChain = await readPost(input.devnetUrl, mirror.author, mirror.permlink);
      if (onChain && !/removed/i.test(onChain.body)) problems.push(`${documentId}: removed in Quanzi, still on chain`);
      removed++;
    }
  }
  expect(problems).toEqual([]);

  // Rewards: each period adds up to its pool, no post is settled twice, each linked member holds on chain
  // exactly the tokens the ledger allocated them — every allocation paid, none twice.
  const periods = await db.all(`SELECT id, carry_in, emission, pool, distributed, carry_over FROM hive_smt_reward_periods`);
  const allocations = await db.all(`SELECT period_id, post_document_id, role, member_id, symbol, amount FROM hive_smt_reward_allocations`);
  for (const period of periods) {
    const total = sumUnits(allocations.filter((a: any) => Number(a.period_id) === Number(period.id)));
    expect({ period: period.id, distributed: total }).toEqual({ period: period.id, distributed: BigInt(period.distributed) });
    expect(BigInt(period.carry_in) + BigInt(period.emission)).toBe(BigInt(period.pool));
    expect(BigInt(period.distributed) + BigInt(period.carry_over)).toBe(BigInt(period.pool));
  }
  const settlements = new Map<string, number>();
  for (const a of allocations) settlements.set(`${a.post_document_id}|${a.role}|${a.member_id}`, (settlements.get(`${a.post_document_id}|${a.role}|${a.member_id}`) ?? 0) + 1);
  const doubleSettled = [...settlements].filter(([, n]) => n > 1);
  expect(doubleSettled).toEqual([]);
  const payouts = await db.all(`SELECT member_id, symbol, amount FROM hive_smt_payouts WHERE state = 'paid'`);
  let paidUnits = 0n;
  for (const member of members.filter((m) => m.account)) {
    for (const b of boards) {
      const units = sumUnits(allocations.filter((a: any) => Number(a.member_id) === member.id && a.symbol === b.symbol));
      const paid = sumUnits(payouts.filter((p: any) => Number(p.member_id) === member.id && p.symbol === b.symbol));
      const onChain = await devnetBalanceUnits(input.devnetUrl, member.account!, b.symbol, b.precision);
      expect({ account: member.account, symbol: b.symbol, onChain }).toEqual({ account: member.account, symbol: b.symbol, onChain: units });
      expect(paid).toBe(units);
      paidUnits += onChain;
    }
  }

  // No job held by two workers at once, by the database's own lease records.
  const leases: LeaseRow[] = (await db.all(`SELECT ${LEASE_COLUMNS} FROM hive_smt_job_leases`)).map(leaseFromRow);
  const doubled = doubleHolds(leases);
  expect(doubled).toEqual([]);

  const distributed = periods.reduce((sum: bigint, p: any) => sum + BigInt(p.distributed), 0n);
  const containers = [...creations.keys()].filter((id) => id.startsWith('container:')).length;
  return {
    live,
    removed,
    dead: dead.length,
    periods: periods.length,
    distributed,
    paidUnits,
    leases,
    containers,
    /** Posts missing on chain (every other loss fails an assertion above first). */
    lost,
    /** Posts on chain twice, posts settled twice, jobs held twice. */
    doubled: doubledPosts + doubleSettled.length + doubled.length,
  };
}
