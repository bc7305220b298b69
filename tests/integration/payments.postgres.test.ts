import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { describePaymentRaces } from '../helpers/payment-scenario';

describeWithPostgres('paying merchants under racing requests, on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  describePaymentRaces(
    async () => {
      database = await createTestDatabase('payments');
      return startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
    },
    async () => {
      await stopStrapi();
      await database?.drop();
    },
  );
});
