import fs from 'fs';
import path from 'path';
import { APP_DIR } from '../helpers/strapi';
import { describeFeedUpgrade, sqliteDatabase } from '../helpers/upgrade-scenario';

describe('a SQLite database written by an earlier version, after the upgrade', () => {
  describeFeedUpgrade(async () => {
    const file = path.join(APP_DIR, '.tmp', `upgrade-${process.pid}-${Date.now()}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return {
      db: sqliteDatabase(file),
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
      },
    };
  });
});
