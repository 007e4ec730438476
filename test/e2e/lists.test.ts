import { sharedTestBot } from './harness';

/** Long lists page with Next/Previous, and `--file` sends them as CSV to the invoker. */

const t = sharedTestBot({ sim: { users: 60 } });

it('pages a long list without asking 3CX again', async () => {
  const { replyId } = await t.command('api Users.ListUser');
  const first = await t.reply(replyId);
  const next = /"action_id":"page_next","value":"([^"]+)"/.exec(first)?.[1];
  expect(next).toBeTruthy();
  const before = t.xapiRequests().length;
  const click = await t.click('page_next', next as string);
  const page2 = await t.slack.waitFor((c) => c.kind === 'response_url' && c.id === click.replyId);
  expect(page2.body.replace_original).toBe(true);
  expect(JSON.stringify(page2.body)).toContain('page_prev');
  expect(t.xapiRequests().length).toBe(before);
});

it('only the person who asked can page the list', async () => {
  const { replyId } = await t.command('api Users.ListUser');
  const next = /"action_id":"page_next","value":"([^"]+)"/.exec(await t.reply(replyId))?.[1] as string;
  const click = await t.click('page_next', next, { user: 'U0VIEW' });
  expect(await t.reply(click.replyId)).toContain('Only the person who asked');
});

it('a list the bot no longer keeps says so and how to get it again, asking 3CX nothing', async () => {
  const click = await t.click('page_next', '0c2f5a7e-0000-4000-8000-000000000000:1');
  expect(await t.reply(click.replyId)).toContain('no longer kept');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('--file uploads the list as CSV in a direct message', async () => {
  const { replyId } = await t.command('api Users.ListUser --file');
  await t.reply(replyId);
  const files = t.slack.files();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatchObject({ channelId: 'D0ADMIN', completed: true });
  const csv = String(files[0]?.bytes);
  expect(csv.split('\r\n')[0]).toContain('FirstName');
  expect(csv.trim().split('\r\n')).toHaveLength(61);
});
