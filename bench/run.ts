import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDiskWriter } from './lib/disk-writer';
import { type Machine, machine, uptime } from './lib/machine';
import { OPTIONS } from './lib/options';
import { BUILD_DIR, build, type Proc, spawnBare, spawnBot, spawnSameIo, WORK_DIR } from './lib/processes';
import { type ScenarioReport, status, table } from './lib/report';
import { Servers } from './lib/servers-client';
import { ackLatency } from './scenarios/ack-latency';
import { everyday } from './scenarios/everyday';
import { fleetScenario } from './scenarios/fleet';
import { largeList } from './scenarios/large-list';
import { overhead } from './scenarios/overhead';
import { startupMemory } from './scenarios/startup-memory';
import { throughput } from './scenarios/throughput';
import { tokens } from './scenarios/tokens';
import { watchScenario } from './scenarios/watch';
import { watchReplicasScenario } from './scenarios/watch-replicas';

/**
 * `npm run bench`: builds the bot, runs every scenario against the simulator on 127.0.0.1 and writes
 * BENCHMARKS.md at the root of the repository. Knobs for profiling: lib/options.ts.
 */

const ROOT = path.join(__dirname, '..');
const USERS = 10_000;

type Step = (servers: Servers, state: State) => Promise<ScenarioReport>;
interface State {
  readyMs: number[];
  procs: Proc[];
}

const withBotAndBare =
  (scenario: (servers: Servers, bot: Proc, bare: Proc) => Promise<ScenarioReport>): Step =>
  async (servers, state) => {
    const bot = await spawnBot(servers.urls, { env: { THREECX_MAX_CONCURRENCY: '256' } });
    const bare = await spawnBare();
    state.procs.push(bot, bare);
    try {
      return await scenario(servers, bot, bare);
    } finally {
      await Promise.all([bot.stop(), bare.stop()]);
    }
  };

const STEPS: [string, Step][] = [
  ['ack', withBotAndBare((servers, bot, bare) => ackLatency(servers, bot, bare))],
  // Diagnostic: the same at 200 in flight while another process keeps the bot's disk busy with fsyncs.
  [
    'ack-busy-disk',
    async (servers, state) => {
      // The disk the bots' databases are on.
      const writer = startDiskWriter(OPTIONS.dbDir ?? WORK_DIR);
      try {
        return await withBotAndBare((s, bot, bare) => ackLatency(s, bot, bare, { busyDisk: true }))(
          servers,
          state,
        );
      } finally {
        await writer.stop();
      }
    },
  ],
  [
    'throughput',
    withBotAndBare(async (servers, bot, bare) => {
      const sameIo = await spawnSameIo(servers.urls);
      try {
        return await throughput(servers, bot, bare, sameIo);
      } finally {
        await sameIo.stop();
      }
    }),
  ],
  ['overhead', () => overhead()],
  [
    'tokens',
    async (servers, state) => {
      const result = await tokens(servers);
      state.readyMs.push(...result.readyMs);
      return result.report;
    },
  ],
  ['startup', (servers, state) => startupMemory(servers, state.readyMs)],
  ['list', (servers) => largeList(servers, USERS)],
  ['everyday', (servers) => everyday(servers, USERS)],
  ['watch', (servers) => watchScenario(servers)],
  ['watch-replicas', () => watchReplicasScenario()],
  ['fleet', () => fleetScenario()],
];

async function main(): Promise<void> {
  const only = OPTIONS.only;
  const started = Date.now();
  const before = machine();
  log(`building into ${path.relative(ROOT, BUILD_DIR)} …`);
  const buildErrors = build();
  if (buildErrors) log(`tsc reported errors (the build was emitted anyway):\n${buildErrors}`);
  log(`logs and profiles go to ${WORK_DIR}`);
  const servers = await Servers.start(USERS);
  const state: State = { readyMs: [], procs: [] };
  const reports: ScenarioReport[] = [];
  let failed = 0;
  try {
    for (const [name, step] of STEPS) {
      if (only && !only.includes(name)) continue;
      const t = Date.now();
      log(`${name} …`);
      let report: ScenarioReport;
      try {
        report = await step(servers, state);
      } catch (err) {
        // One broken scenario must not cost the figures of the others: it is reported as failed.
        failed++;
        log(`  failed: ${(err as Error)?.stack ?? String(err)}`);
        report = { title: `${name}: failed`, figures: [], details: [`\`${String(err)}\``] };
      }
      reports.push(report);
      for (const f of report.figures) log(`  ${f.measure}: ${f.result} (goal ${f.goal}) ${status(f.met)}`);
      log(`  ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
  } finally {
    await Promise.all(state.procs.map((p) => p.stop()));
    servers.close();
    // BENCH_DB_DIR may be a shared folder such as /dev/shm; the run's own temporary directory is left for reading.
    if (OPTIONS.dbDir) removeDatabases(OPTIONS.dbDir);
  }
  const seconds = (Date.now() - started) / 1000;
  const file = only ? path.join(WORK_DIR, 'BENCHMARKS.md') : path.join(ROOT, 'BENCHMARKS.md');
  writeFileSync(file, render(before, uptime(), seconds, reports));
  log(`wrote ${file} in ${seconds.toFixed(0)} s`);
  if (failed > 0) process.exitCode = 1;
}

function render(m: Machine, after: string, seconds: number, reports: ScenarioReport[]): string {
  const figures = reports.flatMap((r) => r.figures);
  const notesFile = path.join(__dirname, 'notes.md');
  const notes = readFileSync(notesFile, 'utf8').trim();
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts); the analysis at the end comes from bench/notes.md. -->',
    '',
    `- Date: ${m.date}; the run took ${Math.round(seconds)} s`,
    `- CPU: ${m.cpu}, ${m.cores} cores; ${m.memoryGb} GB RAM; ${m.os}`,
    `- Node ${m.node}`,
    `- Load before: \`${m.uptime}\``,
    `- Load after: \`${after}\``,
    '- Everything on 127.0.0.1: the XAPI simulator and the Slack stand-in in one child process, the bot (and the bare Bolt app) each in their own, the load generator in the parent.',
    '',
    ...table(
      ['#', 'measure', 'result', 'goal', 'status'],
      figures.map((f) => [f.id, f.measure, f.result, f.goal, status(f.met)]),
    ),
    '',
    ...reports.flatMap((r) => [`## ${r.title}`, '', ...r.details, '']),
    notes,
    '',
  ].join('\n');
}

/** The SQLite files (and their -wal, -shm) this run left in a directory. */
function removeDatabases(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (name.startsWith(`3cx-bench-bot-${process.pid}-`)) rmSync(path.join(dir, name), { force: true });
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
