/**
 * The moderation log's entries for what admins do in Strapi's Content Manager:
 * editing, publishing, unpublishing or deleting a post, editing or deleting a
 * comment. The plugin's Hive pages and the app's editor routes log their own
 * actions (with their own names: post.feature, comment.hide, …); a Content
 * Manager request goes straight to the Document Service, so this hook is the
 * only place that sees it. A post or comment created in the panel is logged
 * with the logged fields it was created with (an admin writing content under
 * a member's name is an action like any other). An edit is logged when one of LOGGED_FIELDS
 * changed. The entry is written in the same transaction as the write: a
 * refused or failed edit leaves no entry.
 */
import type { Core } from '@strapi/strapi';
import type { DocumentHook } from '../core/document-hooks';
import type { HostModel, HostRole } from '../host/model';
import type { Actor, ModerationLog } from './log';

/** Where the Content Manager's admin routes live (the admin API's prefix, not a setting). */
const CONTENT_MANAGER_PATH = '/content-manager/';

/** The fields an entry shows before → after, per type: what a reader of the log needs to see what changed. */
export const LOGGED_FIELDS: Record<'post' | 'comment', readonly string[]> = {
  post: ['title', 'body', 'excerpt', 'tags', 'featured', 'featuredRank', 'featuredUntil', 'keepOffHive'],
  comment: ['body', 'hidden'],
};

/** Long text is cut in the log: it says what changed, it is not a second copy of the content. */
export const LOGGED_TEXT_LIMIT = 200;

const LOGGED_ACTIONS: Record<string, string> = { create: 'create', update: 'edit', publish: 'publish', unpublish: 'unpublish', delete: 'delete' };

type Fields = Record<string, unknown>;

export function logValue(value: unknown): unknown {
  if (typeof value === 'string' && value.length > LOGGED_TEXT_LIMIT) return `${value.slice(0, LOGGED_TEXT_LIMIT)}…`;
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/** The fields whose value differs between two snapshots, each side cut to what the log keeps. */
export function changedFields(before: Fields | null, after: Fields | null, names: readonly string[]): { before: Fields; after: Fields } {
  const was: Fields = {};
  const now: Fields = {};
  for (const name of names) {
    // Compared whole (an edit past the cut is still an edit), shown cut.
    const a = before?.[name] ?? null;
    const b = after?.[name] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      was[name] = logValue(a);
      now[name] = logValue(b);
    }
  }
  return { before: was, after: now };
}

interface AdminRequest {
  request?: { path?: string };
  state?: { auth?: { strategy?: { name?: string } }; user?: { id?: number; firstname?: string | null; lastname?: string | null; email?: string | null } };
}

/** The admin acting, when this write comes from a Content Manager request; null for REST, the plugin's pages and code. */
function contentManagerActor(strapi: Core.Strapi): Actor | null {
  const ctx = strapi.requestContext.get() as AdminRequest | undefined;
  if (!ctx?.request?.path?.startsWith(CONTENT_MANAGER_PATH) || ctx.state?.auth?.strategy?.name !== 'admin') return null;
  const user = ctx.state.user;
  const name = user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null : null;
  return { kind: 'admin', id: user?.id ?? null, name };
}

interface Snapshot {
  fields: Fields | null;
  published: boolean;
  board: string | null;
}

export function contentManagerLogHook(strapi: Core.Strapi, types: HostModel, log: () => ModerationLog, role: 'post' | 'comment'): DocumentHook {
  const names = LOGGED_FIELDS[role].filter((field) => types.has(role as HostRole, field));
  const draftAndPublish = () => !!strapi.contentType(types.uidOf(role) as Parameters<Core.Strapi['contentType']>[0])?.options?.draftAndPublish;

  async function snapshot(documentId: string): Promise<Snapshot> {
    type Row = Fields & { publishedAt?: unknown; board?: { documentId?: string } | null; post?: { board?: { documentId?: string } | null } | null };
    const rows = await types.rows<Row>(role).findMany({
      where: { documentId },
      select: [...names, ...(draftAndPublish() ? ['publishedAt'] : [])],
      populate: role === 'post' ? { board: { select: ['documentId'] } } : { post: { select: ['documentId'], populate: { board: { select: ['documentId'] } } } },
    });
    // The Content Manager edits the draft; without draft and publish there is one row.
    const draft = rows.find((row) => !row.publishedAt) ?? rows[0] ?? null;
    const boardOf = (row: Row | null | undefined) => (role === 'post' ? row?.board?.documentId : row?.post?.board?.documentId) ?? null;
    return { fields: draft, published: rows.some((row) => !!row.publishedAt), board: boardOf(draft) ?? boardOf(rows[0]) };
  }

  async function logCreate(actor: Actor, next: () => Promise<unknown>): Promise<unknown> {
    const result = await next();
    const documentId = (result as { documentId?: unknown } | null)?.documentId;
    if (typeof documentId !== 'string') return result;
    const after = await snapshot(documentId);
    await log().record(actor, {
      kind: 'content',
      action: `${role}.create`,
      subjectType: role,
      subjectId: documentId,
      boardDocumentId: after.board,
      before: null,
      after: changedFields(null, after.fields, names).after,
      reason: 'in the Content Manager',
    });
    return result;
  }

  return {
    name: 'log Content Manager edits',
    async run(call, next) {
      const verb = LOGGED_ACTIONS[call.action];
      const documentId = call.params.documentId;
      const creating = call.action === 'create';
      const actor = verb && (documentId || creating) ? contentManagerActor(strapi) : null;
      if (!actor) return next();
      if (creating) return strapi.db.transaction(() => logCreate(actor, next));
      if (!documentId) return next();
      return strapi.db.transaction(async () => {
        const before = await snapshot(documentId);
        const result = await next();
        const after = call.action === 'delete' ? { fields: null, published: false, board: before.board } : await snapshot(documentId);
        const change =
          call.action === 'update'
            ? changedFields(before.fields, after.fields, names)
            : call.action === 'delete'
              ? { before: changedFields(before.fields, null, names).before, after: null }
              : { before: { published: before.published }, after: { published: after.published } };
        // The Content Manager saves the form before it publishes: a save that changed none of the logged fields says nothing.
        if (call.action === 'update' && Object.keys(change.before ?? {}).length === 0) return result;
        await log().record(actor, {
          kind: 'content',
          action: `${role}.${verb}`,
          subjectType: role,
          subjectId: documentId,
          boardDocumentId: before.board ?? after.board,
          before: change.before,
          after: change.after,
          reason: 'in the Content Manager',
        });
        return result;
      });
    },
  };
}
