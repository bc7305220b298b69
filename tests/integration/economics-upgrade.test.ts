import fs from 'fs';
import path from 'path';
import { APP_DIR } from '../helpers/strapi';
import { describeEconomicsUpgrade } from '../helpers/economics-upgrade';
import { sqliteDatabase } from '../helpers/upgrade-scenario';

describe("a SQLite database from before the plugin owned the board's token rewards component", () => {
  describeEconomicsUpgrade(async () => {
    const file = path.join(APP_DIR, '.tmp', `economics-upgrade-${process.pid}-${Date.now()}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return {
      db: sqliteDatabase(file),
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
      },
    };
  });
});
