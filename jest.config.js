/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 20000,
  // Says plainly when the PostgreSQL suites were skipped for want of TEST_DATABASE_URL.
  reporters: ['default', '<rootDir>/test/support/postgres-reporter.js'],
};
