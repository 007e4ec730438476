import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, runDemo } from './run-demo';

/**
 * The console against a real bot: what the person typed, what the bot answered, and which steps count as failed
 * (so that `--script` exits non-zero).
 */

const text = (lines: string[]) => lines.join('\n');

it('a member in no role is refused everything, reads included', async () => {
  const run = await runDemo(['/3cx status'], { user: 'demo-guest' });
  expect(run.failures).toEqual([]);
  expect(text(run.lines)).toContain(
    'demo-guest › /3cx status\n  ┌─ to demo-guest only\n  │ 🚫 You may not run SystemStatus.GetSystemStatus on default.',
  );
});

it('a form: the console checks choices, the bot refuses a bad answer under its field, the fixed form runs', async () => {
  // A dangerous write: the submitted form asks its asker first (buttons 1 and 2).
  const run = await runDemo(['/3cx multicompany', 'maybe', '1', '{"enable": tru', '-', 'click 1']);
  expect(run.failures).toEqual([]);
  const out = text(run.lines);
  expect(out).toContain('  ┌─ form “Multi-company mode”, opened for demo-admin');
  expect(out).toContain(
    '  │ › maybe\n  │ ✗ "maybe" is not one of the choices; type one of 1 (On), 2 (Off).\n  │ › 1\n',
  );
  expect(out).toMatch(
    /form “Multi-company mode” stays open: the bot refused some answers\n {2}│ ✗ Advanced JSON: Advanced JSON is not valid JSON: .* at position 14\n/,
  );
  expect(out.match(/Advanced JSON \(text/g)).toHaveLength(2);
  expect(out).toContain('  ┌─ in #ops\n  │ ✅ @demo-admin ran `SystemStatus.SetMultiCompanyMode` on default');
  expect(out).toContain('Body: `{"enable":true}`');
});

it('buttons are numbered across the session and stop working once their message is replaced', async () => {
  // The restart asks its requester first (buttons 1 and 2), then waits for the approver (3 and 4).
  const run = await runDemo([
    '/3cx services restart nginx',
    'click 1',
    '--as demo-approver',
    'click 3',
    'click 4',
  ]);
  const out = text(run.lines);
  expect(out).toContain('[1] Confirm   [2] Cancel');
  expect(out).toContain('[3] Approve and run   [4] Reject');
  expect(out).toContain('  (demo-approver presses “Approve and run” in #ops)\n  ┌─ in #ops, message updated');
  expect(out).toContain('✅ @demo-admin ran `Services.Restart` on default');
  expect(run.failures).toEqual(['there is no button 4 on screen.']);
});

it('lines the console does not understand, unknown members and forms left open are failures', async () => {
  const run = await runDemo(['status', '--as nobody', '/3cx tenant-property', '/3cx status']);
  expect(run.failures).toEqual([
    '"status" is not something the console understands. Type /3cx <command> (try /3cx help), click <N> to press button N, --as <user> to become another member, --in <#channel> to move to another channel, sim trunk <number> down|up to change the simulated PBX, wait for <words> to see what the bot posts by itself (alerts, scheduled runs), or quit.',
    '"nobody" is not a demo member; use one of demo-admin, demo-approver, demo-operator, demo-viewer, demo-guest or a Slack user id (U…)',
    'the form “Tenant property” is still open: answer “Name”, type send to send it as it is, or cancel.',
    'the input ended while the form “Tenant property” was still open.',
  ]);
});

it('cancel closes a form without sending anything', async () => {
  const run = await runDemo(['/3cx license edit', 'Acme', 'cancel', '/3cx status']);
  expect(run.failures).toEqual([]);
  expect(text(run.lines)).toContain(
    '  │ › cancel\n  └─ form closed without sending it\ndemo-admin › /3cx status',
  );
});

it('the tour reaches the PBX exactly as the transcript says: writes once, nothing denied or rejected', async () => {
  const tour = readFileSync(resolve(ROOT, 'examples/tour.txt'), 'utf8').split('\n');
  const run = await runDemo(tour);
  expect(run.failures).toEqual([]);
  const writes = run.pbx.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.body]);
  expect(writes).toEqual([
    ['POST', '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode', { enable: true }],
    [
      'PATCH',
      "/xapi/v1/TenantProperties('RECORDING_RETENTION_DAYS')",
      {
        Name: 'RECORDING_RETENTION_DAYS',
        Value: '30',
        Description: 'Recordings older than a month are deleted',
      },
    ],
    [
      'PATCH',
      "/xapi/v1/TenantProperties('MAX_CALL_DURATION_MINUTES')",
      {
        Name: 'MAX_CALL_DURATION_MINUTES',
        Value: '240',
        Description: 'Calls longer than four hours are cut',
      },
    ],
    [
      'POST',
      '/xapi/v1/LicenseStatus/Pbx.EditLicenseInfo',
      {
        licenseParams: {
          CompanyName: 'Acme Ltd',
          ContactName: 'Ada Admin',
          Country: 'GB',
          Email: 'it@acme.example',
          Phone: '+44 20 7946 0000',
        },
      },
    ],
    [
      'POST',
      '/xapi/v1/ConferenceSettings/Pbx.UpdateMCURequestStatus',
      { request: expect.objectContaining({ State: 'Success' }) },
    ],
  ]);
}, 30_000);

