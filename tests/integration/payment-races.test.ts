import { startStrapi } from '../helpers/strapi';
import { describePaymentRaces } from '../helpers/payment-scenario';

describe('paying merchants under racing requests, on SQLite', () => {
  describePaymentRaces(() => startStrapi({ HIVE_WORKER_ENABLED: 'false' }));
});
