import type { Core } from '@strapi/strapi';
import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import rewardsController from './controllers/rewards';
import rewardsRouter from './routes/rewards';
import rewardServices from './services/rewards';
import { bootstrapRewards, registerRewards } from './rewards/lifecycle';

/** The hive-smt plugin's server side, as Strapi loads it from dist/. Token rewards (rewards/) join each part. */
export = {
  async register(context: { strapi: Core.Strapi }) {
    await register(context);
    registerRewards(context.strapi);
  },
  async bootstrap(context: { strapi: Core.Strapi }) {
    await bootstrap(context);
    await bootstrapRewards(context.strapi);
  },
  destroy,
  config,
  contentTypes,
  controllers: { ...controllers, rewards: rewardsController },
  routes: { ...routes, rewards: rewardsRouter },
  services: { ...services, ...rewardServices },
};
