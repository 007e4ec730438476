import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A database for one test: a SQLite file in a new folder, or a schema of its own on TEST_DATABASE_URL. */
export interface TestDatabase {
  url: string;
  /** The PostgreSQL schema, when it is one. */
  schema?: string;
  drop(): Promise<void>;
}

/** Runs one statement on TEST_DATABASE_URL as its admin. */
export async function adminSql(text: string): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * The back ends a replica test runs on: SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. `prefix` names
 * the temporary folder and the schema, so a failed run's leftovers say whose they are.
 */
export function databaseBackEnds(
  prefix: string,
  names: { sqlite: string; postgres: string } = { sqlite: 'SQLite file', postgres: 'PostgreSQL' },
): [string, () => Promise<TestDatabase>][] {
  const backEnds: [string, () => Promise<TestDatabase>][] = [
    [
      names.sqlite,
      async () => {
        const dir = mkdtempSync(join(tmpdir(), `3cx-${prefix}-`));
        return {
          url: `sqlite:${join(dir, 'bot.db')}`,
          drop: async () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    ],
  ];
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    backEnds.push([
      names.postgres,
      async () => {
        const schema = `${prefix.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`;
        await adminSql(`CREATE SCHEMA ${schema}`);
        const url = new URL(adminUrl);
        url.searchParams.set('options', `-c search_path=${schema}`);
        return {
          url: url.toString(),
          schema,
          drop: () => adminSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
        };
      },
    ]);
  }
  return backEnds;
}
