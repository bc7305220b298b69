import { adminRoutes } from '../admin/routes';
import { rewardRoutes } from './rewards';

/** The admin panel's routes (/hive-smt/...) and the members' routes (/api/..., see rewards.ts). */
export default {
  admin: { type: 'admin', routes: adminRoutes },
  rewards: { type: 'content-api', routes: rewardRoutes },
};
