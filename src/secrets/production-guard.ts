import { DEVELOPMENT_SECRETS, SECRET_NAMES, type SecretName } from './development-defaults';

/**
 * Production refuses to start on a secret anyone could know: unset (Quanzi
 * would fall back to the development value), equal to a development value, or
 * a placeholder from an example file. The refusal names the variables, never
 * their values, and says how to make new ones.
 */

/** Placeholders people copy from example files (Strapi's templates, older versions of .env.example), e.g. changeMe, toBeModified1. */
const PLACEHOLDER = /^(change-?me|to-?be-?modified|replace-?me|secret|password|example|todo|x+)[a-z0-9]{0,2}$/i;

const DEVELOPMENT_PARTS = new Set(Object.values(DEVELOPMENT_SECRETS).flatMap((value) => value.split(',')));

/** The keys a value holds: APP_KEYS is a comma-separated list, every other secret one value. */
const partsOf = (name: SecretName, value: string) => (name === 'APP_KEYS' ? value.split(',') : [value]).map((part) => part.trim());

const isKnown = (part: string) => part === '' || PLACEHOLDER.test(part) || DEVELOPMENT_PARTS.has(part);

/**
 * Secrets with a safe fallback when unset, checked only when set: CHECKIN_SECRET
 * signs event check-in codes and is derived from JWT_SECRET when unset
 * (src/events/checkin-code.ts), but a placeholder or a development value set
 * on purpose would let anyone make codes.
 */
export const OPTIONAL_SECRET_NAMES = ['CHECKIN_SECRET'] as const;
export type OptionalSecretName = (typeof OPTIONAL_SECRET_NAMES)[number];

/** The secrets that are unset, development values or placeholders, in the order of SECRET_NAMES, then the optional ones set to such a value. */
export function unsafeSecrets(env: NodeJS.ProcessEnv): Array<SecretName | OptionalSecretName> {
  const required = SECRET_NAMES.filter((name) => {
    const value = env[name];
    if (value === undefined || value.trim() === '') return true;
    return partsOf(name, value).some(isKnown);
  });
  const optional = OPTIONAL_SECRET_NAMES.filter((name) => {
    const value = env[name];
    return value !== undefined && value !== '' && isKnown(value.trim());
  });
  return [...required, ...optional];
}

export class UnsafeProductionSecretsError extends Error {
  constructor(readonly names: Array<SecretName | OptionalSecretName>) {
    super(
      `Quanzi will not start in production with these secrets unset or set to a development or example value: ${names.join(', ')}. ` +
        'Anyone could sign member and admin tokens with them. Set each to a fresh random value (`npm run secrets` prints a set), then start again.',
    );
    this.name = 'UnsafeProductionSecretsError';
  }
}

/** Throws when NODE_ENV is production and a secret is unsafe. */
export function assertProductionSecrets(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV !== 'production') return;
  const names = unsafeSecrets(env);
  if (names.length > 0) throw new UnsafeProductionSecretsError(names);
}
