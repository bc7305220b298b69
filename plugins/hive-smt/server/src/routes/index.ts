import { adminRoutes } from '../admin';

export default {
  'content-api': { type: 'content-api', routes: [] },
  admin: { type: 'admin', routes: adminRoutes },
};
