import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SpecError } from '../api/catalogue';
import { ConfigError } from '../config';
import { BotConfigError } from '../permissions';
import { StoreOpenError } from '../store';
import { DemoConsole } from './console';
import { personFor, unknownMember } from './people';
import { runLines } from './script';
import { startDemoStack } from './stack';

/**
 * `npm run demo`: the whole bot in one terminal, no Slack workspace and no 3CX licence needed.
 *   npm run demo                                   type at the console
 *   npm run demo -- --script examples/tour.txt     run a script and print the transcript
 *   some-command | npm run demo                    lines on stdin, the same as a script
 * Exits 1 when the bot failed to answer a step, 78 when the setup is wrong, 2 for bad arguments.
 */

const USAGE = `Usage: npm run demo [-- [--script <file>] [--config <file>] [--as <user>] [--pbxs <n>]]
  --script <file>   run the lines of <file> (commands, clicks, form answers) and print the transcript
  --config <file>   the BOT_CONFIG to run with (default examples/demo-config.yml)
  --as <user>       start as this member (default demo-admin)
  --pbxs <n>        run n simulated PBXs (2 to 50), each with a channel bound to it (default 1)`;

const DEFAULT_CONFIG = resolve(__dirname, '../../examples/demo-config.yml');

function readArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        script: { type: 'string' },
        config: { type: 'string' },
        as: { type: 'string' },
        pbxs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

function scriptLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/);
  } catch (err) {
    process.stderr.write(
      `--script ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'}); give the path of a text file with one step per line.\n`,
    );
    process.exit(2);
  }
}

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const lines = args.script ? scriptLines(args.script) : undefined;
  const interactive = !lines && process.stdin.isTTY === true;
  if (args.as && !personFor(args.as)) {
    process.stderr.write(`--as ${args.as}: ${unknownMember(args.as)}\n`);
    return 2;
  }
  const configFile = args.config ?? DEFAULT_CONFIG;
  if (!existsSync(configFile)) {
    process.stderr.write(
      `--config ${configFile}: no such file; give the path of a BOT_CONFIG file such as examples/demo-config.yml.\n`,
    );
    return 2;
  }
  const pbxs = args.pbxs === undefined ? 1 : Number(args.pbxs);
  if (!Number.isInteger(pbxs) || pbxs < 1 || pbxs > 50) {
    process.stderr.write(`--pbxs ${args.pbxs}: give a whole number of PBXs from 1 to 50.\n${USAGE}\n`);
    return 2;
  }
  const stack = await startDemoStack({ configFile, pbxs });
  const write = (line: string) => process.stdout.write(`${line}\n`);
  let failures: string[] = [];
  try {
    const demoConsole = new DemoConsole({
      stack,
      write,
      echo: !interactive,
      ...(args.as ? { user: args.as } : {}),
    });
    write(demoConsole.banner());
    if (interactive) {
      write(`  bot ${stack.eventsUrl} · Slack stand-in ${stack.slack.url} · PBX ${stack.pbxUrl}`);
      write(
        '  Type /3cx help to begin; click <N> presses button N; --as demo-viewer switches user; quit ends.',
      );
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      rl.on('SIGINT', () => rl.close());
      failures = await runLines(demoConsole, rl, () => {
        rl.setPrompt(demoConsole.prompt);
        rl.prompt();
      });
      rl.close();
      return 0;
    }
    const input = lines ?? createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    failures = await runLines(demoConsole, input);
  } finally {
    await stack.close({ keepFiles: failures.length > 0 });
  }
  if (failures.length === 0) return 0;
  process.stderr.write(
    `${failures.length} step(s) failed:\n- ${failures.join('\n- ')}\nIts log is kept at ${stack.logFile}.\n`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known =
      err instanceof ConfigError ||
      err instanceof BotConfigError ||
      err instanceof SpecError ||
      err instanceof StoreOpenError;
    process.stderr.write(`${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exit(known ? 78 : 1);
  },
);
