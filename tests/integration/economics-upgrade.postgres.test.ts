import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { describeEconomicsUpgrade } from '../helpers/economics-upgrade';
import { postgresDatabase } from '../helpers/upgrade-scenario';

describeWithPostgres("a PostgreSQL database from before the plugin owned the board's token rewards component", () => {
  describeEconomicsUpgrade(async () => {
    const database = await createTestDatabase('economics-upgrade');
    return { db: postgresDatabase(database.url), drop: database.drop };
  });
});
