import type { Core } from '@strapi/strapi';
import { registerAdminActions } from './permissions';
import { registerMuteCheck } from '../curation/mutes';
import { createCuration } from '../curation/service';

export { adminRoutes } from './routes';
export { dashboard as dashboardController, curation as curationController } from './controllers';
export { default as dashboardService } from './service';
export const curationService = ({ strapi }: { strapi: Core.Strapi }) => createCuration(strapi);

/** The admin side's register step: its RBAC actions (before the admin syncs roles) and the mute check on new posts and comments. */
export async function registerAdminSide(strapi: Core.Strapi) {
  registerMuteCheck(strapi);
  await registerAdminActions(strapi);
}
