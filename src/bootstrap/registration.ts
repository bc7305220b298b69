import type { Core } from '@strapi/strapi';

/**
 * Sign-up by email with confirmation (users-permissions): the member registers,
 * gets a mail with a link, and can log in once they followed it. An admin can
 * switch it in Settings → Users & Permissions → Advanced settings;
 * AUTH_EMAIL_CONFIRMATION=true|false sets it from the environment at every
 * start instead (a deployment's configuration wins over a click), with
 * AUTH_EMAIL_CONFIRMATION_REDIRECT as the page the link lands on.
 */
export async function applyRegistrationSettings(strapi: Core.Strapi, env: NodeJS.ProcessEnv): Promise<void> {
  const wanted = env.AUTH_EMAIL_CONFIRMATION;
  if (wanted !== 'true' && wanted !== 'false') return;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get({})) as Record<string, unknown> | null) ?? {};
  const redirect = env.AUTH_EMAIL_CONFIRMATION_REDIRECT || env.PUBLIC_URL || advanced.email_confirmation_redirection || null;
  await store.set({ value: { ...advanced, email_confirmation: wanted === 'true', email_confirmation_redirection: redirect } });
}

/** Strapi's users-permissions mail templates come from this address until someone changes it. */
const STRAPI_DEFAULT_SENDER = 'no-reply@strapi.io';

/** "Quanzi <no-reply@example.org>" → { name, email }. */
export function parseSender(from: string): { name: string; email: string } | null {
  const match = from.trim().match(/^(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>$|^([^<>\s]+@[^<>\s]+)$/);
  if (!match) return null;
  const email = match[2] ?? match[3];
  return { name: (match[1] ?? '').trim() || email, email };
}

/**
 * The confirmation and password-reset mails come from EMAIL_FROM, as every
 * other mail does, unless an admin already chose a sender for them.
 */
export async function applyMailSender(strapi: Core.Strapi, env: NodeJS.ProcessEnv): Promise<void> {
  const sender = env.EMAIL_FROM ? parseSender(env.EMAIL_FROM) : null;
  if (!sender) return;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'email' });
  const templates = ((await store.get({})) as Record<string, any> | null) ?? {};
  let changed = false;
  for (const template of Object.values(templates)) {
    const from = template?.options?.from;
    if (from && from.email === STRAPI_DEFAULT_SENDER) {
      template.options.from = sender;
      changed = true;
    }
  }
  if (changed) await store.set({ value: templates });
}
