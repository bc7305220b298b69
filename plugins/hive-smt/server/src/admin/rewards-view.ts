import type { Core } from '@strapi/strapi';
import type { RewardBoard, PayoutBatch, RewardHistoryPoint, RewardsView } from './views';

/**
 * The Rewards page's data, read from the plugin's `rewards` service. The page
 * works without a token economy: it then says none is configured.
 *
 * Expected of `strapi.plugin('hive-smt').service('rewards')` (any missing
 * method leaves its part of the page empty):
 *   adminOverview(): Promise<{ boards: RewardBoard[] }>      pools, earners, pending vs paid per board
 *   payoutBatches({ limit }): Promise<PayoutBatch[]>          newest first
 *   history({ days }): Promise<RewardHistoryPoint[]>          per day and board: emitted and paid
 *   runPayoutNow({ boardDocumentId? }): Promise<{ batches: number; payouts: number }>
 */

function rewardsService(strapi: Core.Strapi): any | null {
  try {
    return strapi.plugin('hive-smt').service('rewards') ?? null;
  } catch {
    return null;
  }
}

const fn = (service: any, name: string) => (service && typeof service[name] === 'function' ? service[name].bind(service) : null);

export async function rewardsView(strapi: Core.Strapi): Promise<RewardsView> {
  const service = rewardsService(strapi);
  const overview = fn(service, 'adminOverview');
  const batches = fn(service, 'payoutBatches');
  const history = fn(service, 'history');
  const [o, b, h] = await Promise.all([
    overview ? overview() : null,
    batches ? batches({ limit: 50 }) : [],
    history ? history({ days: 60 }) : [],
  ]);
  const boards: RewardBoard[] = o?.boards ?? [];
  return {
    configured: boards.length > 0,
    canRunPayout: !!fn(service, 'runPayoutNow'),
    boards,
    batches: b ?? [],
    history: h ?? [],
  };
}

export class RewardsUnavailableError extends Error {}

export async function runPayoutNow(strapi: Core.Strapi, boardDocumentId?: string) {
  const run = fn(rewardsService(strapi), 'runPayoutNow');
  if (!run) throw new RewardsUnavailableError('No token economy is configured on this server, so there is nothing to pay out.');
  return run({ boardDocumentId });
}
