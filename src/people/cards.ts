import type { Core } from '@strapi/strapi';

const USER = 'plugin::users-permissions.user';
const ACCOUNT_LINK = 'plugin::hive-smt.account-link';

/** How a member appears beside what they wrote: never their email, openid or username unless they chose no name. */
export interface MemberCard {
  displayName: string;
  avatarUrl: string | null;
  hiveAccount: string | null;
}

/** The picture's small rendition when the upload plugin made one: avatars are shown small. */
export function pictureUrl(file: { url?: string | null; formats?: Record<string, { url?: string }> | null } | null | undefined, prefer: 'thumbnail' | 'small' | 'original' = 'thumbnail'): string | null {
  if (!file?.url) return null;
  if (prefer !== 'original') {
    const format = file.formats?.[prefer]?.url;
    if (format) return format;
  }
  return file.url;
}

export function displayNameOf(user: { displayName?: string | null; username?: string | null }): string {
  const name = (user.displayName ?? '').trim();
  return name || String(user.username ?? '');
}

/** The linked Hive account per member id, when the hive-smt plugin is installed. */
export async function hiveAccountsOf(strapi: Core.Strapi, userIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (userIds.length === 0 || !strapi.getModel(ACCOUNT_LINK as any)) return out;
  const rows: any[] = await strapi.db.query(ACCOUNT_LINK as any).findMany({ where: { userId: { $in: userIds } }, select: ['userId', 'account'] });
  for (const row of rows) out.set(Number(row.userId), row.account);
  return out;
}

/** Cards for members by users-permissions id (missing ids are left out: an account that is gone). */
export async function memberCards(strapi: Core.Strapi, userIds: number[]): Promise<Map<number, MemberCard>> {
  const ids = [...new Set(userIds.filter((id) => Number.isInteger(id)))];
  const out = new Map<number, MemberCard>();
  if (ids.length === 0) return out;
  const [users, accounts] = await Promise.all([
    strapi.db.query(USER).findMany({ where: { id: { $in: ids } }, select: ['id', 'username', 'displayName'], populate: { avatar: { select: ['url', 'formats'] } } }) as Promise<any[]>,
    hiveAccountsOf(strapi, ids),
  ]);
  for (const user of users) {
    out.set(user.id, { displayName: displayNameOf(user), avatarUrl: pictureUrl(user.avatar), hiveAccount: accounts.get(user.id) ?? null });
  }
  return out;
}
