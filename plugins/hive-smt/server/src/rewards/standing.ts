import type { Core } from '@strapi/strapi';
import { UID, USER_UID, ms, q } from '../core/db';
import type { MemberRow } from '../host/rows';
import type { ApprovalRow } from './rows';
import type { MemberStanding } from './trust';

/** What the trust rule needs to know of these members, in two queries. */
export async function loadStandings(strapi: Core.Strapi, memberIds: Array<number | null | undefined>): Promise<Map<number, MemberStanding>> {
  const ids = [...new Set(memberIds.filter((id): id is number => Number.isInteger(id)))];
  const out = new Map<number, MemberStanding>();
  if (ids.length === 0) return out;
  const [users, approvals] = await Promise.all([
    q<MemberRow>(strapi, USER_UID).findMany({ where: { id: { $in: ids } }, select: ['id', 'createdAt', 'confirmed', 'provider'] }),
    q<ApprovalRow>(strapi, UID.approval).findMany({ where: { memberId: { $in: ids } }, select: ['memberId'] }),
  ]);
  const approved = new Set(approvals.map((a) => Number(a.memberId)));
  for (const user of users) {
    out.set(Number(user.id), {
      createdAt: ms(user.createdAt),
      confirmed: user.confirmed === true,
      provider: user.provider ?? null,
      approved: approved.has(Number(user.id)),
    });
  }
  return out;
}
