/**
 * The composition root: the one place hive-smt is put together for a Strapi
 * instance. Everything else receives what it needs from here; the plugin's
 * services hand the result to the rest of the app.
 *
 * The Document Service hooks, per content type, in the order they run (the
 * first wraps the rest):
 *   board:   check the Hive fields → check the token rewards
 *   post:    log a Content Manager edit → refuse muted members → write the chain job (same transaction) → record featuring in the ledger
 *   comment: log a Content Manager edit → refuse muted members → record a member's comment in the ledger
 */
import type { Core } from '@strapi/strapi';
import { configSchema } from '../config';
import { installDocumentHooks, type TypeHooks } from '../core/document-hooks';
import { createTimers } from '../core/timers';
import { boardHiveFieldsHook } from '../boards/validate-board';
import { muteCheckHook } from '../curation/mutes';
import { createCuration } from '../curation/service';
import { contentManagerLogHook } from '../moderation/content-manager';
import { createModerationLog } from '../moderation/log';
import { createJobQueue } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import { mirrorCaptureHook } from '../mirror/capture';
import { createMirrorHandler } from '../mirror/publisher';
import { createMirrorRecords } from '../mirror/records';
import { createChainStatusReader } from '../mirror/status';
import { createPayoutHandler } from '../payouts/handler';
import { createRewards } from '../rewards';
import { commentEngagementHook, featuredEngagementHook } from '../rewards/engagement';
import { economicsHook } from '../rewards/validate-economics';
import { communityPinHook, createCommunityPinHandler } from '../mirror/community-pins';
import { createHostModel, hostModelProblems, type HostRole } from '../host/model';
import { createErrorLog } from './error-log';
import type { PluginRuntime } from './types';
import type { PostExtrasSlot } from '../mirror/post-extras';

const NOT_CONNECTED = 'The Hive connection is not started yet.';

export function composeRuntime(strapi: Core.Strapi): PluginRuntime {
  const config = configSchema.parse(strapi.config.get('plugin::hive-smt'));
  const types = createHostModel(strapi, config.contentTypes);
  const problems = hostModelProblems(strapi, types);
  if (problems.length) throw new Error(`hive-smt configuration: ${problems.join('; ')}`);
  const queue = createJobQueue(strapi);
  const records = createMirrorRecords(strapi);
  const handlers: JobHandler[] = [];
  const postExtras: PostExtrasSlot = { provider: null };

  const runtime: PluginRuntime = {
    strapi,
    config,
    types,
    queue,
    records,
    postExtras,
    statuses: createChainStatusReader(strapi, records, config),
    handlers,
    curation: createCuration(strapi, types),
    moderation: createModerationLog(strapi),
    errors: createErrorLog(),
    timers: createTimers(),
    connection: null,
    worker: null,
    rewards: createRewards(strapi, {
      types,
      config,
      queue,
      connectedChain: () => runtime.connection?.chain,
      chain: () => runtime.chain(),
      engineId: () => runtime.connection?.endpoint.engineId ?? config.engine.id,
    }),
    chain() {
      if (!runtime.connection) throw new Error(NOT_CONNECTED);
      return runtime.connection.chain;
    },
    keys() {
      if (!runtime.connection) throw new Error(NOT_CONNECTED);
      return runtime.connection.keys;
    },
    paused: () => (runtime.connection ? runtime.connection.paused : NOT_CONNECTED),
  };

  const chain = () => runtime.chain();
  const keys = () => runtime.keys();
  handlers.push(
    createMirrorHandler({ strapi, types, chain, keys, queue, records, config, extras: postExtras }),
    createPayoutHandler({ strapi, types, chain, keys, queue, config }),
    createCommunityPinHandler({ strapi, types, chain, keys, queue, records, config }),
  );

  const engagement = () => runtime.rewards.engagement;
  const refuseMuted = muteCheckHook(strapi);
  const logContentManager = (role: 'post' | 'comment') => contentManagerLogHook(strapi, types, () => runtime.moderation, role);
  const naming = (role: HostRole) => ({ read: <T>(value: unknown) => types.fromApp<T>(role, value), appPath: (path: string[]) => types.appPath(role, path) });
  installDocumentHooks(
    strapi,
    new Map<string, TypeHooks>([
      [types.board, { naming: naming('board'), hooks: [boardHiveFieldsHook, economicsHook(strapi, types)] }],
      [
        types.post,
        {
          naming: naming('post'),
          hooks: [
            logContentManager('post'),
            refuseMuted,
            mirrorCaptureHook(strapi, types, queue),
            featuredEngagementHook(strapi, types, engagement),
            communityPinHook(strapi, types, queue),
          ],
        },
      ],
      [types.comment, { naming: naming('comment'), hooks: [logContentManager('comment'), refuseMuted, commentEngagementHook(strapi, engagement)] }],
    ]),
  );
  return runtime;
}
