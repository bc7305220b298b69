/**
 * hive-smt's part in every document write: one Document Service middleware
 * per content type it works on, calling that type's hooks in the order the
 * composition root lists them (the first wraps the rest, as Koa middlewares
 * do). A hook's PluginError leaves as the Strapi error the caller renders —
 * REST, the Content Manager or code alike — and nothing is written.
 */
import type { Core } from '@strapi/strapi';
import { PluginError, toHttpError } from './errors';

/** The parts of a Document Service call the hooks read. */
export interface DocumentCall {
  uid: string;
  action: string;
  params: {
    documentId?: string;
    status?: string;
    /** In the plugin's field names (the app's type may name them otherwise). */
    data?: Record<string, unknown>;
  };
  /** A value the action returned, in the plugin's field names. */
  read<T>(value: unknown): T;
}

/** How a content type's fields are named: the app's names into the plugin's, and a field path back into the app's. */
export interface FieldNaming {
  read<T>(value: unknown): T;
  appPath(path: string[]): string[];
}

const SAME_NAMES: FieldNaming = { read: <T>(value: unknown) => value as T, appPath: (path) => path };

export interface TypeHooks {
  hooks: DocumentHook[];
  naming?: FieldNaming;
}

/** A refusal's field paths as the app's form names the fields, so the Content Manager marks the right one. */
function inAppNames(error: unknown, naming: FieldNaming): unknown {
  if (!(error instanceof PluginError) || !Array.isArray(error.details.errors)) return error;
  const errors = (error.details.errors as Array<{ path?: unknown }>).map((e) =>
    Array.isArray(e.path) ? { ...e, path: naming.appPath(e.path.map(String)) } : e,
  );
  return new PluginError(error.status, error.message, { ...error.details, errors });
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

export function installDocumentHooks(strapi: Core.Strapi, hooksByType: Map<string, TypeHooks>): void {
  for (const [uid, { hooks, naming = SAME_NAMES }] of hooksByType) {
    if (hooks.length === 0) continue;
    type Middleware = Parameters<typeof strapi.documents.use>[0];
    const middleware = async (ctx: { uid: string; action: string; params?: unknown }, next: Next) => {
      if (ctx.uid !== uid) return next();
      const params = (ctx.params ?? {}) as DocumentCall['params'];
      // The hooks read a renamed copy of the data; Strapi goes on with the caller's own params.
      const call: DocumentCall = {
        uid: ctx.uid,
        action: ctx.action,
        params: params.data ? { ...params, data: naming.read(params.data) } : params,
        read: naming.read,
      };
      try {
        return await chain(hooks, call, next);
      } catch (error) {
        throw toHttpError(inAppNames(error, naming));
      }
    };
    // What next() resolves to is the action's own result, passed back unchanged.
    strapi.documents.use(middleware as unknown as Middleware);
  }
}
