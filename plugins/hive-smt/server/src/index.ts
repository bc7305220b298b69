import { createPlugin } from './plugin';

export type { HiveSmtServices } from './services';
export type { MirrorService } from './services/mirror';
export type { EngagementService, RewardsService, AccountsService } from './services/rewards';
export type { ReviewQueue, ReviewQueueQuery, ReviewService } from './curation/review-queue';
export type { ActivityMark, LikeActivity, PaymentActivity, BoardPool } from './rewards/activity';
export type { ChainStatus } from './mirror/status';
export type { PostExtras, PostExtrasProvider } from './mirror/post-extras';
export type { PublicChainStatus, PublicChainError } from './mirror/public-status';
export type { LocalEconomyViews, MerchantView, PaymentView, RedemptionView, PaymentFilter, RedemptionFilter } from './economy/views';

/** The hive-smt plugin's server side, as Strapi loads it (package entry `./strapi-server`). */
export default createPlugin();
