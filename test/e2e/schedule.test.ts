import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PgBossQueue } from '../../src/jobs';
import { type Simulator, startSimulator } from '../../src/simulator';
import { answerQuestion } from '../support/confirm';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { startTestBot, type TestBot } from './harness';

/**
 * `/3cx schedule`: what was typed, what reached 3CX (the simulator's log) and when, what the channel saw. Every
 * test runs on a SQLite file, and on PostgreSQL with pg-boss when TEST_DATABASE_URL is set.
 */

const MULTI = '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode';

/** `multicompany` is a dangerous write (DESIGN §4): scheduling it asks first, and the person confirms. */
async function confirmed(bot: TestBot, text: string): Promise<void> {
  const { replyId } = await bot.command(text);
  await answerQuestion(bot, replyId);
}
const STATUS = '/xapi/v1/SystemStatus';

interface Db {
  url: string;
  bossSchema?: string;
  drop: () => Promise<void>;
}

const backEnds: [string, () => Promise<Db>][] = [
  [
    'SQLite file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), '3cx-schedule-'));
      return {
        url: `sqlite:${join(dir, 'bot.db')}`,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
];
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const sql = async (text: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  backEnds.push([
    'PostgreSQL and pg-boss',
    async () => {
      const schema = `sched_${randomBytes(5).toString('hex')}`;
      await sql(`CREATE SCHEMA ${schema}`);
      const url = new URL(adminUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        url: url.toString(),
        bossSchema: `${schema}_boss`,
        drop: async () => {
          await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await sql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
        },
      };
    },
  ]);
}

describe.each(backEnds)('scheduled commands (%s)', (_name, makeDatabase) => {
  let db: Db;
  let sim: Simulator;
  let slack: SlackStandIn;
  const bots: TestBot[] = [];
  const start = async (options: { scheduleGraceMs?: number } = {}) => {
    const bot = await startTestBot({
      databaseUrl: db.url,
      simulator: sim,
      slackStandIn: slack,
      ...options,
      ...(db.bossSchema
        ? {
            jobs: (_store, logger) =>
              new PgBossQueue({ connectionString: db.url, logger, schema: db.bossSchema as string }),
          }
        : {}),
    });
    bots.push(bot);
    return bot;
  };
  const stop = async (bot: TestBot) => {
    bots.splice(bots.indexOf(bot), 1);
    await bot.close();
  };
  const writes = () => sim.requests.filter((r) => r.path === MULTI);
  const posts = (needle: string) =>
    slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body).includes(needle));
  const scheduleId = async (command: string) => {
    const post = await waitUntil(
      () => posts(`scheduled`).find((c) => JSON.stringify(c.body).includes(command)),
      {
        what: `the schedule of ${command} in the channel`,
      },
    );
    const id = /Schedule (s[0-9a-z]{6})/.exec(JSON.stringify(post.body))?.[1];
    expect(id).toBeDefined();
    return id as string;
  };

  beforeEach(async () => {
    db = await makeDatabase();
    sim = await startSimulator({ port: 0 });
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close().catch(() => {});
    await Promise.all([sim.close(), slack.close()]);
    await db.drop();
  });

  it('runs a command once at its time, as the person who set it, posts the outcome and audits it as a schedule', async () => {
    const bot = await start();
    await confirmed(bot, 'schedule in 1s multicompany off');
    const id = await scheduleId('multicompany off');
    expect(writes()).toHaveLength(0);
    const ran = await waitUntil(() => posts(`Scheduled run of *${id}*`)[0], {
      what: 'the scheduled run in the channel',
      timeoutMs: 10_000,
    });
    expect(ran.body.channel).toBe('C0OPS');
    expect(JSON.stringify(ran.body)).toContain('SystemStatus.SetMultiCompanyMode');
    expect(writes()).toHaveLength(1);
    expect(writes()[0]?.body).toEqual({ enable: false });
    const [row] = await bot.store.auditList({ limit: 5, operation: 'SystemStatus.SetMultiCompanyMode' });
    expect(row).toMatchObject({ userId: 'U0ADMIN', channel: 'C0OPS', source: 'schedule', outcome: 'done' });
    const listed = await bot.command('schedule list');
    expect(await bot.reply(listed.replyId)).toContain('Nothing is scheduled');
  });

  it('refuses a viewer who schedules a write, and keeps nothing', async () => {
    const bot = await start();
    const asked = await bot.command('schedule in 1s multicompany off', { user: 'U0VIEW' });
    const reply = await bot.reply(asked.replyId);
    expect(reply).toContain('You may not run SystemStatus.SetMultiCompanyMode');
    expect(reply).toContain('Nothing was scheduled');
    const listed = await bot.command('schedule list', { user: 'U0VIEW' });
    expect(await bot.reply(listed.replyId)).toContain('Nothing is scheduled');
    expect(posts('scheduled')).toHaveLength(0);
  });

  it('never runs a cancelled schedule', async () => {
    const bot = await start();
    await confirmed(bot, 'schedule in 2s multicompany off');
    const id = await scheduleId('multicompany off');
    await bot.command(`schedule cancel ${id}`);
    await waitUntil(() => posts(`cancelled schedule *${id}*`)[0], {
      what: 'the cancellation in the channel',
    });
    // A later schedule's run shows the queue went past the cancelled one's time.
    await bot.command('schedule in 3s api SystemStatus.GetSystemStatus');
    const marker = await scheduleId('api SystemStatus.GetSystemStatus');
    await waitUntil(() => posts(`Scheduled run of *${marker}*`)[0], {
      what: 'the later run',
      timeoutMs: 10_000,
    });
    expect(sim.requests.filter((r) => r.path === STATUS)).toHaveLength(1);
    expect(writes()).toHaveLength(0);
    expect(posts(`Scheduled run of *${id}*`)).toHaveLength(0);
  });

  it('survives a restart and runs once', async () => {
    const first = await start();
    await confirmed(first, 'schedule in 2s multicompany off');
    const id = await scheduleId('multicompany off');
    await stop(first);
    const second = await start();
    await waitUntil(() => posts(`Scheduled run of *${id}*`)[0], {
      what: 'the run after the restart',
      timeoutMs: 10_000,
    });
    await second.command('schedule in 1s api SystemStatus.GetSystemStatus');
    const marker = await scheduleId('api SystemStatus.GetSystemStatus');
    await waitUntil(() => posts(`Scheduled run of *${marker}*`)[0], {
      what: 'a later run',
      timeoutMs: 10_000,
    });
    expect(writes()).toHaveLength(1);
    expect(posts(`Scheduled run of *${id}*`)).toHaveLength(1);
  });

  it('reports a run missed by more than the grace instead of running it late', async () => {
    const first = await start();
    await confirmed(first, 'schedule in 1s multicompany off');
    const id = await scheduleId('multicompany off');
    const due = Date.now() + 1000;
    await stop(first);
    // The bot was down past the due time and the grace: the next start finds the run overdue.
    await waitUntil(() => Date.now() > due + 300, { what: 'the due time and grace to pass' });
    await start({ scheduleGraceMs: 200 });
    const missed = await waitUntil(() => posts(`Schedule *${id}*`)[0], {
      what: 'the missed-run notice',
      timeoutMs: 10_000,
    });
    expect(JSON.stringify(missed.body)).toContain('not run late');
    expect(writes()).toHaveLength(0);
  });

  it('explains a time it cannot read and a form it cannot fill later', async () => {
    const bot = await start();
    const late = await bot.command('schedule at 25:00 multicompany off');
    expect(await bot.reply(late.replyId)).toContain('not a time of day');
    const form = await bot.command('schedule in 1h tenant-property set');
    expect(await bot.reply(form.replyId)).toContain('would open a form');
    const nothing = await bot.command('schedule in 1h');
    expect(await bot.reply(nothing.replyId)).toContain('Say what to run after \\"in 1h\\"');
    const vague = await bot.command('schedule tonight multicompany off');
    expect(await bot.reply(vague.replyId)).toContain('does not say when');
  });
});

