/**
 * hive-smt's part in every document write: one Document Service middleware
 * per content type it works on, calling that type's hooks in the order the
 * composition root lists them (the first wraps the rest, as Koa middlewares
 * do). A hook's PluginError leaves as the Strapi error the caller renders —
 * REST, the Content Manager or code alike — and nothing is written.
 */
import type { Core } from '@strapi/strapi';
import { toHttpError } from './errors';

/** The parts of a Document Service call the hooks read. */
export interface DocumentCall {
  uid: string;
  action: string;
  params: {
    documentId?: string;
    status?: string;
    data?: Record<string, unknown>;
  };
}

export type Next = () => Promise<unknown>;

/** One step of a content type's middleware: look at the call, then call next() (or refuse by throwing). */
export interface DocumentHook {
  /** Shown in errors and in the order the README states. */
  name: string;
  run(call: DocumentCall, next: Next): Promise<unknown>;
}

function chain(hooks: DocumentHook[], call: DocumentCall, last: Next): Promise<unknown> {
  const step = (index: number): Promise<unknown> => (index < hooks.length ? hooks[index].run(call, () => step(index + 1)) : last());
  return step(0);
}

export function installDocumentHooks(strapi: Core.Strapi, hooksByType: Map<string, DocumentHook[]>): void {
  for (const [uid, hooks] of hooksByType) {
    if (hooks.length === 0) continue;
    type Middleware = Parameters<typeof strapi.documents.use>[0];
    const middleware = async (ctx: { uid: string; action: string; params?: unknown }, next: Next) => {
      if (ctx.uid !== uid) return next();
      const call: DocumentCall = { uid: ctx.uid, action: ctx.action, params: (ctx.params ?? {}) as DocumentCall['params'] };
      try {
        return await chain(hooks, call, next);
      } catch (error) {
        throw toHttpError(error);
      }
    };
    // What next() resolves to is the action's own result, passed back unchanged.
    strapi.documents.use(middleware as unknown as Middleware);
  }
}
