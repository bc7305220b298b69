import type { Core } from '@strapi/strapi';
import { runtimeOf } from './runtime';

/** Stops taking work, lets jobs in hand finish, then stops the embedded devnet. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = runtimeOf(strapi);
  for (const timer of runtime.timers) clearInterval(timer);
  runtime.timers = [];
  await runtime.worker?.stop();
  await runtime.devnet?.stop();
  runtime.devnet = null;
};
