/**
 * What a controller reads of a Koa request, and the member behind it —
 * shared by the app's controllers and the plugin's.
 */
import { PluginError } from './errors';

export interface Member {
  id: number;
  documentId?: string;
  username?: string;
}

/** The parts of Koa's context that controllers use. */
export interface RequestContext {
  params: Record<string, string | undefined>;
  query: unknown;
  request: { body?: unknown };
  state: { user?: (Member & { firstname?: string; lastname?: string; email?: string; role?: { type?: string } }) | null; [key: string]: unknown };
  body: unknown;
}

/** The member behind the request (users-permissions put it there), or a 401. */
export function requireMember(ctx: Pick<RequestContext, 'state'>): Member & { username: string; documentId: string } {
  const user = ctx.state?.user;
  if (!user?.id) throw new PluginError(401, 'Log in to do this: send Authorization: Bearer <jwt>.');
  return user as Member & { username: string; documentId: string };
}
