import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Muted members: an editor's decision that a member may not post or comment
 * for a while (or until unmuted). Kept in the plugin's store — a community has
 * few of them — and checked on every new post and comment, whichever route
 * writes it.
 */
export interface Mute {
  userId: number;
  until: string | null;
  reason: string | null;
  mutedAt: string;
  mutedBy: string | null;
}

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'hive-smt', key: 'muted-members' });

export async function readMutes(strapi: Core.Strapi): Promise<Record<string, Mute>> {
  return ((await store(strapi).get({})) as Record<string, Mute> | null) ?? {};
}

export async function writeMutes(strapi: Core.Strapi, mutes: Record<string, Mute>) {
  await store(strapi).set({ value: mutes });
}

export const isActive = (mute: Mute | undefined, now = Date.now()) => !!mute && (!mute.until || Date.parse(mute.until) > now);

/** The members muted right now, by users-permissions user id. */
export async function activeMutes(strapi: Core.Strapi, now = Date.now()): Promise<Map<number, Mute>> {
  const all = await readMutes(strapi);
  return new Map(Object.values(all).filter((m) => isActive(m, now)).map((m) => [m.userId, m]));
}

/** The author of a create call, however the caller wrote the relation (id, documentId, { connect }). */
async function authorIdOf(strapi: Core.Strapi, author: unknown): Promise<number | null> {
  let ref: any = author;
  if (ref && typeof ref === 'object') {
    const connect = Array.isArray(ref.connect) ? ref.connect[0] : Array.isArray(ref.set) ? ref.set[0] : ref;
    ref = connect?.documentId ?? connect?.id ?? connect;
  }
  if (typeof ref === 'number') return ref;
  if (typeof ref === 'string' && ref !== '') {
    if (/^\d+$/.test(ref)) return Number(ref);
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { documentId: ref }, select: ['id'] });
    return user ? Number(user.id) : null;
  }
  return null;
}

export function mutedError(mute: Mute) {
  const until = mute.until ? ` until ${mute.until.slice(0, 10)}` : '';
  // A PolicyError is the 403 whose message Strapi passes through to the member.
  const error = new errors.PolicyError(`An editor has muted you${until}: you cannot post, comment, edit or like for now.`, { mutedUntil: mute.until });
  (error as { name: string }).name = 'ForbiddenError';
  return error;
}

/** Throws the muted member's 403 when this users-permissions user is muted right now. */
export async function assertNotMuted(strapi: Core.Strapi, userId: number | null | undefined): Promise<void> {
  if (userId === null || userId === undefined) return;
  const mute = (await readMutes(strapi))[String(userId)];
  if (isActive(mute)) throw mutedError(mute!);
}

/** The member behind the current content-API request (users-permissions), if any: admins editing in the panel are not members. */
function requestingMemberId(strapi: Core.Strapi): number | null {
  const ctx: any = strapi.requestContext.get();
  return ctx?.state?.auth?.strategy?.name === 'users-permissions' && ctx.state.user?.id !== undefined ? Number(ctx.state.user.id) : null;
}

const WRITTEN_BY_MEMBERS = new Set(['api::post.post', 'api::comment.comment']);

/**
 * Refuses a muted member's new posts and comments, from REST, the Content
 * Manager or code alike, and their edits over REST (an admin editing in the
 * panel is not refused; deleting one's own post stays possible).
 */
export function registerMuteCheck(strapi: Core.Strapi) {
  strapi.documents.use(async (ctx, next) => {
    if (!WRITTEN_BY_MEMBERS.has(ctx.uid)) return next();
    if (ctx.action === 'create') {
      const author = (ctx.params as any)?.data?.author;
      if (author !== undefined && author !== null) await assertNotMuted(strapi, await authorIdOf(strapi, author));
    } else if (ctx.action === 'update' || ctx.action === 'publish') {
      await assertNotMuted(strapi, requestingMemberId(strapi));
    }
    return next();
  });
}
