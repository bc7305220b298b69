import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { describeFeedUpgrade, postgresDatabase } from '../helpers/upgrade-scenario';

describeWithPostgres('a PostgreSQL database written by an earlier version, after the upgrade', () => {
  describeFeedUpgrade(async () => {
    const database = await createTestDatabase('upgrade');
    return { db: postgresDatabase(database.url), drop: database.drop };
  });
});
