import { adminCreateBoard, call, registerFirstAdmin } from './rest-client';
import { startAppProcess, type AppProc } from './processes';
import type { RawDatabase } from './upgrade-scenario';

/**
 * A board's "Token rewards" component moved from the app (hive.token-economics)
 * into the plugin (hive-smt.token-economics). A database written before the
 * move names the old component in the board's component join table; booted by
 * this version, every board must keep its economics and the rows name the
 * plugin's component. Strapi deletes join rows naming no known component
 * after a schema sync that changed something, so the earlier database here
 * also lacks an index Strapi will recreate: the sync changes, the repair runs.
 */
export const ECONOMICS_MIGRATION = '2026.12.02T02.00.00.hive-economics-component.js';
const OLD_UID = 'hive.token-economics';
const NEW_UID = 'hive-smt.token-economics';

const APP_ENV = { HIVE_WORKER_ENABLED: 'false', HIVE_DEVNET_PORT: '0', HIVE_DEVNET_BLOCK_MS: '100' };

const ECONOMICS = { enabled: true, symbol: 'SNAP', precision: 3, issuer: 'photo-tokens', mode: 'issue', rewardPerInterval: '7', rewardIntervalSeconds: 60, cashoutWindowDays: 3 };

const ok = async (promise: Promise<{ status: number; body: any }>, what: string) => {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
};

const componentTypes = async (db: RawDatabase) => (await db.query(`SELECT component_type FROM boards_cmps WHERE field = ? ORDER BY entity_id`, ['economics'])).map((r) => r.component_type);

export function describeEconomicsUpgrade(open: () => Promise<{ db: RawDatabase; drop: () => Promise<void> }>) {
  let db: RawDatabase;
  let drop: () => Promise<void>;
  let app: AppProc | null = null;
  let admin: string;
  let boards: Array<{ documentId: string }>;
  const boot = async () => (app = await startAppProcess({ ...db.appEnv, ...APP_ENV }));
  const stop = async () => {
    await app?.stop();
    app = null;
  };
  const economicsOf = async (documentId: string) =>
    (await ok(call(app!.url, 'GET', `/content-manager/collection-types/api::board.board/${documentId}`, undefined, admin), 'reading a board')).data.economics;

  beforeAll(async () => {
    ({ db, drop } = await open());
    const { url } = await boot();
    admin = await registerFirstAdmin(url);
    const board = (slug: string, economics: Record<string, unknown>) =>
      adminCreateBoard(url, admin, { name: `Board ${slug}`, slug, kind: 'interest', hiveAccount: 'riverside-photo', moderationMode: 'direct', active: true, economics });
    boards = [await board('economics-a', ECONOMICS), await board('economics-b', { ...ECONOMICS, symbol: 'MAPLE', issuer: 'maple-tokens', rewardPerInterval: '2' })];
    await stop();

    // As an earlier version left it: the app's component named in the join table, no record of the rename.
    await db.query(`UPDATE boards_cmps SET component_type = ? WHERE component_type = ?`, [OLD_UID, NEW_UID]);
    await db.query(`DELETE FROM strapi_migrations WHERE name = ?`, [ECONOMICS_MIGRATION]);
    await db.query(`DROP INDEX boards_documents_idx`);
    await boot();
  }, 240000);

  afterAll(async () => {
    await stop();
    await drop?.();
  });

  test('every board keeps its token rewards, and the rows name the plugin component', async () => {
    expect(await componentTypes(db)).toEqual([NEW_UID, NEW_UID]);
    const [a, b] = [await economicsOf(boards[0].documentId), await economicsOf(boards[1].documentId)];
    expect(a).toMatchObject(ECONOMICS);
    expect(b).toMatchObject({ ...ECONOMICS, symbol: 'MAPLE', issuer: 'maple-tokens', rewardPerInterval: '2' });
    expect(await db.query(`SELECT name FROM strapi_migrations WHERE name = ?`, [ECONOMICS_MIGRATION])).toHaveLength(1);
  });

  test('a second run of the rename changes nothing', async () => {
    await stop();
    await db.query(`DELETE FROM strapi_migrations WHERE name = ?`, [ECONOMICS_MIGRATION]);
    await boot();
    expect(await componentTypes(db)).toEqual([NEW_UID, NEW_UID]);
    expect(await economicsOf(boards[0].documentId)).toMatchObject(ECONOMICS);
  }, 120000);
}
