/**
 * hive-smt's server side as Strapi loads it: its shape is visible here. The
 * runtime is built once at register (runtime/compose.ts) and reached from
 * outside only through the services below.
 */
import type { Core } from '@strapi/strapi';
import config from './config';
import contentTypes from './content-types';
import { registerComponents } from './components';
import controllers from './controllers';
import routes from './routes';
import { registerAdminActions } from './admin/permissions';
import { rewardRoutes } from './routes/rewards';
import { attachRateLimits } from './routes/rate-limits';
import { composeRuntime } from './runtime/compose';
import { startRuntime, stopRuntime } from './runtime/lifecycle';
import type { PluginRuntime } from './runtime/types';
import { createServices } from './services';
import { registerWebhookEvents } from './webhooks/events';

export function createPlugin() {
  let runtime: PluginRuntime | null = null;
  const current = (): PluginRuntime => {
    if (!runtime) throw new Error('hive-smt is not registered yet.');
    return runtime;
  };

  return {
    /** Before anything is stored: its components, its webhook events, the runtime, the Document Service hooks, the RBAC actions (before the admin syncs roles). */
    async register({ strapi }: { strapi: Core.Strapi }) {
      registerComponents(strapi);
      registerWebhookEvents(strapi);
      runtime = composeRuntime(strapi);
      attachRateLimits(strapi, rewardRoutes);
      await registerAdminActions(strapi);
    },
    /** Connects to Hive (or starts the local devnet) and, where this instance runs the worker, starts the chain work. */
    async bootstrap() {
      await startRuntime(current());
    },
    async destroy() {
      if (runtime) await stopRuntime(runtime);
      runtime = null;
    },
    config,
    contentTypes,
    controllers,
    routes,
    services: createServices(current),
  };
}
