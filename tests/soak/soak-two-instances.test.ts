import { POSTGRES_ADMIN_URL } from '../helpers/postgres';
import { planFor, runSoak, SOAK_SECONDS } from './lib/run';

/**
 * The same soak on PostgreSQL with two app processes on one database, both
 * running chain workers, members spread over both: each instance is killed
 * (SIGKILL) and restarted mid-run while the other carries on. Besides the
 * invariants of the SQLite soak, the database's lease records must show no job
 * ever held by two workers at once.
 *
 * Long (`npm run soak:pg`, 1800 s of load by default), so not part of npm test:
 * it runs when SOAK_POSTGRES=1 and QUANZI_TEST_POSTGRES point at a server.
 */
const enabled = process.env.SOAK_POSTGRES === '1';
const plan = planFor({ instances: 2 });

(enabled ? describe : describe.skip)(`soak on PostgreSQL with two instances (${SOAK_SECONDS} s of load)${enabled ? '' : ' (skipped: npm run soak:pg)'}`, () => {
  it(
    'loses nothing, doubles nothing, holds no job twice, and never waits without a rule behind it',
    async () => {
      if (!POSTGRES_ADMIN_URL) throw new Error('QUANZI_TEST_POSTGRES is not set: the two-instance soak needs a PostgreSQL server (a role that may create databases).');
      await runSoak({ name: `postgres-2x-${SOAK_SECONDS}s`, database: 'postgres', instances: 2 });
    },
    plan.testTimeoutMs,
  );
});
