import { startTestBot, type TestBot } from '../../test/e2e/harness';
import { type Figure, ms, type ScenarioReport } from '../lib/report';
import { median } from '../lib/stats';

/**
 * Watches (issue 16): the XAPI cost of the default watch set, the idle CPU of a bot that watches, and the time
 * from a trunk going down on the simulator to the alert in the channel. In process: the bot, the simulator and
 * the Slack stand-in share one Node process, so the CPU figure is an upper bound for the bot alone.
 */

const DEFAULT_SET = ['trunks', 'services', 'pbx', 'licence'];
const POLLS = 10;
const IDLE_SECONDS = 20;
const ROUNDS = 5;

const pause = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

async function until<T>(fn: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(5);
  }
}

async function watchAll(t: TestBot): Promise<void> {
  for (const what of DEFAULT_SET) {
    await t.command(`watch ${what}`);
    await until(
      () =>
        t.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body).includes('set a watch'))[
          DEFAULT_SET.indexOf(what)
        ],
      `watch ${what}`,
    );
  }
}

export async function watchScenario(): Promise<ScenarioReport> {
  const details: string[] = [];
  // 1. Requests per poll, at one poll a second: at WATCH_POLL_SECONDS=60 a poll a minute costs the same.
  const fast = await startTestBot({ env: { WATCH_POLL_SECONDS: '1' } });
  let perPoll: number;
  const alertMs: number[] = [];
  try {
    await watchAll(fast);
    const trunkReads = () => fast.sim.requests.filter((r) => r.path === '/xapi/v1/Trunks').length;
    await until(() => (trunkReads() >= 1 ? true : undefined), 'the first poll');
    const fromReads = trunkReads();
    const fromAll = fast.xapiRequests().length;
    await until(() => (trunkReads() >= fromReads + POLLS ? true : undefined), `${POLLS} polls`);
    perPoll = (fast.xapiRequests().length - fromAll) / (trunkReads() - fromReads);
    // 2. Trunk down → alert, and back, ROUNDS times.
    const trunk = fast.sim.state.trunks[0] as { IsOnline: boolean };
    const alerts = () =>
      fast.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body).includes('🚨'));
    const recoveries = () =>
      fast.slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts !== undefined);
    for (let round = 0; round < ROUNDS; round++) {
      const before = alerts().length;
      const started = performance.now();
      trunk.IsOnline = false;
      await until(() => (alerts().length > before ? true : undefined), 'the alert');
      alertMs.push(performance.now() - started);
      const rec = recoveries().length;
      trunk.IsOnline = true;
      await until(() => (recoveries().length > rec ? true : undefined), 'the recovery');
    }
    details.push(
      `Default watch set (${DEFAULT_SET.join(', ')}) at WATCH_POLL_SECONDS=1: ${perPoll.toFixed(2)} XAPI requests per poll over ${POLLS} polls; alert latencies ${alertMs.map((v) => ms(v)).join(', ')} (${ROUNDS} rounds, each alert posted once: ${alerts().length} alerts, ${recoveries().length} recoveries).`,
    );
  } finally {
    await fast.close();
  }
  // 3. Idle CPU at the default interval, watches set.
  const idle = await startTestBot({ env: { WATCH_POLL_SECONDS: '60' } });
  let cpuPercent: number;
  try {
    await watchAll(idle);
    await pause(2_000);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await pause(IDLE_SECONDS * 1000);
    const used = process.cpuUsage(cpu0);
    cpuPercent = ((used.user + used.system) / 1000 / (performance.now() - t0)) * 100;
    details.push(
      `Idle for ${IDLE_SECONDS} s with the default watch set at WATCH_POLL_SECONDS=60: ${cpuPercent.toFixed(2)} % of one core for the bot, simulator and stand-in together.`,
    );
  } finally {
    await idle.close();
  }
  const alertMedian = median(alertMs);
  const alertMax = Math.max(...alertMs);
  const figures: Figure[] = [
    {
      id: 'W1',
      measure: 'XAPI requests per minute, default watch set, WATCH_POLL_SECONDS=60',
      result: perPoll.toFixed(1),
      goal: '≤ 10',
      met: perPoll <= 10,
    },
    {
      id: 'W2',
      measure: 'CPU of the idle bot with watches (in process, with simulator and stand-in)',
      result: `${cpuPercent.toFixed(2)} %`,
      goal: '≤ 1 % of a core',
      met: cpuPercent <= 1,
    },
    {
      id: 'W3',
      measure: 'trunk down on the simulator → alert posted, WATCH_POLL_SECONDS=1 (median / max)',
      result: `${ms(alertMedian)} / ${ms(alertMax)}`,
      goal: '≤ 2 polls + 1 s = 3000 ms',
      met: alertMax <= 3000,
    },
  ];
  return { title: 'Watches: idle cost and alert latency', figures, details };
}
