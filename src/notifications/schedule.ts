import type { Core } from '@strapi/strapi';

let timer: NodeJS.Timeout | null = null;

/** How often likes and payments are turned into notifications (NOTIFICATIONS_PASS_MS, 10 s; 0: never). */
export function passInterval(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.NOTIFICATIONS_PASS_MS ?? 10000);
  return Number.isFinite(value) && value >= 0 ? value : 10000;
}

/** Runs the notification pass on the instance that runs the chain worker (HIVE_WORKER_ENABLED), so likes are told once. */
export function startNotificationPass(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): void {
  const every = passInterval(env);
  if (every === 0 || env.HIVE_WORKER_ENABLED === 'false') return;
  timer = setInterval(() => {
    (strapi.service('api::notification.pass') as any).run().catch((error: Error) => strapi.log.warn(`Notification pass: ${error.message}`));
  }, every);
  timer.unref();
}

export function stopNotificationPass(): void {
  if (timer) clearInterval(timer);
  timer = null;
}
