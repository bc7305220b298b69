import type { Core } from '@strapi/strapi';
import { USER_UID, q } from '../core/db';
import { PluginError } from '../core/errors';
import type { MemberRow } from '../host/rows';
import type { DocumentHook } from '../core/document-hooks';

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
  return new Map(
    Object.values(all)
      .filter((m) => isActive(m, now))
      .map((m) => [m.userId, m]),
  );
}

/** The author of a create call, however the caller wrote the relation (id, documentId, { connect }). */
async function authorIdOf(strapi: Core.Strapi, author: unknown): Promise<number | null> {
  type Ref = { documentId?: unknown; id?: unknown; connect?: unknown; set?: unknown };
  let ref: unknown = author;
  if (ref && typeof ref === 'object') {
    const relation = ref as Ref;
    const first = (Array.isArray(relation.connect) ? relation.connect[0] : Array.isArray(relation.set) ? relation.set[0] : relation) as Ref | undefined;
    ref = first?.documentId ?? first?.id ?? first;
  }
  if (typeof ref === 'number') return ref;
  if (typeof ref === 'string' && ref !== '') {
    if (/^\d+$/.test(ref)) return Number(ref);
    const user = await q<MemberRow>(strapi, USER_UID).findOne({ where: { documentId: ref }, select: ['id'] });
    return user ? Number(user.id) : null;
  }
  return null;
}

export function mutedError(mute: Mute) {
  const until = mute.until ? ` until ${mute.until.slice(0, 10)}` : '';
  return new PluginError(403, `An editor has muted you${until}: you cannot post, comment, edit or like for now.`, { mutedUntil: mute.until });
}

/** Throws the muted member's 403 when this users-permissions user is muted right now. */
export async function assertNotMuted(strapi: Core.Strapi, userId: number | null | undefined): Promise<void> {
  if (userId === null || userId === undefined) return;
  const mute = (await readMutes(strapi))[String(userId)];
  if (isActive(mute)) throw mutedError(mute!);
}

/** The member behind the current content-API request (users-permissions), if any: admins editing in the panel are not members. */
function requestingMemberId(strapi: Core.Strapi): number | null {
  const ctx = strapi.requestContext.get() as { state?: { auth?: { strategy?: { name?: string } }; user?: { id?: unknown } } } | undefined;
  return ctx?.state?.auth?.strategy?.name === 'users-permissions' && ctx.state.user?.id !== undefined ? Number(ctx.state.user.id) : null;
}

/**
 * Refuses a muted member's new posts and comments, from REST, the Content
 * Manager or code alike, and their edits over REST (an admin editing in the
 * panel is not refused; deleting one's own post stays possible).
 */
export function muteCheckHook(strapi: Core.Strapi): DocumentHook {
  return {
    name: 'refuse muted members',
    async run(call, next) {
      if (call.action === 'create') {
        const author = call.params.data?.author;
        if (author !== undefined && author !== null) await assertNotMuted(strapi, await authorIdOf(strapi, author));
      } else if (call.action === 'update' || call.action === 'publish') {
        await assertNotMuted(strapi, requestingMemberId(strapi));
      }
      return next();
    },
  };
}
