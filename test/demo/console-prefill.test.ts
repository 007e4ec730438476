import { runDemo } from './run-demo';

/**
 * An update form in the console: it shows today's values as defaults, a send with nothing changed says so and
 * reaches no write, and a change is shown before → after and written only once Confirm is sent.
 */

it('a prefilled form, nothing changed, then a change shown before it runs', async () => {
  const run = await runDemo(['/3cx user 100 set', 'send', '/3cx user 100 set', 'Zoe', 'send', 'send']);
  expect(run.failures).toEqual([]);
  const out = run.lines.join('\n');
  expect(out).toContain('  │ First Name (text, optional)\n  │   default: Zoë');
  expect(out).toContain('  ┌─ form “Nothing to change”, shown to demo-admin');
  expect(out).toContain('send, the form is sent (“Confirm”)');
  expect(out).toContain('  │ • First Name: Zoë → Zoe\n  │ › send');
  expect(out).toContain(
    '✅ @demo-admin: Updated user Zoë Müller (100) on default\n  │ • First Name: Zoë → Zoe',
  );
  const writes = run.pbx.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.body]);
  expect(writes).toEqual([['PATCH', '/xapi/v1/Users(1)', { FirstName: 'Zoe', Id: 1 }]]);
}, 30_000);
