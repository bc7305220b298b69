#!/usr/bin/env node
/** npm run settings:readme: writes hive-smt's settings table into the README (from the built plugin). */
const fs = require('fs');
const path = require('path');
const { withSettingsTable } = require('../plugins/hive-smt/dist/server/src/config/readme-table');

const file = path.resolve(__dirname, '..', 'README.md');
fs.writeFileSync(file, withSettingsTable(fs.readFileSync(file, 'utf8')));
console.log('README.md: hive-smt settings table written');
