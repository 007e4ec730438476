import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { openStore } from '../../src/store';
import { storeContract } from './contract';

/**
 * Runs when TEST_DATABASE_URL points at a PostgreSQL server whose user may create databases, e.g.
 * TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres. Each run creates its own database and drops it
 * afterwards; each test gets its own schema in it, so runs and tests never see each other's rows.
 */
const adminUrl = process.env.TEST_DATABASE_URL;

if (!adminUrl) {
  describe.skip('PostgreSQL store (set TEST_DATABASE_URL=postgres://… to run)', () => {
    it('needs TEST_DATABASE_URL', () => {});
  });
} else {
  describe('PostgreSQL store', () => {
    const database = `store_test_${randomBytes(6).toString('hex')}`;
    const testUrl = new URL(adminUrl);
    testUrl.pathname = `/${database}`;
    let pool: Pool | undefined;
    let n = 0;
    let current = '';

    const admin = async (sql: string) => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      await admin(`CREATE DATABASE ${database}`);
      pool = new Pool({ connectionString: testUrl.toString(), max: 2 });
    });

    afterAll(async () => {
      await pool?.end();
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });

    const urlFor = (schema: string) => {
      const url = new URL(testUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return url.toString();
    };

    it('opened read-only (npm run audit:export), reads and refuses every write', async () => {
      await pool?.query('CREATE SCHEMA readonly_t');
      const writer = await openStore(urlFor('readonly_t'));
      await writer.migrate();
      await writer.auditBegin({
        requestId: 'r1',
        at: 1,
        userId: 'U1',
        channel: 'C1',
        pbx: 'default',
        operation: 'X.Y',
        params: {},
        source: 'command',
      });
      await writer.close();
      const reader = await openStore(urlFor('readonly_t'), { readOnly: true });
      try {
        expect(await reader.schemaVersion()).toBeGreaterThanOrEqual(4);
        expect((await reader.auditList({ limit: 5 })).map((r) => r.requestId)).toEqual(['r1']);
        const write = await reader
          .auditBegin({
            requestId: 'r2',
            at: 2,
            userId: 'U1',
            channel: 'C1',
            pbx: 'default',
            operation: 'X.Y',
            params: {},
            source: 'command',
          })
          .then(
            () => 'written',
            (err: Error) => err.message,
          );
        expect(write).toMatch(/read-only/);
      } finally {
        await reader.close();
      }
    });

    storeContract({
      async open(options) {
        n += 1;
        const schema = `t${n}`;
        await pool?.query(`CREATE SCHEMA ${schema}`);
        current = urlFor(schema);
        return openStore(current, options);
      },
      openPeer: (options) => openStore(current, options),
      async rawText() {
        const schema = `t${n}`;
        const tables = await pool?.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        );
        const dumps: string[] = [];
        for (const { table_name } of tables?.rows ?? []) {
          const rows = await pool?.query<{ row: string }>(
            `SELECT t::text AS row FROM ${schema}.${table_name} t`,
          );
          dumps.push(...(rows?.rows ?? []).map((r) => r.row));
        }
        return dumps.join('\n');
      },
    });
  });
}
