// The reporter is plain JavaScript that jest loads as it is.
const PostgresReporter = require('./postgres-reporter') as new (
  globalConfig: unknown,
  options: { env: Record<string, string | undefined>; write: (text: string) => void },
) => { onRunComplete(): void };

it('says plainly at the end of a run without TEST_DATABASE_URL that the PostgreSQL suites were skipped', () => {
  const out: string[] = [];
  new PostgresReporter({}, { env: {}, write: (t) => out.push(t) }).onRunComplete();
  expect(out.join('')).toMatch(/PostgreSQL suites were SKIPPED \(TEST_DATABASE_URL is not set\)/);
  const quiet: string[] = [];
  new PostgresReporter(
    {},
    { env: { TEST_DATABASE_URL: 'postgres://x' }, write: (t) => quiet.push(t) },
  ).onRunComplete();
  expect(quiet).toEqual([]);
});
