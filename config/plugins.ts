import { DEVELOPMENT_SECRETS as DEV } from '../src/secrets/development-defaults';
import { memberSessionSettings } from '../src/auth/session-settings';

/**
 * Mail (users-permissions' email confirmation and password reset) goes out
 * over SMTP with nodemailer when SMTP_HOST is set; without it Strapi's default
 * sendmail provider is used, which a development machine usually lacks.
 */
const email = (env) =>
  env('SMTP_HOST')
    ? {
        config: {
          provider: 'nodemailer',
          providerOptions: {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ...(env('SMTP_USERNAME') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } } : {}),
          },
          settings: {
            defaultFrom: env('EMAIL_FROM', 'Quanzi <no-reply@localhost>'),
            defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'Quanzi <no-reply@localhost>')),
          },
        },
      }
    : {};

// Development fallbacks only: production refuses to start on them (src/secrets/production-guard.ts).
export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', DEV.JWT_SECRET),
      // Refresh-token sessions (short access tokens, sign out everywhere) unless MEMBER_SESSIONS=legacy: src/auth/session-settings.ts.
      ...memberSessionSettings(env),
    },
  },
  email: email(env),
  'hive-smt': {
    enabled: true,
    resolve: './plugins/hive-smt',
  },
});
