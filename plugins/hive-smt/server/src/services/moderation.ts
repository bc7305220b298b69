import type { PluginRuntime } from '../runtime/types';
import { moderationSubjects } from '../moderation/subjects';
import type { Actor, AuditSpec, ModerationAction, ModerationFilter } from '../moderation/log';

/** The moderation log (moderation/log.ts): the admin page reads it; the admin routes and the app's editor routes write to it. */
export const moderationService = (runtime: () => PluginRuntime) => ({
  list: (filter: ModerationFilter) => runtime().moderation.list(filter),
  actors: () => runtime().moderation.actors(),
  /** The boards, for the page's board filter. */
  boards: () =>
    runtime()
      .types.rows<{ documentId: string; name: string }>('board')
      .findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' }, limit: 500 }),
  /** One entry, in the caller's transaction (the app wraps its editor's write and this in one). */
  record: (actor: Actor, action: ModerationAction) => runtime().moderation.record(actor, action),
  audited: <T>(actor: Actor, spec: AuditSpec<T>, work: () => Promise<T>) => runtime().moderation.audited(actor, spec, work),
  subjects: () => moderationSubjects(runtime()),
});
