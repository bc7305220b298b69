import type { Core } from '@strapi/strapi';
import { PERMISSION_UID, ROLE_UID, q } from '../core/db';
import { MEMBER_REWARD_ACTIONS } from '../routes/rewards';

/** The users-permissions roles whose members like, link accounts and read their rewards. */
const MEMBER_ROLE_TYPES = ['authenticated', 'editor'];

/** Grants the member routes to the Authenticated role (and the app's Editor role, when it has one). */
export async function grantMemberRoutes(strapi: Core.Strapi): Promise<void> {
  for (const type of MEMBER_ROLE_TYPES) {
    const role = await q<{ id: number }>(strapi, ROLE_UID).findOne({ where: { type } });
    if (!role) continue;
    const have = new Set(
      (await q<{ action: string }>(strapi, PERMISSION_UID).findMany({ where: { role: role.id, action: { $in: MEMBER_REWARD_ACTIONS } } })).map((p) => p.action),
    );
    for (const action of MEMBER_REWARD_ACTIONS) {
      if (!have.has(action)) await q(strapi, PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
}
