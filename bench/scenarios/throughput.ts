import { closedLoop, signedCommand, WRITE } from '../lib/load';
import type { Proc } from '../lib/processes';
import type { ScenarioReport } from '../lib/report';
import { table } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { median } from '../lib/stats';

/**
 * End-to-end throughput with a PBX that answers at once: signed `/3cx tenant-property set TIMEZONE Europe/London` in, the 3CX call made, the
 * confirmation posted to the channel; the clock stops at the last confirmation. The bare Bolt app only acks.
 * Closed loop (autocannon), the same connections and count for both.
 */

const CONNECTIONS = 32;
const AMOUNT = 3_000;
const REPS = 3;

export async function throughput(servers: Servers, bot: Proc, bare: Proc): Promise<ScenarioReport> {
  const make = () => signedCommand(WRITE, servers.urls.slackUrl);
  await servers.latency(0);
  await botRun(servers, bot, 500, make);
  await closedLoop(bare.url, CONNECTIONS, 500, make);
  const botRates: number[] = [];
  const bareRates: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    botRates.push(await botRun(servers, bot, AMOUNT, make));
    const bareRun = await closedLoop(bare.url, CONNECTIONS, AMOUNT, make);
    if (bareRun.non2xx + bareRun.errors > 0) throw new Error('bare app answered with errors');
    bareRates.push((bareRun.requests / bareRun.elapsedMs) * 1000);
  }
  const b = median(botRates);
  const y = median(bareRates);
  const rate = (r: number) => `${Math.round(r)}/s`;
  return {
    title: '2. Throughput, PBX answering at once',
    figures: [
      {
        id: '2',
        measure: 'End-to-end throughput against bare Bolt ack-only',
        result: `${(b / y).toFixed(2)} (${rate(b)} / ${rate(y)})`,
        goal: '≥ 0.5',
        met: b / y >= 0.5,
      },
    ],
    details: [
      `autocannon, ${CONNECTIONS} connections, ${AMOUNT} commands per repetition after 500 to warm up, ${REPS} repetitions alternating; medians. The bot's clock stops when the stand-in has recorded the last confirmation; the bare app's when the last ack is read. The load generator signs every request in the parent process, so the bare app's figure may be the generator's limit: the true ratio is then lower still. The bot runs with THREECX_MAX_CONCURRENCY=256, as in 1.`,
      '',
      ...table(
        ['app', 'median', 'per repetition'],
        [
          ['bot, end to end (confirmation posted)', rate(b), botRates.map(rate).join(', ')],
          ['bare Bolt, ack only', rate(y), bareRates.map(rate).join(', ')],
        ],
      ),
    ],
  };
}

/** Commands a second, from the first request sent to the last confirmation posted. */
async function botRun(
  servers: Servers,
  bot: Proc,
  amount: number,
  make: () => ReturnType<typeof signedCommand>,
): Promise<number> {
  await servers.clear();
  const started = performance.now();
  const run = await closedLoop(bot.url, CONNECTIONS, amount, make);
  if (run.non2xx + run.errors > 0) throw new Error(`bot answered ${run.non2xx + run.errors} with errors`);
  const counts = await servers.waitFor(
    (c) => c.posts + c.responses >= amount,
    `${amount} answers`,
    120_000,
    5,
  );
  if (counts.responses > 0) throw new Error(`bot failed ${counts.responses} commands`);
  return (amount / (performance.now() - started)) * 1000;
}
