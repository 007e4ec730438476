import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ROOT } from './run-demo';

/**
 * `npm run demo` as a person runs it: a separate process, its script from a file or stdin, its verdict in the exit
 * status. The tour covers every command of the design's command table within the time the issue allows.
 */

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The PBX and Slack settings of the machine running the tests must not leak into the demo. */
function cleanEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'SystemRoot'];
  return Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
}

async function demo(args: string[], stdin?: string): Promise<Finished> {
  const started = Date.now();
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/demo/main.ts', ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdin.end(stdin ?? '');
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr, ms: Date.now() - started };
}

it('the tour runs every command, a form, approvals by button and a denial, within 60 s', async () => {
  const run = await demo(['--script', 'examples/tour.txt']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.ms).toBeLessThan(60_000);
  const steps: [typed: string, answered: string][] = [
    ['demo-admin › /3cx help', '│ /3cx: what you can run'],
    ['demo-admin › /3cx status', '`SystemStatus.GetSystemStatus` on default ·'],
    ['demo-admin › /3cx multicompany on', '[1] Confirm   [2] Cancel'],
    [
      '  (demo-admin presses “Confirm” in #ops)',
      '✅ @demo-admin ran `SystemStatus.SetMultiCompanyMode` on default',
    ],
    [
      'demo-viewer › /3cx multicompany off',
      '🚫 You may not run SystemStatus.SetMultiCompanyMode on default. Nothing was sent',
    ],
    [
      'demo-operator › /3cx tenant-property set RECORDING_RETENTION_DAYS 30',
      'Parameters: `Name=RECORDING_RETENTION_DAYS`',
    ],
    ['demo-operator › /3cx tenant-property', 'Parameters: `Name=MAX_CALL_DURATION_MINUTES`'],
    ['demo-admin › /3cx license edit', '✗ Advanced JSON: Advanced JSON is not valid JSON'],
    [
      '  (demo-approver presses “Approve and run” in #ops)',
      '✅ @demo-admin ran `LicenseStatus.EditLicenseInfo`',
    ],
    ['demo-operator › /3cx services', '3CX Queue Manager'],
    ['demo-operator › /3cx services restart 3CXQueueManager01', '[5] Confirm   [6] Cancel'],
    ['  (demo-operator presses “Confirm” in #ops)', 'Approval needed: Restart services'],
    ['  (demo-approver presses “Reject” in #ops)', '🚫 Rejected by @demo-approver at'],
    ['demo-operator › /3cx mcu', '[9] Approve   [10] Reject'],
    ['  (demo-operator presses “Approve” in #ops)', '✅ Approved by @demo-operator at'],
    [
      'demo-operator › /3cx api search restart service',
      'Services.Restart  `POST /Services/Pbx.Restart`  write',
    ],
    ['demo-operator › /3cx api Users.ListUser', '1   100     Zoë Müller'],
  ];
  let from = 0;
  for (const [typed, answered] of steps) {
    const at = run.stdout.indexOf(typed, from);
    expect({ typed, found: at >= 0 }).toEqual({ typed, found: true });
    const next = run.stdout.indexOf(answered, at);
    expect({ typed, answered, found: next >= 0 }).toEqual({ typed, answered, found: true });
    from = at + typed.length;
  }
}, 70_000);

it('lines on stdin work like a script, and a step the bot could not take makes the exit status 1', async () => {
  const run = await demo([], '/3cx status\nclick 3\n');
  expect(run.stdout).toContain('demo-admin › /3cx status\n  ┌─ to demo-admin only');
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('1 step(s) failed:\n- there is no button 3 on screen.\nIts log is kept at ');
  const log = /Its log is kept at (.+)\.\n/.exec(run.stderr)?.[1];
  expect(log && existsSync(log)).toBe(true);
  if (log) rmSync(dirname(log), { recursive: true, force: true });
}, 30_000);

it('unknown options are refused with the usage', async () => {
  const run = await demo(['--scrpit', 'tour.txt']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("Unknown option '--scrpit'");
  expect(run.stderr).toContain('Usage: npm run demo');
}, 30_000);
