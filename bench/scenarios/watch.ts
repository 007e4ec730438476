import { readFileSync } from 'node:fs';
import { startTestBot, type TestBot } from '../../test/e2e/harness';
import { signedCommand } from '../lib/load';
import { spawnBot } from '../lib/processes';
import { type Figure, ms, type ScenarioReport } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { median } from '../lib/stats';

/**
 * Watches (issue 16), measured two ways:
 * - The idle cost at the default interval (WATCH_POLL_SECONDS=60) on the bot as it runs in production: `node
 *   main.js` in a process of its own, beside the child that holds the simulator and the Slack stand-in. Its XAPI
 *   requests are counted by the simulator over a window of whole minutes, and its CPU is read from
 *   /proc/<pid>/stat (utime + stime) at both ends of the window, so it is the bot's alone.
 * - Requests per poll and the time from a trunk going down to the alert, at one poll a second, with the bot in
 *   this process (the test harness) so the trunk can be turned down on the simulator directly.
 */

export const DEFAULT_SET = ['trunks', 'services', 'pbx', 'licence'];
const POLLS = 10;
/** Two minutes: two polls at WATCH_POLL_SECONDS=60, whatever the phase of the poll against the window. */
const IDLE_WINDOW_S = 120;
const ROUNDS = 5;

const pause = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

export async function until<T>(fn: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(5);
  }
}

/** Sets the default watch set from `t` and waits for each confirmation in the channel. */
export async function watchAll(t: TestBot): Promise<void> {
  const confirmations = () =>
    t.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body).includes('set a watch'));
  const before = confirmations().length;
  for (const [i, what] of DEFAULT_SET.entries()) {
    await t.command(`watch ${what}`);
    await until(() => confirmations()[before + i], `watch ${what}`);
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ: 100 on every Linux Node supports.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** The spawned bot with watches, left idle: its own CPU and the XAPI requests it makes per minute. */
async function idleCost(
  servers: Servers,
): Promise<{ cpuPercent: number; perMinute: number; detail: string }> {
  const bot = await spawnBot(servers.urls, { env: { WATCH_POLL_SECONDS: '60' } });
  try {
    const posts0 = (await servers.counts()).posts;
    for (const [i, what] of DEFAULT_SET.entries()) {
      const req = signedCommand(`watch ${what}`, servers.urls.slackUrl);
      const res = await fetch(bot.url, { method: 'POST', body: req.body, headers: req.headers });
      if (res.status !== 200) throw new Error(`watch ${what}: HTTP ${res.status}`);
      await servers.waitFor((c) => c.posts >= posts0 + i + 1, `the confirmation of watch ${what}`, 20_000);
    }
    // Start-up and the commands settle first (JIT, the first token, the catalogue read).
    await pause(5_000);
    const pid = bot.child.pid as number;
    const xapi0 = (await servers.counts()).xapi;
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    await pause(IDLE_WINDOW_S * 1000);
    const cpu = cpuSeconds(pid) - cpu0;
    const seconds = (performance.now() - t0) / 1000;
    const requests = (await servers.counts()).xapi - xapi0;
    const cpuPercent = (cpu / seconds) * 100;
    const perMinute = requests / (seconds / 60);
    const detail =
      `Idle cost, bot in its own process (\`node main.js\`, SQLite, WATCH_POLL_SECONDS=60) with the default watch ` +
      `set (${DEFAULT_SET.join(', ')}) on one PBX, over ${seconds.toFixed(0)} s: ${requests} XAPI requests ` +
      `(${perMinute.toFixed(1)} a minute) and ${cpu.toFixed(2)} s of CPU (${cpuPercent.toFixed(2)} % of one core), ` +
      'read from /proc/<pid>/stat (utime + stime) of the bot process alone; the simulator and the Slack stand-in ' +
      'run in another process and are not counted.';
    return { cpuPercent, perMinute, detail };
  } finally {
    await bot.stop();
  }
}

export async function watchScenario(servers: Servers): Promise<ScenarioReport> {
  const details: string[] = [];
  // 1. Requests per poll and alert latency, at one poll a second, in process.
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
    // Trunk down → alert, and back, ROUNDS times.
    const trunk = fast.sim.state.trunks[0] as {
      IsOnline: boolean;
      Number?: string;
      Gateway?: { Name?: string };
    };
    // This trunk's alerts only: the simulator's PBX may have other things to alert about (a stopped service).
    const name = trunk.Gateway?.Name ?? `trunk ${trunk.Number}`;
    const posts = () =>
      fast.slack.callsTo('chat.postMessage').map((c) => ({ c, text: JSON.stringify(c.body) }));
    const alerts = () => posts().filter((p) => p.text.includes('🚨') && p.text.includes(name));
    const recoveries = () => posts().filter((p) => p.c.body.thread_ts !== undefined && p.text.includes(name));
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
      `Default watch set at WATCH_POLL_SECONDS=1, bot in process: ${perPoll.toFixed(2)} XAPI requests per poll over ${POLLS} polls (one read per watch kind; at one poll a minute that is ${perPoll.toFixed(1)} a minute). Trunk down on the simulator → alert posted: ${alertMs.map((v) => ms(v)).join(', ')} (${ROUNDS} rounds; a state must hold for two polls, so it takes one to two intervals; ${alerts().length} alerts and ${recoveries().length} recoveries of that trunk for ${ROUNDS} downs and ups).`,
    );
  } finally {
    await fast.close();
  }
  // 2. The idle cost at the default interval, the bot in its own process.
  const idle = await idleCost(servers);
  details.push(idle.detail);
  const alertMax = Math.max(...alertMs);
  const figures: Figure[] = [
    {
      id: 'W1',
      measure: 'XAPI requests per minute, default watch set on one PBX, WATCH_POLL_SECONDS=60',
      result: `${idle.perMinute.toFixed(1)} (${perPoll.toFixed(1)} per poll × 1 poll a minute)`,
      goal: '≤ 10',
      met: idle.perMinute <= 10 && perPoll <= 10,
    },
    {
      id: 'W2',
      measure: 'CPU of the idle bot with watches (its own process, /proc utime + stime)',
      result: `${idle.cpuPercent.toFixed(2)} %`,
      goal: '≤ 1 % of a core',
      met: idle.cpuPercent <= 1,
    },
    {
      id: 'W3',
      measure: 'trunk down on the simulator → alert posted, WATCH_POLL_SECONDS=1 (median / max)',
      result: `${ms(median(alertMs))} / ${ms(alertMax)}`,
      goal: '≤ 2 polls + 1 s = 3000 ms',
      met: alertMax <= 3000,
    },
  ];
  return { title: 'Watches: idle cost and alert latency', figures, details };
}
