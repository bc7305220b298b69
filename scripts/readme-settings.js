#!/usr/bin/env node
/**
 * npm run settings:readme: writes hive-smt's settings table into the README,
 * from the plugin's TypeScript source. The package build bundles the server
 * into one file, so the table's module is read from source, compiled on the
 * fly with swc (the compiler jest uses).
 */
const fs = require('fs');
const path = require('path');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
  module._compile(code, filename);
};

const { withSettingsTable } = require('../plugins/hive-smt/server/src/config/readme-table.ts');

const file = path.resolve(__dirname, '..', 'README.md');
fs.writeFileSync(file, withSettingsTable(fs.readFileSync(file, 'utf8')));
console.log('README.md: hive-smt settings table written');
