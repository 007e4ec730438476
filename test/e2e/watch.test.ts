import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PgBossQueue } from '../../src/jobs';
import { startSimulator } from '../../src/simulator';
import { startSlackStandIn } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { startTestBot, type TestBot } from './harness';

/**
 * `/3cx watch`: the simulator's trunk state is changed as an admin console would, the bot polls every second
 * (WATCH_POLL_SECONDS=1), and what the channel saw is read from the Slack stand-in.
 */

const TRUNKS = '/xapi/v1/Trunks';
const FAST = { WATCH_POLL_SECONDS: '1' };

type Trunk = { Id: number; Number?: string; IsOnline: boolean; Gateway?: { Name?: string } };

const text = (c: { body: unknown }) => JSON.stringify(c.body);

/** A trunk that is up in the seed, and how alerts name it; the seed may have others down already. */
function upTrunk(t: TestBot, skip = 0): { trunk: Trunk; label: string } {
  const trunk = (t.sim.state.trunks as Trunk[]).filter((x) => x.IsOnline)[skip];
  if (!trunk) throw new Error('the seed has no trunk that is up');
  return { trunk, label: `${trunk.Gateway?.Name} (${trunk.Number})` };
}

function watchOf(t: TestBot, label = upTrunk(t).label) {
  const trunkPolls = () => t.sim.requests.filter((r) => r.path === TRUNKS).length;
  const posts = () => t.slack.callsTo('chat.postMessage');
  const alerts = () => posts().filter((c) => text(c).includes('🚨') && text(c).includes(label));
  const recoveries = () =>
    posts().filter(
      (c) => c.body.thread_ts !== undefined && text(c).includes('recovered') && text(c).includes(label),
    );
  /** Resolves once `n` more polls have read the trunks. */
  const polls = async (n: number) => {
    const from = trunkPolls();
    await waitUntil(() => trunkPolls() >= from + n, {
      what: `${n} more trunk polls`,
      timeoutMs: 5_000 + n * 2_000,
    });
  };
  const set = async (command: string, user = 'U0ADMIN') => {
    await t.command(command, { user });
    const post = await waitUntil(() => posts().find((c) => text(c).includes('set a watch')), {
      what: 'the watch',
    });
    return /Watch (w[0-9a-z]{6})/.exec(text(post))?.[1] as string;
  };
  return { trunkPolls, posts, alerts, recoveries, polls, set };
}

