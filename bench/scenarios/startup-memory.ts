import { burst, Pool, signedCommand, WRITE } from '../lib/load';
import { memoryOf, spawnBot } from '../lib/processes';
import { type Figure, ms, type ScenarioReport, table } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { median } from '../lib/stats';

/**
 * Start-up of the real process (`node main.js` from a fresh build) until `GET /healthz` answers 200, and its
 * resident memory after start and after 10,000 and 20,000 commands.
 */

const BATCH = 10_000;
/** Commands in flight end to end: the next chunk goes when every confirmation of this one is posted. */
const CHUNK = 50;
const SETTLE_MS = 2_000;

const mb = (value: number) => `${value.toFixed(1)} MB`;
const pause = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

export async function startupMemory(servers: Servers, earlierReadyMs: number[]): Promise<ScenarioReport> {
  await servers.latency(0);
  const bot = await spawnBot(servers.urls);
  const readyMs = [...earlierReadyMs, bot.readyMs];
  const pid = bot.child.pid as number;
  const rows: string[][] = [];
  let afterStart: number;
  const marks: number[] = [];
  try {
    await pause(SETTLE_MS);
    afterStart = memoryOf(pid).rssMb;
    rows.push(['after start', mb(afterStart), '']);
    for (let batch = 1; batch <= 2; batch++) {
      await servers.clear();
      const started = performance.now();
      const pool = new Pool(new URL(bot.url).origin, { connections: CHUNK });
      for (let sent = CHUNK; sent <= BATCH; sent += CHUNK) {
        const statuses = await burst(bot.url, CHUNK, () => signedCommand(WRITE, servers.urls.slackUrl), pool);
        if (statuses.some((s) => s !== 200)) throw new Error(`bot refused commands: ${statuses.join(',')}`);
        await servers.waitFor((c) => c.posts + c.responses >= sent, `${sent} answers`, 60_000, 2);
      }
      await pool.close();
      const seconds = (performance.now() - started) / 1000;
      await pause(SETTLE_MS);
      const rss = memoryOf(pid).rssMb;
      marks.push(rss);
      rows.push([
        `after ${(batch * BATCH).toLocaleString('en-US')} commands`,
        mb(rss),
        `${Math.round(BATCH / seconds)} commands/s`,
      ]);
    }
  } finally {
    await bot.stop();
  }
  const ready = median(readyMs);
  const [at10k = Number.NaN, at20k = Number.NaN] = marks;
  const growth = ((at20k - at10k) / at10k) * 100;
  const figures: Figure[] = [
    {
      id: '5a',
      measure: 'Start-up to /healthz 200',
      result: ms(ready),
      goal: '≤ 1,000 ms',
      met: ready <= 1000,
    },
    {
      id: '5b',
      measure: 'RSS after start',
      result: mb(afterStart),
      goal: '≤ 120 MB',
      met: afterStart <= 120,
    },
    {
      id: '5c',
      measure: 'RSS growth, 10,000 → 20,000 commands',
      result: `${growth.toFixed(1)} % (${mb(at10k)} → ${mb(at20k)})`,
      goal: '≤ 10 %',
      met: growth <= 10,
    },
  ];
  return {
    title: '5. Start-up and memory',
    figures,
    details: [
      `Start-up: from \`spawn(node main.js)\` to the first 200 from /healthz (polled every 5 ms), over ${readyMs.length} fresh processes (each with a new SQLite database): ${readyMs.map(ms).join(', ')}; median ${ms(ready)}.`,
      `Memory: VmRSS from /proc, ${SETTLE_MS / 1000} s after start and after each batch of ${BATCH.toLocaleString('en-US')} \`/3cx tenant-property set DEFAULT_LANGUAGE en\` (in chunks of ${CHUNK} sent at once, the next chunk when every confirmation of the last is posted, so no backlog builds up: what stays in memory is what the bot keeps, not work waiting its turn). One process, one run: the figure is a trajectory, not a repetition.`,
      '',
      ...table(['when', 'RSS', 'batch rate'], rows),
    ],
  };
}