const replicaDescribe = adminUrl ? describe : describe.skip;

replicaDescribe('two replicas on PostgreSQL (set TEST_DATABASE_URL to run)', () => {
  it('run a schedule once between them', async () => {
    const make = backEnds[1]?.[1];
    if (!make) throw new Error('no PostgreSQL back end');
    const db = await make();
    const sim = await startSimulator({ port: 0 });
    const slack = await startSlackStandIn();
    const replicas: TestBot[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        replicas.push(
          await startTestBot({
            databaseUrl: db.url,
            simulator: sim,
            slackStandIn: slack,
            jobs: (_store, logger) =>
              new PgBossQueue({ connectionString: db.url, logger, schema: db.bossSchema as string }),
          }),
        );
      }
      const [a, b] = replicas as [TestBot, TestBot];
      await confirmed(a, 'schedule in 1s multicompany off');
      await b.command('schedule in 2s api SystemStatus.GetSystemStatus');
      const runs = () =>
        slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body).includes('Scheduled run of'));
      await waitUntil(() => runs().length >= 2, { what: 'both scheduled runs', timeoutMs: 15_000 });
      // One more poll of each replica's worker: a duplicate would be posted now.
      await a.command('schedule in 1s api SystemStatus.GetSystemStatus');
      await waitUntil(() => runs().length >= 3, { what: 'a later run', timeoutMs: 15_000 });
      expect(sim.requests.filter((r) => r.path === MULTI)).toHaveLength(1);
      expect(runs()).toHaveLength(3);
    } finally {
      for (const bot of replicas) await bot.close().catch(() => {});
      await Promise.all([sim.close(), slack.close()]);
      await db.drop();
    }
  });
});
