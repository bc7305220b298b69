/**
 * The settings table of the README ("hive-smt's settings"), made from
 * config/settings.ts: `npm run settings:readme` writes it, a test checks the
 * README holds exactly this.
 */
import { SETTINGS, type Setting } from './settings';

export const README_TABLE_START = "<!-- hive-smt's settings: generated from plugins/hive-smt/server/src/config/settings.ts by npm run settings:readme -->";
export const README_TABLE_END = "<!-- end of hive-smt's settings -->";

const code = (value: unknown) => `\`${Array.isArray(value) ? value.join(',') : String(value)}\``;

function defaultOf(setting: Setting): string {
  if (setting.defaultText) return setting.defaultText;
  const production = setting.fallback({ test: false, env: {} });
  const test = setting.fallback({ test: true, env: {} });
  const shown = production === undefined || production === '' ? 'unset' : code(production);
  return test !== production ? `${shown} (${test === null ? 'none' : code(test)} under NODE_ENV=test)` : shown;
}

export function settingsTable(): string {
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | ${s.group} | ${s.label} | ${defaultOf(s)} |`);
  return ['| variable | group | meaning | default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README with its settings block replaced by the current table. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) throw new Error(`the README has no block between "${README_TABLE_START}" and "${README_TABLE_END}"`);
  return `${readme.slice(0, start + README_TABLE_START.length)}\n${settingsTable()}\n${readme.slice(end)}`;
}
