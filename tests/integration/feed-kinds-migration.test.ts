import fs from 'fs';
import path from 'path';
import { APP_DIR } from '../helpers/strapi';
import { describeKindsMigration, knexFactory } from '../helpers/feed-kinds-migration';

describe('the kinds migration of the feed table, on SQLite', () => {
  describeKindsMigration(async () => {
    const file = path.join(APP_DIR, '.tmp', `kinds-migration-${process.pid}-${Date.now()}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
    return { knex, client: 'sqlite', drop: async () => fs.rmSync(file, { force: true }) };
  });
});
