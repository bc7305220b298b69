#!/usr/bin/env node
// Prints jest's totals as the one line CI reads: "N passed, N failed".
const fs = require('fs');
const file = process.argv[2];
let passed = 0;
let failed = 1;
try {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = results.numPassedTests;
  // A suite that failed to run (syntax error, failed beforeAll) has no failed tests but must still count.
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch (error) {
  console.error(`no jest results at ${file}: ${error.message}`);
}
console.log(`${passed} passed, ${failed} failed`);
