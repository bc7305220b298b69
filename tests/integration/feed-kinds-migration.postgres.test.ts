import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { describeKindsMigration, knexFactory } from '../helpers/feed-kinds-migration';

describeWithPostgres('the kinds migration of the feed table, on PostgreSQL', () => {
  describeKindsMigration(async () => {
    const database = await createTestDatabase('kinds_migration');
    const knex = knexFactory({ client: 'pg', connection: database.url });
    return { knex, client: 'postgres', drop: database.drop };
  });
});
