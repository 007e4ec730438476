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

function readmeTranscript(marker = MARKER): string[] {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(marker);
  if (start < 0) throw new Error(`README.md has no ${marker} line`);
  const fence = /```text\n([\s\S]*?)\n```/.exec(readme.slice(start));
  if (!fence?.[1]) throw new Error(`README.md: no \`\`\`text block after ${marker}`);
  return fence[1].split('\n');
}

it('the README transcript is what the demo prints today', async () => {
  const shown = readmeTranscript();
  const inputs = inputsOf(shown);
  expect(inputs).toEqual(expect.arrayContaining(['/3cx status', '/3cx mcu']));
  const run = await runDemo(inputs);
  expect(run.failures).toEqual([]);
  const fresh = normalize(run.lines.join('\n'));
  if (fresh !== normalize(shown.join('\n'))) {
    process.stdout.write(`A fresh run prints:\n${run.lines.join('\n')}\n`);
  }
  expect(fresh).toBe(normalize(shown.join('\n')));
});

it('the "Everyday work" transcript is what the demo prints today', async () => {
  const shown = readmeTranscript(EVERYDAY);
  const inputs = inputsOf(shown);
  expect(inputs.some((line) => /^\/3cx (user|queue) /.test(line))).toBe(true);
  const run = await runDemo(inputs);
  expect(run.failures).toEqual([]);
  const fresh = normalize(run.lines.join('\n'));
  if (fresh !== normalize(shown.join('\n'))) {
    process.stdout.write(`A fresh run prints:\n${run.lines.join('\n')}\n`);
  }
  expect(fresh).toBe(normalize(shown.join('\n')));
});

it('the "Several PBXs" transcript is what `npm run demo -- --pbxs 3` prints today', async () => {
  const shown = readmeTranscript(FLEET);
  const inputs = inputsOf(shown);
  expect(inputs).toEqual(expect.arrayContaining(['/3cx fleet status']));
  const run = await runDemo(inputs, { pbxs: 3 });
  expect(run.failures).toEqual([]);
  const fresh = normalize(run.lines.join('\n'));
  if (fresh !== normalize(shown.join('\n'))) {
    process.stdout.write(`A fresh run prints:\n${run.lines.join('\n')}\n`);
  }
  expect(fresh).toBe(normalize(shown.join('\n')));
});

it('the "Safe writes" transcript (prefilled form, preview, confirmations, approval card) is what the demo prints today', async () => {
  const shown = readmeTranscript(SAFE_WRITES);
  const inputs = inputsOf(shown);
  expect(inputs).toEqual(expect.arrayContaining(['/3cx user 100 set', '/3cx api Backups.PurgeLocalBackups']));
  const run = await runDemo(inputs);
  expect(run.failures).toEqual([]);
  const fresh = normalize(run.lines.join('\n'));
  if (fresh !== normalize(shown.join('\n'))) {
    process.stdout.write(`A fresh run prints:\n${run.lines.join('\n')}\n`);
  }
  expect(fresh).toBe(normalize(shown.join('\n')));
});

it('the "Alerts" transcript (an alert and a scheduled run within seconds) is what the demo prints today', async () => {
  const shown = readmeTranscript(ALERTS);
  const inputs = inputsOf(shown);
  expect(inputs).toEqual(expect.arrayContaining(['sim trunk 10000 down', '/3cx schedule in 3s backup now']));
  const run = await runDemo(inputs);
  expect(run.failures).toEqual([]);
  const fresh = normalize(run.lines.join('\n'));
  if (fresh !== normalize(shown.join('\n'))) {
    process.stdout.write(`A fresh run prints:\n${run.lines.join('\n')}\n`);
  }
  expect(fresh).toBe(normalize(shown.join('\n')));
}, 60_000);
