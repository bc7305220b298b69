import { memberSessionSettings, SESSION_DEFAULTS } from '../../src/auth/session-settings';

const envOf = (values: Record<string, string>) => {
  const env = ((name: string, fallback?: string) => values[name] ?? fallback) as any;
  env.int = (name: string, fallback?: number) => (values[name] === undefined ? fallback : Number(values[name]));
  return env;
};
const DAY_S = 86400;

describe('members’ session settings', () => {
  it('are refresh-token sessions with users-permissions’ lifespans by default', () => {
    expect(memberSessionSettings(envOf({}))).toEqual({
      jwtManagement: 'refresh',
      jwt: {},
      sessions: { accessTokenLifespan: SESSION_DEFAULTS.accessTokenSeconds, maxRefreshTokenLifespan: 30 * DAY_S, idleRefreshTokenLifespan: 14 * DAY_S, httpOnly: false },
    });
  });

  it('take their lifespans from the environment', () => {
    const settings = memberSessionSettings(envOf({ MEMBER_ACCESS_TOKEN_SECONDS: '300', MEMBER_REFRESH_TOKEN_MAX_DAYS: '60', MEMBER_REFRESH_TOKEN_IDLE_DAYS: '7' }));
    expect(settings.sessions).toMatchObject({ accessTokenLifespan: 300, maxRefreshTokenLifespan: 60 * DAY_S, idleRefreshTokenLifespan: 7 * DAY_S });
  });

  it('keep 30-day JWTs without sessions when MEMBER_SESSIONS=legacy', () => {
    expect(memberSessionSettings(envOf({ MEMBER_SESSIONS: 'legacy' }))).toEqual({ jwtManagement: 'legacy-support', jwt: { expiresIn: '30d' } });
  });

  it('stop startup on a value that means nothing, naming the variable', () => {
    expect(() => memberSessionSettings(envOf({ MEMBER_SESSIONS: 'cookies' }))).toThrow('MEMBER_SESSIONS must be "refresh" or "legacy"');
    expect(() => memberSessionSettings(envOf({ MEMBER_ACCESS_TOKEN_SECONDS: '10m' }))).toThrow('MEMBER_ACCESS_TOKEN_SECONDS must be a whole number');
    expect(() => memberSessionSettings(envOf({ MEMBER_ACCESS_TOKEN_SECONDS: '0' }))).toThrow('MEMBER_ACCESS_TOKEN_SECONDS');
    expect(() => memberSessionSettings(envOf({ MEMBER_REFRESH_TOKEN_IDLE_DAYS: '40' }))).toThrow('cannot be longer than MEMBER_REFRESH_TOKEN_MAX_DAYS');
  });
});
