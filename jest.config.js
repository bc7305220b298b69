/**
 * One jest run for everything: pure unit tests next to the code they test
 * (plugins/hive-smt/**, packages/hive-devnet/**), integration suites against a real Strapi (tests/**).
 * TypeScript test files are transformed by swc; the app and plugin under test
 * are the compiled dist/ trees that `npm test` builds first.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/plugins/hive-smt', '<rootDir>/packages/hive-devnet', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tests/e2e/screenshots/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 60000,
  // The secret scan runs last and reads what every other file's app sent and logged.
  testSequencer: '<rootDir>/tests/helpers/scan-sequencer.js',
  // ...and waits until the reporter has heard that every other file finished.
  reporters: ['default', '<rootDir>/tests/helpers/scan-reporter.js'],
  maxWorkers: 2,
};
