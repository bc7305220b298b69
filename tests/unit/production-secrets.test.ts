import { execFileSync } from 'child_process';
import path from 'path';
import { DEVELOPMENT_SECRETS, SECRET_NAMES } from '../../src/secrets/development-defaults';
import { assertProductionSecrets, unsafeSecrets } from '../../src/secrets/production-guard';

/** A fresh set, as `npm run secrets` prints it. */
function freshSecrets(): Record<string, string> {
  const out = execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/secrets.js')], { encoding: 'utf8' });
  return Object.fromEntries(out.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('npm run secrets', () => {
  it('prints all six, different on every run, that the guard accepts', () => {
    const a = freshSecrets();
    const b = freshSecrets();
    expect(Object.keys(a).sort()).toEqual([...SECRET_NAMES].sort());
    for (const name of SECRET_NAMES) expect(a[name]).not.toBe(b[name]);
    expect(a.APP_KEYS.split(',')).toHaveLength(4);
    expect(unsafeSecrets({ ...a, NODE_ENV: 'production' })).toEqual([]);
  });
});

describe('the production guard', () => {
  const fresh = freshSecrets();

  it('names every secret that is unset or empty', () => {
    expect(unsafeSecrets({})).toEqual(SECRET_NAMES);
    expect(unsafeSecrets({ ...fresh, JWT_SECRET: '', ENCRYPTION_KEY: '   ' })).toEqual(['JWT_SECRET', 'ENCRYPTION_KEY']);
  });

  it('names every secret equal to a development value, one APP_KEYS key being enough', () => {
    for (const name of SECRET_NAMES) expect(unsafeSecrets({ ...fresh, [name]: DEVELOPMENT_SECRETS[name] })).toEqual([name]);
    expect(unsafeSecrets({ ...fresh, APP_KEYS: `${fresh.APP_KEYS.split(',')[0]},quanziDevKeyB` })).toEqual(['APP_KEYS']);
    // A development value moved to another variable is as public.
    expect(unsafeSecrets({ ...fresh, JWT_SECRET: DEVELOPMENT_SECRETS.ADMIN_JWT_SECRET })).toEqual(['JWT_SECRET']);
  });

  it.each(['changeMe', 'changeMeA', 'toBeModified1', 'tobemodified', 'replace-me', 'secret', 'xxx'])('names a placeholder like %s', (placeholder) => {
    expect(unsafeSecrets({ ...fresh, API_TOKEN_SALT: placeholder, APP_KEYS: `${placeholder},${placeholder}` })).toEqual(['APP_KEYS', 'API_TOKEN_SALT']);
  });

  it('checks CHECKIN_SECRET only when it is set: unset falls back to a key derived from JWT_SECRET', () => {
    expect(unsafeSecrets(fresh)).toEqual([]);
    expect(unsafeSecrets({ ...fresh, CHECKIN_SECRET: 'a-fresh-random-check-in-secret-3f9c1e' })).toEqual([]);
    expect(unsafeSecrets({ ...fresh, CHECKIN_SECRET: 'changeMe' })).toEqual(['CHECKIN_SECRET']);
    expect(unsafeSecrets({ ...fresh, CHECKIN_SECRET: DEVELOPMENT_SECRETS.JWT_SECRET })).toEqual(['CHECKIN_SECRET']);
    expect(unsafeSecrets({ ...fresh, CHECKIN_SECRET: ' secret ' })).toEqual(['CHECKIN_SECRET']);
  });

  it('refuses only in production, naming the variables and never their values', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertProductionSecrets({ NODE_ENV: 'test' })).not.toThrow();
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', ...fresh })).not.toThrow();
    const env = { NODE_ENV: 'production', ...fresh, JWT_SECRET: DEVELOPMENT_SECRETS.JWT_SECRET, APP_KEYS: 'changeMeA,changeMeB' };
    let message = '';
    try {
      assertProductionSecrets(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/APP_KEYS, JWT_SECRET/);
    expect(message).toMatch(/npm run secrets/);
    expect(message).not.toContain(DEVELOPMENT_SECRETS.JWT_SECRET);
    expect(message).not.toContain('changeMeA');
  });
});
