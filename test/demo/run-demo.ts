import { resolve } from 'node:path';
import { DemoConsole } from '../../src/demo/console';
import { runLines } from '../../src/demo/script';
import { startDemoStack } from '../../src/demo/stack';

/** Runs demo lines in this process, as `npm run demo -- --script` would, and answers the transcript. */

export const ROOT = resolve(__dirname, '../..');
export const DEMO_CONFIG_FILE = resolve(ROOT, 'examples/demo-config.yml');

/** The environment the demo reads its PBX settings from: the simulator, whatever the machine has set. */
export const DEMO_ENV = { LOG_LEVEL: 'info' };

export interface DemoRun {
  lines: string[];
  failures: string[];
  /** XAPI requests the simulator received (token requests left out): what reached the PBX. */
  pbx: { method: string; path: string; body: unknown }[];
}

export async function runDemo(
  input: string[],
  options: { user?: string; pbxs?: number } = {},
): Promise<DemoRun> {
  const stack = await startDemoStack({
    configFile: DEMO_CONFIG_FILE,
    env: DEMO_ENV,
    ...(options.pbxs ? { pbxs: options.pbxs } : {}),
  });
  const lines: string[] = [];
  try {
    const console = new DemoConsole({
      stack,
      write: (line) => lines.push(line),
      echo: true,
      ...(options.user ? { user: options.user } : {}),
    });
    lines.push(console.banner());
    const failures = await runLines(console, input);
    const pbx = (stack.simulator?.requests ?? [])
      .filter((r) => r.path.startsWith('/xapi/'))
      .map((r) => ({ method: r.method, path: r.path, body: r.body }));
    return { lines, failures, pbx };
  } finally {
    await stack.close();
  }
}

/**
 * What changes from one run to the next is replaced by a placeholder: request ids, timestamps, durations. Trailing
 * blanks go too. Everything else must match exactly.
 */
export function normalize(text: string): string {
  return (
    text
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>')
      .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, '<timestamp>')
      .replace(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b/g, '<time>')
      // A time is shown without its date when it is today: whether a call of five hours ago is today or yesterday
      // depends on the hour the demo runs at, so both forms read the same.
      .replace(/\b\d{2}:\d{2} UTC\b/g, '<time>')
      // Watch and schedule ids are made at random when they are set.
      .replace(/\b((?:un)?watch|Schedule|schedule cancel|run of) [ws][0-9a-z]{6}\b/gi, '$1 <id>')
      // A scheduled backup is named after the minute it ran (`slack-202612070002`), a date after its weekday.
      .replace(/\b\d{12}\b/g, '<stamp>')
      .replace(/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?=<time>)/g, '')
      .replace(/\b\d+(?:\.\d+)? (?:ms|s)\b/g, '<duration>')
      // How long ago or until: a day later the same session says one more day
      .replace(/\b(?:\d+ (?:min|h|d) ago|in \d+ (?:min|h|d))\b/g, '<relative>')
      .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<date>')
      .replace(/[ \t]+$/gm, '')
      .trim()
  );
}

/** The input lines of a transcript: what followed each prompt, and the narration. */
export function inputsOf(transcript: string[]): string[] {
  const inputs: string[] = [];
  for (const line of transcript) {
    const typed = /^[\w-]+ › (.*)$/.exec(line);
    const answered = /^ {2}│ ›(?: (.*))?$/.exec(line);
    if (typed) inputs.push(typed[1] ?? '');
    else if (answered) inputs.push(answered[1] ?? '');
    else if (line.startsWith('#')) inputs.push(line);
  }
  return inputs;
}
