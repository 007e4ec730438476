import { sharedTestBot } from './harness';

/** Help and search that teach, over the real receiver: what was typed and what the person saw. */

const t = sharedTestBot();

const ask = async (text: string, user?: string) =>
  t.reply((await t.command(text, user ? { user } : {})).replyId);

it('an unknown command gets a did-you-mean and the way to find and api search; nothing reaches 3CX', async () => {
  const text = await ask('usres patel');
  expect(text).toContain('Did you mean `/3cx users`?');
  expect(text).toContain('`/3cx find usres patel`');
  expect(text).toContain('`/3cx api search usres patel`');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('`api search extension` shows the everyday command first, then the Users operations', async () => {
  const text = await ask('api search extension');
  const everyday = text.indexOf('/3cx users [words…]');
  expect(everyday).toBeGreaterThan(-1);
  expect(text.indexOf('Users.ListUser')).toBeGreaterThan(everyday);
  expect(t.xapiRequests()).toHaveLength(0);
});

it('`api search backup` teaches `backups` and `backup now`', async () => {
  const text = await ask('api search backup');
  expect(text).toContain('/3cx backups');
  expect(text).toContain('/3cx backup now');
  expect(text).toContain('Backups.Backup');
});

it('help lists the everyday views, and a viewer does not see `backup now`', async () => {
  const admin = await ask('help');
  // Slack text escapes < and >
  for (const command of [
    'find &lt;words&gt;',
    'calls',
    'history',
    'trunks',
    'phones',
    'backups',
    'backup now',
  ])
    expect(admin).toContain(`/3cx ${command}`);
  const viewer = await ask('help', 'U0VIEW');
  expect(viewer).toContain('/3cx find &lt;words&gt;');
  expect(viewer).not.toContain('/3cx backup now');
});