it('a multi-select form: the choices the bot fills in after opening are offered, several are picked', async () => {
  // A restart asks its asker first (buttons 1 and 2).
  const run = await runDemo(['/3cx services restart', '2,nginx', 'send', 'click 1']);
  expect(run.failures).toEqual([]);
  const out = text(run.lines);
  expect(out).toContain(
    '  │ Services to restart (choose any, comma-separated, optional)\n  │   choices: 1) ',
  );
  expect(out).toMatch(/\n {2}│ {12}\d+\) /);
  // The choices come from the PBX's own list, in its order: choice 2 is whatever the PBX listed second.
  const second = /choices: 1\) \S+ {2}2\) (\S+)/.exec(out)?.[1];
  expect(second).toBeDefined();
  // The approval card says what it would restart, not the raw body.
  expect(out).toContain(`Approval needed: Restart services`);
  expect(out).toContain(`• ServiceNames → ${second}, nginx`);
});

it('a private reply replaced after a click takes its buttons with it', async () => {
  const run = await runDemo(['/3cx api Users.ListUser $select=Id,DisplayName', 'click 1', 'click 1']);
  const out = text(run.lines);
  expect(out).toContain('[1] Next ▶');
  expect(out).toContain('  ┌─ to demo-admin only, replacing the earlier reply');
  expect(out).toContain('[2] ◀ Previous');
  expect(run.failures).toEqual(['there is no button 1 on screen; buttons: 2.']);
});

it('shows what the bot posts by itself: a trunk goes down on the simulator and the watch alert arrives', async () => {
  const run = await runDemo([
    '/3cx watch trunks',
    'sim trunk 10000 down',
    'wait for Gamma SIP Trunk (10000) on default: down',
    'sim trunk 10000 up',
    'wait for recovered',
    '--in #nowhere',
    'sim trunk 99999 down',
  ]);
  const text = run.lines.join('\n');
  expect(text).toContain('(on the PBX, trunk 10000');
  expect(text).toContain('🚨 Gamma SIP Trunk (10000) on default: down');
  expect(text).toMatch(/✅ \*?Gamma SIP Trunk \(10000\)\*? on \*?default\*? recovered/);
  expect(run.failures).toEqual([
    '"#nowhere" is not a demo channel; use one of #ops, #mcu-approvals',
    expect.stringContaining('the simulated PBX has no trunk 99999; its trunks: 10000, 10001'),
  ]);
}, 60_000);

it('with several PBXs, --in moves to a channel bound to one of them', async () => {
  const run = await runDemo(['--in #brennerhof', '/3cx trunks'], { pbxs: 2 });
  const text = run.lines.join('\n');
  expect(run.failures).toEqual([]);
  expect(text).toContain('(you are now in #brennerhof)');
  expect(text).toContain('trunks on brennerhof');
});
