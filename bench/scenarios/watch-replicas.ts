import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PgBossQueue } from '../../src/jobs';
import { startSimulator } from '../../src/simulator';
import { startTestBot, type TestBot } from '../../test/e2e/harness';
import { startSlackStandIn } from '../../test/support/slack-stand-in';
import { OPTIONS } from '../lib/options';
import { type Figure, ms, type ScenarioReport } from '../lib/report';
import { median } from '../lib/stats';
import { until } from './watch';

/**
 * Watches on three replicas sharing one PostgreSQL database (pg-boss jobs): the trunks of one PBX go down and up
 * again, 100 state changes in all, and every alert and recovery must reach the channel exactly once. The replicas,
 * the simulator and the Slack stand-in share this process; the stand-in counts chat.postMessage calls.
 */

const REPLICAS = 3;
const TRUNKS = 10;
/** Each round turns every trunk down, then up again: 2 × TRUNKS state changes. */
const ROUNDS = 5;
/** Polls after the last change in which a late duplicate would show. */
const SETTLE_POLLS = 5;

type Obj = Record<string, unknown>;

async function sql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function watchReplicasScenario(): Promise<ScenarioReport> {
  const title = `Watches on ${REPLICAS} replicas, one PostgreSQL database`;
  const adminUrl = OPTIONS.databaseUrl;
  if (!adminUrl) {
    const figure: Figure = {
      id: 'W4',
      measure: `alerts posted exactly once, ${REPLICAS} replicas on PostgreSQL, ${2 * TRUNKS * ROUNDS} state changes`,
      result: 'not run: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)',
      goal: 'each once',
      met: null,
    };
    return { title: `${title}: not run`, figures: [figure], details: ['No PostgreSQL server was given.'] };
  }
  const schema = `bench_watch_${randomBytes(4).toString('hex')}`;
  await sql(adminUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(adminUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const sim = await startSimulator({ port: 0 });
  const slack = await startSlackStandIn();
  const replicas: TestBot[] = [];
  /** The replica stopped half way (closed there, not again at the end). */
  let stopped = -1;
  try {
    // Ten trunks, each with a name of its own, so each alert says which trunk it is about.
    const model = sim.state.trunks[0] as Obj;
    sim.state.trunks.splice(0);
    for (let i = 1; i <= TRUNKS; i++) {
      const gateway = { ...((model.Gateway as Obj | undefined) ?? {}), Name: `Bench trunk ${i}` };
      sim.state.trunks.push({
        ...model,
        Id: i,
        Number: String(20_000 + i),
        Gateway: gateway,
        IsOnline: true,
      });
    }
    for (let i = 0; i < REPLICAS; i++) {
      replicas.push(
        await startTestBot({
          databaseUrl,
          simulator: sim,
          slackStandIn: slack,
          // One 3CX token for all, in the database, as `npm start` keeps it: a token request revokes the last one.
          sharedToken: true,
          env: { WATCH_POLL_SECONDS: '1' },
          jobs: (_store, logger) =>
            new PgBossQueue({ connectionString: databaseUrl, logger, schema: `${schema}_boss` }),
        }),
      );
    }
    const first = replicas[0] as TestBot;
    await first.command('watch trunks');
    const posts = () => slack.callsTo('chat.postMessage');
    await until(() => posts().find((c) => JSON.stringify(c.body).includes('set a watch')), 'the watch');
    const trunkReads = () => sim.requests.filter((r) => r.path === '/xapi/v1/Trunks').length;
    await until(() => (trunkReads() >= 2 ? true : undefined), 'two polls');
    const alerts = () =>
      posts().filter((c) => c.body.thread_ts === undefined && JSON.stringify(c.body).includes('🚨'));
    const recoveries = () => posts().filter((c) => c.body.thread_ts !== undefined);
    const downMs: number[] = [];
    const started = performance.now();
    const polled = (r: TestBot) => r.logs.some((l) => l.includes('"op":"Trunks.ListTrunk"'));
    for (let round = 0; round < ROUNDS; round++) {
      // Half way, the replica that has been polling stops (a deploy, a crash): another must take over, with the
      // state the first one left in the database, and still post each alert once.
      if (round === Math.floor(ROUNDS / 2)) {
        stopped = replicas.findIndex(polled);
        if (stopped >= 0) await (replicas[stopped] as TestBot).close();
      }
      for (const [online, count, times] of [
        [false, alerts, downMs],
        [true, recoveries, undefined],
      ] as const) {
        const before = count().length;
        const t0 = performance.now();
        for (const trunk of sim.state.trunks as Obj[]) trunk.IsOnline = online;
        await until(
          () => (count().length >= before + TRUNKS ? true : undefined),
          `round ${round + 1}: ${TRUNKS} ${online ? 'recoveries' : 'alerts'}`,
          30_000,
        );
        times?.push(performance.now() - t0);
      }
    }
    const reads = trunkReads();
    await until(
      () => (trunkReads() >= reads + SETTLE_POLLS ? true : undefined),
      'polls after the last change',
    );
    const seconds = (performance.now() - started) / 1000;
    // One alert per trunk per round, one recovery per trunk per round, and nothing else from the watch.
    const perTrunk = new Map<string, number>();
    for (const c of alerts()) {
      const name = /Bench trunk \d+/.exec(JSON.stringify(c.body))?.[0] ?? '?';
      perTrunk.set(name, (perTrunk.get(name) ?? 0) + 1);
    }
    const changes = 2 * TRUNKS * ROUNDS;
    const alertCount = alerts().length;
    const recoveryCount = recoveries().length;
    const eachOnce =
      alertCount === TRUNKS * ROUNDS &&
      recoveryCount === TRUNKS * ROUNDS &&
      perTrunk.size === TRUNKS &&
      [...perTrunk.values()].every((n) => n === ROUNDS);
    const pollers = replicas.filter(polled).length;
    const details = [
      `${REPLICAS} bots on one PostgreSQL database (pg-boss, its own schema), WATCH_POLL_SECONDS=1, \`watch trunks\` on one PBX with ${TRUNKS} trunks; ${ROUNDS} rounds of all trunks down then all up: ${changes} state changes in ${seconds.toFixed(0)} s.`,
      `chat.postMessage calls counted on the Slack stand-in: ${alertCount} alerts (expected ${TRUNKS * ROUNDS}), ${recoveryCount} recovery replies in the alerts' threads (expected ${TRUNKS * ROUNDS}); per trunk: ${[...perTrunk.values()].join(', ')} alerts (expected ${ROUNDS} each). Counted again after ${SETTLE_POLLS} more polls, so a late duplicate would show.`,
      `Replicas that polled: ${pollers} of ${REPLICAS} (each slot's poll runs on one of them; ${stopped >= 0 ? `replica ${stopped + 1}, which had polled so far, was stopped before round ${Math.floor(ROUNDS / 2) + 1} and another took over` : 'none had polled before the half-way stop'}). Time from all trunks down to the ${TRUNKS}th alert: ${downMs.map((v) => ms(v)).join(', ')}.`,
    ];
    const figures: Figure[] = [
      {
        id: 'W4',
        measure: `alerts posted exactly once, ${REPLICAS} replicas on PostgreSQL, ${changes} trunk state changes`,
        result: `${alertCount} alerts + ${recoveryCount} recoveries for ${changes} changes`,
        goal: 'each once',
        met: eachOnce,
      },
      {
        id: 'W4b',
        measure: `${TRUNKS} trunks down → the last of their alerts posted, ${REPLICAS} replicas (median / max)`,
        result: `${ms(median(downMs))} / ${ms(Math.max(...downMs))}`,
        goal: '≤ 2 polls + 1 s = 3000 ms',
        met: Math.max(...downMs) <= 3000,
      },
    ];
    return { title, figures, details };
  } finally {
    for (const [i, bot] of replicas.entries()) if (i !== stopped) await bot.close().catch(() => {});
    await Promise.all([sim.close(), slack.close()]);
    await sql(adminUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await sql(adminUrl, `DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`).catch(() => {});
  }
}
