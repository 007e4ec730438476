import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Simulator, startSimulator } from '../../src/simulator';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';

/**
 * The bot as a real process (`node --import tsx src/main.ts`), for tests that need several of them or need to
 * kill one. Start-up is awaited on its "ready" log line, never on a fixed sleep.
 */

const ROOT = resolve(__dirname, '../..');

export interface BotProcess {
  url: string;
  /** Every log line the process wrote so far (pino JSON on stdout, anything else on stderr). */
  lines: string[];
  child: ChildProcess;
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGKILL: no shutdown, no finishing of anything in flight. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ match: (line: string) => boolean; done: (line: string) => void }>();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const onLine = (line: string) => {
    lines.push(line);
    for (const w of waiters) if (w.match(line)) w.done(line);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);

  const waitForLine = (match: (line: string) => boolean, ms = 10_000) => {
    const seen = lines.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((done, fail) => {
      const waiter = {
        match,
        done: (line: string) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          done(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        fail(
          new Error(
            `bot process: no matching log line in ${ms} ms; last lines:\n${lines.slice(-5).join('\n')}`,
          ),
        );
      }, ms);
      waiters.add(waiter);
      void exited.then(() => {
        if (!waiters.has(waiter)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        fail(new Error(`bot process exited (${child.exitCode}); last lines:\n${lines.slice(-5).join('\n')}`));
      });
    });
  };

  const ready = await waitForLine((l) => l.includes('3cx-slack is ready'), timeoutMs).catch(async (err) => {
    child.kill('SIGKILL');
    throw err;
  });
  const port = (JSON.parse(ready) as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    lines,
    child,
    waitForLine,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What tests of bot processes share: a folder with the permissions file, the simulator and the Slack stand-in. */
export interface ProcessWorld {
  dir: string;
  sim: Simulator;
  slack: SlackStandIn;
}

/**
 * Gives each test a fresh world (`onStart` receives it) and, after it, SIGKILLs every process left in `running`
 * and closes the servers, so no test sees another's processes or state.
 */
export function useProcessWorld(
  options: { config: string; prefix: string; running: BotProcess[] },
  onStart: (world: ProcessWorld) => void,
): void {
  let world: ProcessWorld | undefined;
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), options.prefix));
    writeFileSync(join(dir, 'bot.yaml'), options.config);
    world = { dir, sim: await startSimulator({ port: 0 }), slack: await startSlackStandIn() };
    onStart(world);
  });
  afterEach(async () => {
    await Promise.all(options.running.splice(0).map((p) => p.kill9()));
    if (!world) return;
    await Promise.all([world.sim.close(), world.slack.close()]);
    rmSync(world.dir, { recursive: true, force: true });
  });
}
