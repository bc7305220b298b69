import { describeWithPostgres } from '../helpers/postgres';
import { sharedLimitsSuite } from '../helpers/shared-limits';

describeWithPostgres('rate limits shared by two instances through their PostgreSQL database', () => {
  // RATE_LIMIT_STORE unset: on PostgreSQL the buckets are shared through the database by default.
  sharedLimitsSuite({}, (world) => {
    it('keeps the buckets in an unlogged table the migration created', async () => {
      const { rows } = await world().pg.query(`SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_buckets'`);
      expect(rows).toEqual([{ relpersistence: 'u' }]);
    });
  });
});
