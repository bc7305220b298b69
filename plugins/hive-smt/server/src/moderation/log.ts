/**
 * The moderation log: every editor's and admin's action on content, members,
 * chain jobs and payouts — who, what, when, the subject before and after, and
 * why — written in the same database transaction as the action, so an action
 * that rolls back leaves no entry and a committed one always has its entry.
 * (Strapi's audit logs are an Enterprise feature; a community plugin brings
 * its own.)
 */
import type { Core } from '@strapi/strapi';
import { UID, q } from '../core/db';

export type ModerationKind = 'content' | 'member' | 'job' | 'payout';

/** Who acted: an admin-panel user, or a member with the editor role on REST. */
export interface Actor {
  kind: 'admin' | 'member';
  id: number | null;
  name: string | null;
}

export interface ModerationAction {
  kind: ModerationKind;
  /** What was done, e.g. post.feature, comment.hide, member.mute, job.cancel, payout.run. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  boardDocumentId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface ModerationEntry extends Required<Omit<ModerationAction, 'boardDocumentId' | 'reason'>> {
  id: number;
  at: string;
  actor: Actor;
  boardDocumentId: string | null;
  reason: string | null;
}

interface EntryRow {
  id: number;
  at: string | number;
  actorKind: Actor['kind'];
  actorId: number | null;
  actorName: string | null;
  kind: ModerationKind;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  boardDocumentId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** An action to run with its entry: `snapshot` reads the subject before and after, `board` says whose board it is. */
export type AuditSpec<T> = Omit<ModerationAction, 'before' | 'after'> & {
  snapshot?: () => Promise<unknown>;
  board?: () => Promise<string | null>;
  /** What the entry says the subject became, from the action's result (instead of a second snapshot). */
  after?: (result: T) => unknown;
};

export interface ModerationFilter {
  board?: string;
  actor?: number;
  kind?: ModerationKind;
  /** Entries older than this cursor (the last entry's id of the previous page). */
  before?: number;
  limit: number;
}

const toEntry = (row: EntryRow): ModerationEntry => ({
  id: row.id,
  at: new Date(Number(row.at)).toISOString(),
  actor: { kind: row.actorKind, id: row.actorId ?? null, name: row.actorName ?? null },
  kind: row.kind,
  action: row.action,
  subjectType: row.subjectType ?? '',
  subjectId: row.subjectId ?? null,
  boardDocumentId: row.boardDocumentId ?? null,
  before: row.before ?? null,
  after: row.after ?? null,
  reason: row.reason ?? null,
});

export function createModerationLog(strapi: Core.Strapi) {
  const entries = () => q<EntryRow>(strapi, UID.moderation);

  /** Writes one entry (inside the caller's transaction, when there is one). */
  async function record(actor: Actor, action: ModerationAction, now = Date.now()): Promise<void> {
    await entries().create({
      data: {
        at: now,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        kind: action.kind,
        action: action.action,
        subjectType: action.subjectType,
        subjectId: action.subjectId,
        boardDocumentId: action.boardDocumentId ?? null,
        before: action.before ?? null,
        after: action.after ?? null,
        reason: action.reason ?? null,
      },
    });
  }

  return {
    record,

    /** Newest first, a page at a time; `nextCursor` is null on the last page. */
    async list(filter: ModerationFilter): Promise<{ entries: ModerationEntry[]; nextCursor: number | null }> {
      const where: Record<string, unknown> = {};
      if (filter.board) where.boardDocumentId = filter.board;
      if (filter.actor !== undefined) where.actorId = filter.actor;
      if (filter.kind) where.kind = filter.kind;
      if (filter.before !== undefined) where.id = { $lt: filter.before };
      const rows = await entries().findMany({ where, orderBy: { id: 'desc' }, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit).map(toEntry);
      return { entries: page, nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
    },

    /** Everyone who has an entry, for the page's actor filter. */
    async actors(): Promise<Array<{ id: number; name: string | null; kind: Actor['kind'] }>> {
      const rows = await entries().findMany({
        select: ['actorId', 'actorName', 'actorKind'],
        where: { actorId: { $notNull: true } },
        orderBy: { id: 'desc' },
        limit: 5000,
      });
      const seen = new Map<number, { id: number; name: string | null; kind: Actor['kind'] }>();
      for (const row of rows)
        if (row.actorId !== null && !seen.has(row.actorId)) seen.set(row.actorId, { id: row.actorId, name: row.actorName, kind: row.actorKind });
      return [...seen.values()];
    },

    /** Runs an action and writes its entry in one transaction: both commit, or neither. */
    async audited<T>(
      actor: Actor,
      spec: Omit<ModerationAction, 'before' | 'after'> & {
        snapshot?: () => Promise<unknown>;
        board?: () => Promise<string | null>;
        after?: (result: T) => unknown;
      },
      work: () => Promise<T>,
    ): Promise<T> {
      return strapi.db.transaction(async () => {
        const before = spec.snapshot ? await spec.snapshot() : null;
        const result = await work();
        const after = spec.after ? spec.after(result) : spec.snapshot ? await spec.snapshot() : null;
        const boardDocumentId = spec.boardDocumentId ?? (spec.board ? await spec.board() : null);
        await record(actor, {
          kind: spec.kind,
          action: spec.action,
          subjectType: spec.subjectType,
          subjectId: spec.subjectId,
          boardDocumentId,
          before,
          after,
          reason: spec.reason,
        });
        return result;
      });
    },
  };
}

export type ModerationLog = ReturnType<typeof createModerationLog>;
