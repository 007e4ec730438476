import { openLoop, signedCommand, WRITE } from '../lib/load';
import { OPTIONS } from '../lib/options';
import type { Proc } from '../lib/processes';
import { type Figure, ms, type ScenarioReport, table } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { type LatencySummary, medianSummary, summarize } from '../lib/stats';

/**
 * Ack latency of `/3cx tenant-property set DEFAULT_LANGUAGE en` while the PBX takes 2 s per call, open loop: for N commands in flight the
 * arrivals come at N/2 a second, evenly spaced. The bare Bolt app gets the same arrivals.
 */

const PBX_MS = 2_000;
const LEVELS = [
  { inFlight: 1, seconds: 10 },
  { inFlight: 50, seconds: 6 },
  { inFlight: 200, seconds: 5 },
].filter((level) => !OPTIONS.ackLevels || OPTIONS.ackLevels.includes(level.inFlight));
const REPS = 3;

export async function ackLatency(
  servers: Servers,
  bot: Proc,
  bare: Proc,
  variant: { busyDisk?: boolean } = {},
): Promise<ScenarioReport> {
  const levels = variant.busyDisk ? LEVELS.filter((l) => l.inFlight === 200) : LEVELS;
  const make = () => signedCommand(WRITE, servers.urls.slackUrl);
  await servers.latency(PBX_MS);
  // Warm-up: JIT, connections, the token, the caches.
  await runBot(servers, bot, 100, 2_000, make);
  await openLoop(bare.url, 100, 2_000, make);

  const rows: (string | number)[][] = [];
  const figures: Figure[] = [];
  const details: string[] = [];
  for (const level of levels) {
    const rate = level.inFlight / (PBX_MS / 1000);
    const botRuns: LatencySummary[] = [];
    const bareRuns: LatencySummary[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      botRuns.push(await runBot(servers, bot, rate, level.seconds * 1000, make));
      const bareRun = await openLoop(bare.url, rate, level.seconds * 1000, make);
      if (bareRun.errors > 0) throw new Error(`bare app answered ${bareRun.errors} requests with errors`);
      bareRuns.push(summarize(bareRun.latencies));
    }
    const b = medianSummary(botRuns);
    const y = medianSummary(bareRuns);
    rows.push(row(`bot, ${level.inFlight} in flight`, rate, b));
    rows.push(row(`bare Bolt, ${level.inFlight} in flight`, rate, y));
    details.push(
      `- ${level.inFlight} in flight: bot p99 per repetition ${botRuns.map((r) => ms(r.p99)).join(', ')}; bare ${bareRuns.map((r) => ms(r.p99)).join(', ')}`,
    );
    if (level.inFlight === 200 && variant.busyDisk) {
      figures.push({
        id: '1c',
        measure: 'Diagnostic: ack p99, 200 in flight, another process writing and fsyncing the same disk',
        result: `${ms(b.p99)} (bare ${ms(y.p99)})`,
        goal: '(none: shows that fsyncs wait off the event loop)',
        met: null,
      });
    } else if (level.inFlight === 200) {
      figures.push({
        id: '1a',
        measure: 'Ack p99, 200 in flight, PBX 2 s',
        result: ms(b.p99),
        goal: '≤ 25 ms',
        met: b.p99 <= 25,
      });
      figures.push({
        id: '1b',
        measure: 'Ack p99 against bare Bolt, 200 in flight',
        result: `${(b.p99 / y.p99).toFixed(2)}× (${ms(b.p99)} / ${ms(y.p99)})`,
        goal: '≤ 1.5×',
        met: b.p99 <= 1.5 * y.p99,
      });
    }
  }
  await servers.latency(0);
  return {
    title: variant.busyDisk
      ? '1c. Diagnostic: ack latency while another process keeps the disk busy'
      : '1. Ack latency, PBX answering in 2 s',
    figures,
    details: [
      `Open loop (undici): arrivals evenly spaced at N/2 per second for N in flight; ${REPS} repetitions per level, bot and bare Bolt alternating; medians of the per-repetition percentiles. Samples per repetition: ${levels.map((l) => `${(l.inFlight / 2) * l.seconds} at ${l.inFlight}`).join(', ')}. Latency is from sending the request to reading the whole answer. THREECX_MAX_CONCURRENCY=256 so that the PBX really has N calls open.`,
      '',
      ...table(['app, load', 'arrivals/s', 'p50', 'p95', 'p99', 'max'], rows),
      '',
      ...details,
    ],
  };
}

function row(name: string, rate: number, s: LatencySummary): (string | number)[] {
  return [name, rate, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
}

/** One open-loop run against the bot, then waits until every confirmation is posted (so the next run starts idle). */
async function runBot(
  servers: Servers,
  bot: Proc,
  rate: number,
  durationMs: number,
  make: () => ReturnType<typeof signedCommand>,
): Promise<LatencySummary> {
  await servers.clear();
  const run = await openLoop(bot.url, rate, durationMs, make);
  if (run.errors > 0) throw new Error(`bot answered ${run.errors} requests with errors`);
  const sent = run.latencies.length;
  const counts = await servers.waitFor((c) => c.posts + c.responses >= sent, `${sent} answers`, 60_000);
  if (counts.responses > 0)
    throw new Error(
      `bot failed ${counts.responses} commands: ${(await servers.privateReplies()).join(' | ')}`,
    );
  return summarize(run.latencies);
}
