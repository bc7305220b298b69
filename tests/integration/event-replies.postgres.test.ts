import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { describeEventReplies } from '../helpers/event-scenario';

describeWithPostgres('replies to events and check-ins, on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  describeEventReplies(
    async () => {
      database = await createTestDatabase('events');
      return startStrapi({ DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url, HIVE_WORKER_ENABLED: 'false' });
    },
    async () => {
      await stopStrapi();
      await database?.drop();
    },
  );
});
