'use strict';
// A jest reporter: without TEST_DATABASE_URL the PostgreSQL suites skip themselves, and a green run would otherwise
// not say that half of the store's contract went untested. Plain JavaScript: jest loads reporters as they are.

const NOTICE =
  'PostgreSQL suites were SKIPPED (TEST_DATABASE_URL is not set): the store contract, replicas and processes ran ' +
  'on SQLite only. To run them: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test';

class PostgresReporter {
  constructor(_globalConfig, options = {}) {
    this.env = options.env ?? process.env;
    this.write = options.write ?? ((text) => process.stderr.write(text));
  }

  onRunComplete() {
    if (!this.env.TEST_DATABASE_URL) this.write(`\n${NOTICE}\n`);
  }
}

module.exports = PostgresReporter;
module.exports.NOTICE = NOTICE;
