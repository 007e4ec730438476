import { startTestBot, type TestBot } from './harness';
import { fillView } from './view-state';

/**
 * A slow Slack: `usergroups.users.list` takes 3.5 s, longer than Slack's 3 s for the ack and for a trigger_id.
 * The bot still acks and opens its forms in time (the stand-in refuses a views.open more than 3 s after the
 * command was sent), and the person whose rights come through the group still hears why nothing ran.
 */

const SLOW_GROUPS = { 'usergroups.users.list': 3_500 };

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ userGroups: { S0NOC: ['U0NOC'] }, slackLatencyMs: SLOW_GROUPS });
});
afterEach(async () => {
  await t.close();
});

interface OpenedView {
  id?: string;
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[];
  private_metadata: string;
}

async function openedView(user: string): Promise<{ view: OpenedView; viewId: string }> {
  const call = await t.slack.waitFor((c) => c.method === 'views.open' && c.ok, 6_000);
  const answer = call.answer as { view: OpenedView & { id: string } };
  expect(answer.view).toBeTruthy();
  expect(user).toBeTruthy();
  return { view: (call.body as { view: OpenedView }).view, viewId: answer.view.id };
}

it('opens a form within the trigger_id’s 3 s even while user groups are being read', async () => {
  const { status } = await t.command('tenant-property', { user: 'U0ADMIN' });
  expect(status).toBe(200);
  await openedView('U0ADMIN');
  expect(t.slack.callsTo('views.open').every((c) => c.ok)).toBe(true);
  // U0ADMIN's rights are their own: nothing replaces the form.
  expect(t.slack.callsTo('views.update')).toHaveLength(0);
});

it('a person whose rights come through a group not read yet sees the form replaced by the reason', async () => {
  await t.command('tenant-property', { user: 'U0NOC' });
  const { viewId } = await openedView('U0NOC');
  const update = await t.slack.waitFor((c) => c.method === 'views.update' && c.body.view_id === viewId);
  const text = JSON.stringify(update.body);
  expect(text).toContain('TenantProperties.UpdateProperty');
  expect(text).toContain('S0NOC are still being read from Slack');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('a submission is acknowledged in time, and the submitter is told privately why nothing ran', async () => {
  await t.command('tenant-property', { user: 'U0ADMIN' });
  const { view } = await openedView('U0ADMIN');
  const res = await t.submit(
    view.private_metadata,
    fillView(view, { 'param:Name': 'TIMEZONE', 'body:Value': 'Europe/Berlin' }),
    { user: 'U0NOC' },
  );
  // Bolt answers 404 when a listener has not acked within its 3 s.
  expect(res.status).toBe(200);
  const told = await t.slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.user === 'U0NOC');
  expect(JSON.stringify(told.body)).toContain('S0NOC are still being read from Slack');
  expect(t.xapiRequests()).toHaveLength(0);
});
