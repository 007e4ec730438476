import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CONFIG } from '../../test/e2e/harness';
import { OPTIONS } from './options';
import type { ServerUrls } from './servers';

/**
 * The processes under test, spawned as they run in production: the bot from a fresh `tsc` build (`node main.js`),
 * and the bare Bolt app beside it. Each bot gets its own temporary SQLite database.
 */

export const SIGNING_SECRET = 'bench-signing-secret';
const ROOT = path.join(__dirname, '..', '..');
export const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', '3cx-bench');
export const WORK_DIR = mkdtempSync(path.join(tmpdir(), '3cx-bench-'));

/** Compiles src and the bare app; type errors elsewhere in a tree being edited do not stop the emit. */
export function build(): string {
  let output = '';
  try {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        path.join(ROOT, 'bench/tsconfig.build.json'),
        '--outDir',
        BUILD_DIR,
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    output = String((err as { stdout?: Buffer }).stdout ?? err);
  }
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/copy-assets.js'), path.join(BUILD_DIR, 'src')]);
  return output;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  port: number;
  url: string;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  readyMs: number;
  stop(): Promise<void>;
}

let counter = 0;

export interface BotOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
}

export async function spawnBot(urls: ServerUrls, options: BotOptions = {}): Promise<Proc> {
  const n = ++counter;
  const configFile = path.join(WORK_DIR, 'bot-config.yml');
  writeFileSync(configFile, DEMO_CONFIG);
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: urls.slackApiUrl,
    THREECX_URL: urls.simUrl,
    THREECX_CLIENT_ID: 'sim-client',
    THREECX_CLIENT_SECRET: 'sim-secret',
    BOT_CONFIG: configFile,
    DATABASE_URL: `sqlite:${path.join(OPTIONS.dbDir ?? WORK_DIR, `3cx-bench-bot-${process.pid}-${n}.db`)}`,
    MCU_POLL_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const main = path.join(BUILD_DIR, 'src', 'main.js');
  // Open a profile in Chrome DevTools › Performance, or sum its self time per file.
  const profile = OPTIONS.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(WORK_DIR, 'profiles')}`] : [];
  return launch([...profile, ...OPTIONS.nodeArgs, ...(options.nodeArgs ?? []), main], env, port, `bot-${n}`);
}

export async function spawnBare(): Promise<Proc> {
  const port = await freePort();
  const script = path.join(BUILD_DIR, 'bench', 'bare-bolt.js');
  return launch([script, String(port), SIGNING_SECRET], { PATH: process.env.PATH ?? '' }, port, 'bare');
}

/** The hand-written Bolt app doing the bot's I/O per command and nothing else (bolt-same-io.ts). */
export async function spawnSameIo(urls: ServerUrls): Promise<Proc> {
  const port = await freePort();
  const script = path.join(BUILD_DIR, 'bench', 'bolt-same-io.js');
  return launch(
    [script, String(port), SIGNING_SECRET, urls.simUrl, urls.slackApiUrl],
    { PATH: process.env.PATH ?? '' },
    port,
    'same-io',
  );
}

async function launch(
  args: string[],
  env: Record<string, string>,
  port: number,
  name: string,
): Promise<Proc> {
  const log = openSync(path.join(WORK_DIR, `${name}.log`), 'a');
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', log, log], cwd: WORK_DIR });
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `${name} exited (${code ?? signal}); see ${path.join(WORK_DIR, `${name}.log`)}`;
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(exited);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error(`${name} not ready after 30 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    port,
    url: `${base}/slack/events`,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** Resident set size of a process, now and at its peak, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Resets the peak (VmHWM) to the current RSS, so a later peak belongs to what ran in between. */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
