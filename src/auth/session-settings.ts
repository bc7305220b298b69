/**
 * How members stay signed in: users-permissions' refresh-token sessions by
 * default (`MEMBER_SESSIONS=refresh`): a short-lived access token (the `jwt`
 * of every login answer) and a refresh token that `POST /api/auth/refresh`
 * turns into a new pair, kept as sessions in the database so a member can
 * sign one device out (`POST /api/auth/logout`) or all of them
 * (`{ scope: 'all' }`), and list them (`GET /api/auth/sessions`).
 * `MEMBER_SESSIONS=legacy` keeps users-permissions' 30-day JWTs without
 * sessions, for frontends not yet taught to refresh.
 */
export const SESSION_MODES = { refresh: 'refresh', legacy: 'legacy-support' } as const;

const DAY_S = 24 * 60 * 60;

/** users-permissions' defaults in 5.54, named here so the README and the config say the same. */
export const SESSION_DEFAULTS = {
  /** An access token's life: a stolen one is useful for ten minutes. */
  accessTokenSeconds: 10 * 60,
  /** A refresh token's family lives at most this long, however often it is used. */
  refreshTokenMaxDays: 30,
  /** …and ends after this long unused: a phone left in a drawer is signed out. */
  refreshTokenIdleDays: 14,
} as const;

/** The legacy mode's token life, as before sessions. */
export const LEGACY_JWT_LIFE = '30d';

type Env = ((name: string, fallback?: string) => string | undefined) & { int(name: string, fallback?: number): number | undefined };

const positiveInt = (env: Env, name: string, fallback: number): number => {
  const raw = env(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0 (got "${raw}").`);
  return value;
};

/** users-permissions' `jwtManagement`, `jwt` and `sessions` settings from the environment; an unknown value stops startup naming the variable. */
export function memberSessionSettings(env: Env) {
  const mode = String(env('MEMBER_SESSIONS', 'refresh')).toLowerCase();
  if (!(mode in SESSION_MODES)) throw new Error(`MEMBER_SESSIONS must be "refresh" or "legacy" (got "${env('MEMBER_SESSIONS')}").`);
  if (mode === 'legacy') return { jwtManagement: SESSION_MODES.legacy, jwt: { expiresIn: LEGACY_JWT_LIFE } };
  const accessTokenLifespan = positiveInt(env, 'MEMBER_ACCESS_TOKEN_SECONDS', SESSION_DEFAULTS.accessTokenSeconds);
  const maxRefreshTokenLifespan = positiveInt(env, 'MEMBER_REFRESH_TOKEN_MAX_DAYS', SESSION_DEFAULTS.refreshTokenMaxDays) * DAY_S;
  const idleRefreshTokenLifespan = positiveInt(env, 'MEMBER_REFRESH_TOKEN_IDLE_DAYS', SESSION_DEFAULTS.refreshTokenIdleDays) * DAY_S;
  if (idleRefreshTokenLifespan > maxRefreshTokenLifespan) throw new Error('MEMBER_REFRESH_TOKEN_IDLE_DAYS cannot be longer than MEMBER_REFRESH_TOKEN_MAX_DAYS.');
  return {
    jwtManagement: SESSION_MODES.refresh,
    // No `expiresIn`: an access token's life is the session setting below.
    jwt: {},
    sessions: { accessTokenLifespan, maxRefreshTokenLifespan, idleRefreshTokenLifespan, httpOnly: false },
  };
}
