import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputsOf, normalize, ROOT, runDemo } from './run-demo';

/**
 * The transcript in the README is a real session: its input lines are run again through a fresh demo and the
 * output must match, ids, times and durations aside. When the bot's replies change, paste the new transcript
 * this test prints.
 */

const MARKER = '<!-- demo transcript: checked by test/demo/readme.test.ts -->';
const EVERYDAY = '<!-- everyday transcript: checked by test/demo/readme.test.ts -->';
const FLEET = '<!-- fleet transcript (npm run demo -- --pbxs 3): checked by test/demo/readme.test.ts -->';
const SAFE_WRITES = '<!-- safe-writes transcript: checked by test/demo/readme.test.ts -->';
const ALERTS = '<!-- alerts transcript: checked by test/demo/readme.test.ts -->';

function readmeTranscript(marker: string): string[] {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(marker);
  if (start < 0) throw new Error(`README.md has no ${marker} line`);
  const fence = /```text\n([\s\S]*?)\n```/.exec(readme.slice(start));
  if (!fence?.[1]) throw new Error(`README.md: no \`\`\`text block after ${marker}`);
  return fence[1].split('\n');
}

/** Each transcript: its marker, what its input must contain, and how the demo is started. */
const TRANSCRIPTS: [name: string, marker: string, mustHave: string[], options: { pbxs?: number }][] = [
  ['the README transcript', MARKER, ['/3cx status', '/3cx mcu'], {}],
  ['the "Everyday work" transcript', EVERYDAY, ['/3cx user novak', '/3cx queue 850'], {}],
  [
    'the "Safe writes" transcript',
    SAFE_WRITES,
    ['/3cx user 100 set', '/3cx api Backups.PurgeLocalBackups'],
    {},
  ],
  ['the "Alerts" transcript', ALERTS, ['sim trunk 10000 down', '/3cx schedule in 3s backup now'], {}],
  ['the "Several PBXs" transcript (npm run demo -- --pbxs 3)', FLEET, ['/3cx fleet status'], { pbxs: 3 }],
];

it.each(TRANSCRIPTS)(
  '%s is what the demo prints today',
  async (_name, marker, mustHave, options) => {
    const shown = readmeTranscript(marker);
    const inputs = inputsOf(shown);
    expect(inputs).toEqual(expect.arrayContaining(mustHave));
    const run = await runDemo(inputs, options);
    expect(run.failures).toEqual([]);
    const fresh = normalize(run.lines.join('\n'));
    if (fresh !== normalize(shown.join('\n'))) {
      process.stdout.write(`A fresh run prints:\n${run.lines.join('\n')}\n`);
    }
    expect(fresh).toBe(normalize(shown.join('\n')));
  },
  60_000,
);
