/**
 * The README's table of hive-smt's settings is the one made from the plugin's
 * settings table (config/settings.ts): a setting added, renamed or given a new
 * default there and not in the README fails here. `npm run settings:readme` rewrites it.
 */
import fs from 'fs';
import path from 'path';
import { withSettingsTable } from '../../plugins/hive-smt/server/src/config/readme-table';
import { SETTINGS } from '../../plugins/hive-smt/server/src/config/settings';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

it('holds every setting of the plugin, as config/settings.ts has it', () => {
  expect(readme).toBe(withSettingsTable(readme));
  for (const setting of SETTINGS) expect(readme).toContain(`| \`${setting.env}\` |`);
});

it('has a translation of every setting for the Settings page, in English and Chinese', () => {
  for (const language of ['en', 'zh-Hans']) {
    const messages = JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../plugins/hive-smt/admin/src/translations/${language}.json`), 'utf8'));
    for (const setting of SETTINGS) expect([language, setting.key, typeof messages[`settings.key.${setting.key}`]]).toEqual([language, setting.key, 'string']);
  }
});
