import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TaggedCache } from '../api/feed/lib/cache';
import { bearerToken, verifyMemberToken } from './member-token';

/**
 * Members' requests without users-permissions' per-request lookups.
 *
 * For a member's JWT, users-permissions' strategy reads on every request the
 * user with its role, the plugin's advanced settings, the role's permissions
 * (and builds an ability from them) — after the API-token strategy has
 * hashed the JWT and looked it up among API tokens. Here the same checks run
 * on what those reads returned last time: the user (blocked, confirmed, role)
 * by id, the ability by role, the settings — each forgotten when it is
 * written (a lifecycle on users, roles, permissions and the settings' store
 * row; other instances hear it through the cluster bus) and after
 * AUTH_CACHE_TTL_MS at most. The verdicts are users-permissions' own:
 * invalid or expired token → authenticated false (Strapi answers 401), no
 * such user, unconfirmed (when confirmation is required) or blocked →
 * "Invalid credentials"; the route's scope is checked by the same ability.
 *
 * In refresh-token mode the token is an access token and the request carries
 * its session (ctx.state.session, as users-permissions sets it: the sessions
 * list marks it, sign-out ends it).
 *
 * Anything else — no token, a token that is not a JWT (API tokens), admin
 * routes, routes with their own strategies — takes
 * Strapi's own path unchanged.
 */
const USER_UID = 'plugin::users-permissions.user';
const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';
const ADVANCED_SETTINGS_KEY = 'plugin_users-permissions_advanced';

/** Tags of what the member cache holds (carried by the cluster bus like the feed's). */
export const AUTH_TAG = {
  user: (id: number) => `auth:user:${id}`,
  roles: 'auth:roles',
  settings: 'auth:settings',
} as const;

/** A JWT is three base64url parts; API tokens are hex without dots. */
export const looksLikeJwt = (token: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);


export interface MemberAuth {
  /** Forget what these tags name (auth:*), or everything. */
  invalidateLocal(tags?: Iterable<string>): void;
  /**
   * Signs a member's request in as Strapi's route would (ctx.state.user and
   * ctx.state.auth) when their token, account and role allow every scope
   * given; false (and nothing set) otherwise — the full route decides then.
   */
  signInFor(ctx: any, scopes: string[]): Promise<boolean>;
}

const installed = new WeakMap<object, MemberAuth>();

/** The member authentication installed on this Strapi (for the hot-route fast path), if any. */
export const memberAuthOf = (strapi: object): MemberAuth | undefined => installed.get(strapi);

