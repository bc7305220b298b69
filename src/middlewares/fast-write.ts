import { memberAuthOf } from '../auth/member-auth';

/**
 * The hot member writes (likes, unlikes, comments: `config.routes` names
 * their handlers) without the router's walk through every route of the app
 * and its per-route authentication pipeline — after body parsing and the
 * JSON guard, so the request they see is the one their route would see.
 *
 * A request is taken here only when it is one of those routes and its member
 * token, account and role allow the route's scope, exactly as
 * users-permissions would decide (src/auth/member-auth.ts); then the route's
 * own middlewares (its rate limit) and its controller action run, as the
 * router would run them. Everything else — another route, a guest, an API
 * token, a member the role does not allow, a route with policies — goes on
 * down the stack to the router, which answers as always (401, 403, …).
 */
export interface HotRoute {
  method: string;
  pattern: RegExp;
  params: string[];
  scopes: string[];
  route: any;
  run: (ctx: any) => Promise<unknown>;
}

type Middleware = (ctx: any, next: () => Promise<unknown>) => unknown;

/** Koa's onion: each middleware runs the rest through `next`. */
function compose(middlewares: Middleware[]) {
  return (ctx: any) => {
    const dispatch = (i: number): Promise<unknown> => (i < middlewares.length ? Promise.resolve(middlewares[i](ctx, () => dispatch(i + 1))) : Promise.resolve());
    return dispatch(0);
  };
}

const decode = (value: string): string | null => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

/** `/api/posts/:documentId/like` → a regex and its parameter names. */
export function compilePath(path: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      const param = /^:([A-Za-z0-9_]+)$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}/?$`), params };
}

interface RouteEntry {
  uid: string;
  path: string;
  route: any;
  action: () => (ctx: any) => unknown;
}

function routeTable(strapi: any): RouteEntry[] {
  const out: RouteEntry[] = [];
  const listOf = (router: any): any[] => {
    const routes = typeof router?.routes === 'function' ? router.routes() : router?.routes;
    return Array.isArray(routes) ? routes : [];
  };
  for (const [pluginName, plugin] of Object.entries<any>(strapi.plugins ?? {})) {
    for (const router of Object.values<any>(plugin.routes ?? {})) {
      if (router?.type !== 'content-api') continue;
      for (const route of listOf(router)) {
        if (typeof route.handler !== 'string') continue;
        const [controller, action] = [route.handler.slice(0, route.handler.lastIndexOf('.')), route.handler.slice(route.handler.lastIndexOf('.') + 1)];
        const prefix = route.config?.prefix ?? `/${pluginName}`;
        out.push({
          uid: `plugin::${pluginName}.${route.handler}`,
          path: `/api${prefix}${route.path}`,
          route,
          action: () => {
            const ctrl = strapi.plugin(pluginName).controller(controller);
            return ctrl[action].bind(ctrl);
          },
        });
      }
    }
  }
  for (const [apiName, api] of Object.entries<any>(strapi.apis ?? {})) {
    for (const router of Object.values<any>(api.routes ?? {})) {
      if (router?.type && router.type !== 'content-api') continue;
      for (const route of listOf(router)) {
        if (typeof route.handler !== 'string') continue;
        const handler = route.handler.includes('::') ? route.handler : `api::${apiName}.${route.handler}`;
        const controllerUid = handler.slice(0, handler.lastIndexOf('.'));
        const action = handler.slice(handler.lastIndexOf('.') + 1);
        out.push({
          uid: handler,
          path: `/api${route.config?.prefix ?? ''}${route.path}`,
          route,
          action: () => {
            const ctrl = strapi.controller(controllerUid);
            return ctrl[action].bind(ctrl);
          },
        });
      }
    }
  }
  return out;
}

/** The hot routes as they can be run here; routes with policies or their own auth are left to the router. */
export function hotRoutes(strapi: any, handlers: string[]): HotRoute[] {
  const table = routeTable(strapi);
  const out: HotRoute[] = [];
  for (const uid of handlers) {
    const entry = table.find((e) => e.uid === uid);
    if (!entry) continue;
    const { route } = entry;
    const auth = route.config?.auth;
    if (auth === false || auth?.strategies || (route.config?.policies ?? []).length > 0) continue;
    const middlewares = (route.config?.middlewares ?? []).map((m: any) => {
      if (typeof m === 'function') return m;
      const name = typeof m === 'string' ? m : m.name;
      const factory = strapi.get('middlewares').get(name);
      if (!factory) throw new Error(`fast-write: the middleware "${name}" of ${uid} is not registered.`);
      return factory(typeof m === 'string' ? {} : (m.config ?? {}), { strapi });
    });
    const action = entry.action();
    const run = compose([
      ...middlewares,
      async (ctx: any) => {
        const result = await action(ctx);
        if (ctx.body == null && result != null) ctx.body = result;
      },
    ]);
    const { pattern, params } = compilePath(entry.path);
    const scopes = Array.isArray(auth?.scope) ? auth.scope : auth?.scope ? [auth.scope] : [uid];
    out.push({ method: String(route.method).toUpperCase(), pattern, params, scopes, route, run: (ctx) => run(ctx) });
  }
  return out;
}

export default (config: { routes?: string[] }, { strapi }: { strapi: any }) => {
  let routes: HotRoute[] | null = null;
  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method !== 'POST' && ctx.method !== 'PUT' && ctx.method !== 'DELETE') return next();
    routes ??= hotRoutes(strapi, config?.routes ?? []);
    for (const hot of routes) {
      if (hot.method !== ctx.method) continue;
      const match = hot.pattern.exec(ctx.path);
      if (!match) continue;
      const values = hot.params.map((_, i) => decode(match[i + 1]));
      const auth = memberAuthOf(strapi);
      if (values.includes(null) || !auth || !(await auth.signInFor(ctx, hot.scopes))) return next();
      ctx.params = Object.fromEntries(hot.params.map((name, i) => [name, values[i]]));
      ctx.state.route = hot.route;
      await hot.run(ctx);
      return;
    }
    return next();
  };
};