describe('watch trunks', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({ env: FAST });
  });
  afterEach(async () => {
    await t.close();
  });

  it('posts one alert when a trunk goes down and one recovery, in its thread, when it comes back', async () => {
    const { trunk, label } = upTrunk(t);
    const w = watchOf(t, label);
    const id = await w.set('watch trunks');
    expect(id).toMatch(/^w/);
    await w.polls(1);
    expect(w.alerts()).toHaveLength(0);
    trunk.IsOnline = false;
    const alert = await waitUntil(() => w.alerts()[0], { what: 'the alert', timeoutMs: 10_000 });
    expect(alert.body.channel).toBe('C0OPS');
    expect(text(alert)).toContain(label);
    expect(text(alert)).toContain('*default*');
    expect(text(alert)).toContain('Acknowledge');
    await w.polls(3);
    expect(w.alerts()).toHaveLength(1);

    const ts = (alert.answer as { ts: string }).ts;
    const acked = await t.click('watch_ack', `${id}|trunk:${trunk.Id}`, { messageTs: ts });
    expect(acked.status).toBe(200);
    await waitUntil(
      () =>
        t.slack
          .callsTo('chat.update')
          .find((c) => c.body.ts === ts && text(c).includes('acknowledged by <@U0ADMIN>')),
      { what: 'the alert edited to name who acknowledged it' },
    );

    trunk.IsOnline = true;
    const reply = await waitUntil(() => w.recoveries()[0], { what: 'the recovery', timeoutMs: 10_000 });
    expect(reply.body.thread_ts).toBe(ts);
    await waitUntil(
      () => t.slack.callsTo('chat.update').find((c) => c.body.ts === ts && text(c).includes('recovered')),
      { what: 'the alert edited to show the recovery' },
    );
    await w.polls(3);
    expect(w.recoveries()).toHaveLength(1);
    expect(w.alerts()).toHaveLength(1);
  });

  it('says nothing about a one-poll blip', async () => {
    const { trunk, label } = upTrunk(t);
    const w = watchOf(t, label);
    await w.set('watch trunks');
    await w.polls(1);
    trunk.IsOnline = false;
    await w.polls(1);
    trunk.IsOnline = true;
    await w.polls(3);
    expect(w.alerts()).toHaveLength(0);
  });

  it('lists and stops watches; a viewer may not set one', async () => {
    const w = watchOf(t);
    const id = await w.set('watch trunks');
    const listed = await t.command('watch list');
    expect(await t.reply(listed.replyId)).toContain(id);
    const denied = await t.command('watch services', { user: 'U0VIEW' });
    expect(await t.reply(denied.replyId)).toContain('needs the `watch` permission');
    const bad = await t.command('watch toasters');
    expect(await t.reply(bad.replyId)).toContain(
      'I can watch trunks, services, pbx, changes, backups, updates, phones, queue, licence',
    );
    await t.command(`unwatch ${id}`);
    await waitUntil(() => w.posts().find((c) => text(c).includes(`stopped watch *${id}*`)), {
      what: 'the unwatch',
    });
    const after = await t.command('watch list');
    expect(await t.reply(after.replyId)).toContain('Nothing is watched');
    // With no watch left, polls read nothing from the PBX.
    const before = w.trunkPolls();
    upTrunk(t).trunk.IsOnline = false;
    await t.command('schedule in 2s api SystemStatus.GetSystemStatus');
    await waitUntil(() => w.posts().find((c) => text(c).includes('Scheduled run of')), {
      what: 'a later moment',
      timeoutMs: 10_000,
    });
    expect(w.trunkPolls()).toBe(before);
    expect(w.alerts()).toHaveLength(0);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;
const replicaDescribe = adminUrl ? describe : describe.skip;

replicaDescribe('watch on two replicas sharing PostgreSQL (set TEST_DATABASE_URL to run)', () => {
  it('posts one alert and one recovery between them', async () => {
    const url = adminUrl as string;
    const schema = `watch_${randomBytes(5).toString('hex')}`;
    const sql = async (q: string) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await sql(`CREATE SCHEMA ${schema}`);
    const dbUrl = new URL(url);
    dbUrl.searchParams.set('options', `-c search_path=${schema}`);
    const sim = await startSimulator({ port: 0 });
    const slack = await startSlackStandIn();
    const bots: TestBot[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        bots.push(
          await startTestBot({
            env: FAST,
            databaseUrl: dbUrl.toString(),
            simulator: sim,
            slackStandIn: slack,
            jobs: (_s, logger) =>
              new PgBossQueue({ connectionString: dbUrl.toString(), logger, schema: `${schema}_boss` }),
          }),
        );
      }
      const { trunk, label } = upTrunk(bots[0] as TestBot);
      const w = watchOf(bots[0] as TestBot, label);
      await w.set('watch trunks');
      await w.polls(2);
      trunk.IsOnline = false;
      await waitUntil(() => w.alerts()[0], { what: 'the alert', timeoutMs: 15_000 });
      await w.polls(3);
      trunk.IsOnline = true;
      await waitUntil(() => w.recoveries()[0], { what: 'the recovery', timeoutMs: 15_000 });
      await w.polls(3);
      expect(w.alerts()).toHaveLength(1);
      expect(w.recoveries()).toHaveLength(1);
    } finally {
      for (const bot of bots) await bot.close().catch(() => {});
      await Promise.all([sim.close(), slack.close()]);
      await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await sql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
    }
  });
});