export function installMemberAuth(strapi: Core.Strapi, announce: (tags: string[]) => void): MemberAuth {
  const ttlMs = Number.parseInt(process.env.AUTH_CACHE_TTL_MS ?? '', 10);
  const options = { ttlMs: Number.isFinite(ttlMs) && ttlMs >= 0 ? ttlMs : 10_000, maxEntries: 50_000 };
  const users = new TaggedCache<any>(options);
  const EVERY_USER = 'auth:users';
  const abilities = new TaggedCache<any>({ ...options, maxEntries: 1_000 });
  const settings = new TaggedCache<any>({ ...options, maxEntries: 1 });
  const up = () => strapi.plugin('users-permissions') as any;

  // users-permissions' verify, for the ability made here: no scope → any member; a scope → the ability must allow it.
  const strategy = {
    name: 'users-permissions',
    authenticate: async () => ({ authenticated: false }),
    async verify(auth: any, config: any) {
      if (!config?.scope) {
        if (!auth.credentials) throw new errors.UnauthorizedError();
        return;
      }
      if (!auth.ability) throw new errors.UnauthorizedError();
      const scopes = Array.isArray(config.scope) ? config.scope : [config.scope];
      if (!scopes.every((scope: string) => auth.ability.can(scope))) throw new errors.ForbiddenError();
    },
  };

  async function cached<T>(cache: TaggedCache<T>, key: string, tags: string[], load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const ticket = cache.ticket();
    const value = await load();
    if (value != null) cache.set(key, value, ticket, tags);
    return value;
  }

  /**
   * The member behind a request's JWT, from the caches: `null` when this is
   * not a case handled here (no JWT, a token that does not
   * verify — Strapi's own path decides), `refused` with users-permissions'
   * message, or the member with their role's ability.
   */
  async function resolveMember(ctx: any): Promise<null | { refused: string } | { user: any; ability: any; sessionId?: string }> {
    const token = bearerToken(ctx);
    if (!token || !looksLikeJwt(token)) return null;
    const verified = await verifyMemberToken(strapi, token);
    // Not a token of ours after all: users-permissions would not authenticate it, the public may still be allowed.
    if (!verified) return null;
    const { id, sessionId } = verified;
    const user = await cached(users, String(id), [AUTH_TAG.user(id), EVERY_USER], () => up().service('user').fetchAuthenticatedUser(id));
    if (!user) return { refused: 'Invalid credentials' };
    const advanced = await cached(settings, 'advanced', [AUTH_TAG.settings], async () => (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) ?? {});
    if ((advanced?.email_confirmation && !user.confirmed) || user.blocked) return { refused: 'Invalid credentials' };
    const roleId = user.role?.id;
    const ability = await cached(abilities, String(roleId), [AUTH_TAG.roles], async () => {
      const permissions: Array<{ action: string }> = await up().service('permission').findRolePermissions(roleId);
      return strapi.contentAPI.permissions.engine.generateAbility(permissions.map(({ action }) => ({ action })));
    });
    // Each request gets its own copy: handlers may write to ctx.state.user.
    return { user: { ...user, role: user.role ? { ...user.role } : user.role }, ability, sessionId };
  }

  function signIn(ctx: any, member: { user: any; ability: any; sessionId?: string }): void {
    ctx.state.user = member.user;
    if (member.sessionId) ctx.state.session = { id: member.sessionId };
    ctx.state.isAuthenticated = true;
    ctx.state.auth = { strategy, credentials: member.user, ability: member.ability };
  }

  const auth: any = strapi.get('auth');
  const strapiAuthenticate = auth.authenticate.bind(auth);
  auth.authenticate = async (ctx: any, next: () => Promise<unknown>) => {
    const route = ctx.state?.route;
    const config = route?.config?.auth;
    if (route?.info?.type !== 'content-api' || config === false || config?.strategies) return strapiAuthenticate(ctx, next);
    const member = await resolveMember(ctx);
    if (member === null) return strapiAuthenticate(ctx, next);
    if ('refused' in member) return ctx.unauthorized(member.refused);
    signIn(ctx, member);
    return next();
  };

  const forget = (tags: string[] | undefined) => {
    for (const cache of [users, abilities, settings]) cache.invalidate(tags);
  };
  // Forgotten at the write and, inside a transaction, again at commit (a read in between saw the old row); others hear at commit.
  const changed = (tags: string[] | undefined) => {
    forget(tags);
    const all = tags ?? [AUTH_TAG.roles, AUTH_TAG.settings, 'auth:users'];
    if (!strapi.db.inTransaction()) return announce(all);
    void strapi.db.transaction(async ({ onCommit }) =>
      onCommit(() => {
        forget(tags);
        announce(all);
      }),
    );
  };
  const ids = (event: any): number[] | undefined => {
    if (event.result?.id != null) return [Number(event.result.id)];
    const id = event.params?.where?.id;
    if (typeof id === 'number' || typeof id === 'string') return [Number(id)];
    return undefined;
  };
  const afterUser = (event: any) => {
    const known = ids(event);
    changed(known ? known.map(AUTH_TAG.user) : undefined);
  };
  const afterRoles = () => changed([AUTH_TAG.roles]);
  const afterStore = (event: any) => {
    const key = event.result?.key ?? event.params?.where?.key ?? event.params?.data?.key;
    if (key === undefined || key === ADVANCED_SETTINGS_KEY) changed([AUTH_TAG.settings]);
  };
  const writes = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];
  const subscriber: Record<string, (event: any) => void> = {};
  for (const action of writes) {
    subscriber[action] = (event: any) => {
      const uid = event.model?.uid;
      if (uid === USER_UID && !action.startsWith('afterCreate')) afterUser(event);
      else if (uid === ROLE_UID || uid === PERMISSION_UID) afterRoles();
      else if (uid === 'strapi::core-store') afterStore(event);
    };
  }
  strapi.db.lifecycles.subscribe(subscriber as any);

  const memberAuth: MemberAuth = {
    invalidateLocal(tags) {
      forget(tags === undefined ? undefined : [...tags]);
    },
    async signInFor(ctx, scopes) {
      const member = await resolveMember(ctx);
      if (!member || 'refused' in member || !scopes.every((scope) => member.ability.can(scope))) return false;
      signIn(ctx, member);
      return true;
    },
  };
  installed.set(strapi, memberAuth);
  return memberAuth;
}
