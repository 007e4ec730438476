import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import { type JobQueue, PgBossQueue } from '../../src/jobs';
import { jobQueueContract } from './contract';

/**
 * Runs when TEST_DATABASE_URL points at PostgreSQL. Each test gets its own pg-boss schema, created by the queue's
 * start() as the bot's is, and dropped afterwards.
 */
const url = process.env.TEST_DATABASE_URL;

if (!url) {
  describe.skip('job queue on pg-boss (set TEST_DATABASE_URL=postgres://… to run)', () => {
    it('needs TEST_DATABASE_URL', () => {});
  });
} else {
  describe('job queue on pg-boss', () => {
    const logger = pino({ level: 'silent' });
    const schemas: string[] = [];
    let schema = '';
    const queues: JobQueue[] = [];

    const queue = () => {
      const q = new PgBossQueue({ connectionString: url, logger, schema });
      queues.push(q);
      return q;
    };
    const close = async () => {
      await Promise.all(queues.splice(0).map((q) => q.stop()));
    };

    afterAll(async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      } finally {
        await client.end();
      }
    });

    jobQueueContract({
      async open() {
        schema = `jobs_${randomBytes(5).toString('hex')}`;
        schemas.push(schema);
        return queue();
      },
      peer: async () => queue(),
      async restart() {
        await close();
        return queue();
      },
      close,
    });
  });
}
