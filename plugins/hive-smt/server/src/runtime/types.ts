import type { Core } from '@strapi/strapi';
import type { HiveSmtConfig } from '../config';
import type { HiveChain } from '../chain/hive-chain';
import type { KeyRing } from '../chain/keys';
import type { Timers } from '../core/timers';
import type { HostModel } from '../host/model';
import type { JobQueue } from '../jobs/queue';
import type { JobHandler, JobWorker } from '../jobs/worker';
import type { MirrorRecords } from '../mirror/records';
import type { PostExtrasSlot } from '../mirror/post-extras';
import type { ChainStatusReader } from '../mirror/status';
import type { Curation } from '../curation/service';
import type { ModerationLog } from '../moderation/log';
import type { Rewards } from '../rewards';
import type { ChainConnection } from './connection';
import type { ErrorLog } from './error-log';

/**
 * Everything hive-smt holds for one Strapi instance, built in one place
 * (runtime/compose.ts) and handed to the plugin's services, which are the
 * only way in from outside.
 */
export interface PluginRuntime {
  strapi: Core.Strapi;
  config: HiveSmtConfig;
  types: HostModel;
  queue: JobQueue;
  records: MirrorRecords;
  /** What the host app adds to mirrored posts (the mirror service's setPostExtras). */
  postExtras: PostExtrasSlot;
  statuses: ChainStatusReader;
  /** One handler per job family (mirror, payouts), in the worker's order. */
  handlers: JobHandler[];
  rewards: Rewards;
  curation: Curation;
  /** Who did what to content, members, chain jobs and payouts. */
  moderation: ModerationLog;
  errors: ErrorLog;
  timers: Timers;
  /** Set once bootstrap connected to Hive. */
  connection: ChainConnection | null;
  /** This instance's chain worker, when it runs one. */
  worker: JobWorker | null;
  /** The chain, or an error saying it is not connected yet. */
  chain(): HiveChain;
  /** The signing keys, or an error saying the chain is not connected yet. */
  keys(): KeyRing;
  /** Why chain work is paused (not connected yet, no app posting key), or null. */
  paused(): string | null;
}
