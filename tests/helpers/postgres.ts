import { Client } from 'pg';

/**
 * PostgreSQL for the multi-instance tests. .ci/run installs and starts it and
 * sets QUANZI_TEST_POSTGRES (an URL whose role may create databases); each test
 * file gets a database of its own. Without it, these tests are skipped on a
 * developer machine and fail in CI.
 */
export const POSTGRES_ADMIN_URL = process.env.QUANZI_TEST_POSTGRES ?? '';

export function describeWithPostgres(name: string, body: () => void) {
  if (POSTGRES_ADMIN_URL) return describe(name, body);
  if (process.env.CI) {
    return describe(name, () => {
      it('needs PostgreSQL: QUANZI_TEST_POSTGRES is not set', () => {
        throw new Error('QUANZI_TEST_POSTGRES is not set; .ci/run starts PostgreSQL and sets it.');
      });
    });
  }
  return describe.skip(`${name} (skipped: set QUANZI_TEST_POSTGRES to run)`, body);
}

export async function createTestDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `quanzi_${label}_${process.pid}_${Date.now()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
