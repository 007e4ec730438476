import { closedLoop, signedCommand, WRITE } from '../lib/load';
import type { Proc } from '../lib/processes';
import type { ScenarioReport } from '../lib/report';
import { table } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { median } from '../lib/stats';

/**
 * End-to-end throughput with a PBX that answers at once: signed `/3cx tenant-property set DEFAULT_LANGUAGE en` in, the 3CX call made, the
 * confirmation posted to the channel; the clock stops at the last confirmation. The bare Bolt app only acks.
 * Closed loop (autocannon), the same connections and count for both.
 */

const CONNECTIONS = 32;
const AMOUNT = 3_000;
const REPS = 3;

export async function throughput(
  servers: Servers,
  bot: Proc,
  bare: Proc,
  sameIo: Proc,
): Promise<ScenarioReport> {
  const make = () => signedCommand(WRITE, servers.urls.slackUrl);
  await servers.latency(0);
  await botRun(servers, bot, 500, make);
  await botRun(servers, sameIo, 500, make);
  await closedLoop(bare.url, CONNECTIONS, 500, make);
  const botRates: number[] = [];
  const sameRates: number[] = [];
  const bareRates: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    botRates.push(await botRun(servers, bot, AMOUNT, make));
    sameRates.push(await botRun(servers, sameIo, AMOUNT, make));
    const bareRun = await closedLoop(bare.url, CONNECTIONS, AMOUNT, make);
    if (bareRun.non2xx + bareRun.errors > 0) throw new Error('bare app answered with errors');
    bareRates.push((bareRun.requests / bareRun.elapsedMs) * 1000);
  }
  const b = median(botRates);
  const s = median(sameRates);
  const y = median(bareRates);
  const rate = (r: number) => `${Math.round(r)}/s`;
  return {
    title: '2. Throughput, PBX answering at once',
    figures: [
      {
        id: '2',
        measure:
          'End-to-end throughput against a hand-written Bolt app doing the same I/O (ack, one axios call, one chat.postMessage)',
        result: `${(b / s).toFixed(2)} (${rate(b)} / ${rate(s)})`,
        goal: '≥ 0.8',
        met: b / s >= 0.8,
      },
      {
        id: '2b',
        measure: 'End-to-end throughput against bare Bolt ack-only (information)',
        result: `${(b / y).toFixed(2)} (${rate(b)} / ${rate(y)})`,
        goal: '—',
        met: true,
      },
    ],
    details: [
      `autocannon, ${CONNECTIONS} connections, ${AMOUNT} commands per repetition after 500 to warm up, ${REPS} repetitions alternating; medians. The bot's and the same-I/O app's clocks stop when the stand-in has recorded the last channel post; the bare app's when the last ack is read. The same-I/O app (bench/bolt-same-io.ts) acks, makes one axios PATCH to the simulator with a token fetched once at start, and posts one chat.postMessage, with none of the bot's parsing, permissions, validation, durable claims, audit or words. The load generator signs every request in the parent process. The bot runs with THREECX_MAX_CONCURRENCY=256, as in 1.`,
      '',
      ...table(
        ['app', 'median', 'per repetition'],
        [
          ['bot, end to end (confirmation posted)', rate(b), botRates.map(rate).join(', ')],
          ['hand-written Bolt, same I/O (post sent)', rate(s), sameRates.map(rate).join(', ')],
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
