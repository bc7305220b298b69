import { planFor, runSoak, SOAK_SECONDS } from './lib/run';

/**
 * Soak on SQLite: six members post, edit, comment, like, unlike and remove
 * posts on three container-mode boards with their own tokens (one keeping
 * Shanghai's day) while the devnet refuses connections, answers 5xx, drops
 * replies after accepting broadcasts and halts blocks, the app is killed
 * (SIGKILL) and restarted on the same database, and the chain's clock is taken
 * across midnight. Then, against the chain: every live post exactly once with
 * its last edit, removed posts gone or tombstoned, reward periods adding up,
 * linked members paid exactly the ledger, no job dead without a reason, no job
 * held by two workers, and no wait without a rule behind it.
 *
 * SOAK_SECONDS of load (45 in npm test; `npm run soak:long` runs 1800), every
 * other limit derived from it and from the work left at the end of the load.
 * SOAK_APP_NODE_OPTIONS is handed to the app process as NODE_OPTIONS.
 */
const plan = planFor({ instances: 1 });

describe(`soak on SQLite (${SOAK_SECONDS} s of load)`, () => {
  it(
    'loses nothing, doubles nothing, and never waits without a rule behind it',
    async () => {
      await runSoak({ name: `sqlite-${SOAK_SECONDS}s`, database: 'sqlite', instances: 1 });
    },
    plan.testTimeoutMs,
  );
});
