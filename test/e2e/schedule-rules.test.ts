import { answerQuestion } from '../support/confirm';
import { waitUntil } from '../support/wait';
import { startTestBot, type TestBot } from './harness';

/**
 * `/3cx schedule` applies the rules of a command typed now, when it is scheduled: a dangerous write is confirmed
 * first, an operation under an approval rule asks an approver (who must decide before it is due), and any command
 * that comes down to one operation can be scheduled, with the object it names resolved there and then.
 */

type Obj = Record<string, unknown>;
const MULTI = '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode';
const EDIT = '/xapi/v1/LicenseStatus/Pbx.EditLicenseInfo';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

const posts = (needle: string) =>
  t.slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.body).includes(needle));
const ask = async (text: string, user?: string) =>
  t.reply((await t.command(text, user ? { user } : {})).replyId);
const writesTo = (path: string) => t.xapiRequests().filter((r) => r.path === path && r.method !== 'GET');

/** The id of the schedule whose `scheduled` message in the channel shows `command`. */
async function scheduleId(command: string): Promise<string> {
  const post = await waitUntil(
    () => posts('scheduled').find((c) => JSON.stringify(c.body).includes(command)),
    { what: `the schedule of ${command} in the channel` },
  );
  return /Schedule (s[0-9a-z]{6})/.exec(JSON.stringify(post.body))?.[1] as string;
}

const ranPost = (id: string, timeoutMs = 10_000) =>
  waitUntil(() => posts(`Scheduled run of *${id}*`)[0], { what: `the run of ${id}`, timeoutMs });

describe('a dangerous write is confirmed when it is scheduled', () => {
  it('asks first; Cancel schedules nothing; Confirm schedules it and sends nothing to 3CX yet', async () => {
    const first = await t.command('schedule in 1h multicompany on');
    const cancel = await answerQuestion(t, first.replyId, { button: 'confirm_cancel' });
    expect(cancel.question).toContain('Schedule for');
    expect(cancel.question).toContain('SystemStatus.SetMultiCompanyMode');
    expect(await t.reply(cancel.replyId)).toContain('Cancelled: scheduling');
    expect(posts('scheduled')).toHaveLength(0);
    expect(await ask('schedule list')).toContain('Nothing is scheduled');

    const second = await t.command('schedule in 1h multicompany on');
    await t.slack.waitFor((c) => c.kind === 'response_url' && c.id === second.replyId);
    // Asked, not yet answered: nothing is kept.
    expect(await ask('schedule list')).toContain('Nothing is scheduled');
    const ok = await answerQuestion(t, second.replyId);
    expect(await t.reply(ok.replyId)).toContain('Confirmed: scheduled as s');
    const id = await scheduleId('multicompany on');
    expect(await ask('schedule list')).toContain(id);
    expect(writesTo(MULTI)).toHaveLength(0);
  });

  it('a confirmed dangerous write runs at its time, once', async () => {
    const { replyId } = await t.command('schedule in 1s multicompany on');
    await answerQuestion(t, replyId);
    const id = await scheduleId('multicompany on');
    await ranPost(id);
    expect(writesTo(MULTI).map((r) => r.body)).toEqual([{ enable: true }]);
  });

  it('a viewer is refused before being asked', async () => {
    const text = await ask('schedule in 1h multicompany on', 'U0VIEW');
    expect(text).toContain('You may not run SystemStatus.SetMultiCompanyMode');
    expect(text).toContain('Nothing was scheduled');
    expect(text).not.toContain('confirm_run');
  });
});

describe('an approval rule is applied when it is scheduled', () => {
  /** LicenseStatus.EditLicenseInfo needs U0ADMIN or U0ADMIN2 (DEMO_CONFIG); U0ADMIN schedules it. */
  async function scheduleEdit(when: string): Promise<{ id: string; requestId: string; ts: string }> {
    const { replyId } = await t.command(`schedule ${when} license edit {"CompanyName":"Acme"}`);
    const card = await t.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('approval_approve'),
    );
    const requestId = /"action_id":"approval_approve","value":"([^"]+)"/.exec(JSON.stringify(card.body))?.[1];
    expect(await t.reply(replyId)).toContain('needs a second person');
    const id = await scheduleId('license edit');
    expect(JSON.stringify(posts(`Schedule ${id}`)[0]?.body)).toContain(
      'runs only if approved before it is due',
    );
    return { id, requestId: requestId as string, ts: (card.answer as { ts: string }).ts };
  }

  it('an approval given before it is due: runs then, as its person, with the approver on the audit row', async () => {
    const { id, requestId, ts } = await scheduleEdit('in 2s');
    await t.click('approval_approve', requestId, { user: 'U0ADMIN2', messageTs: ts });
    const update = await t.slack.waitFor('chat.update');
    expect(JSON.stringify(update.body)).toContain('nothing ran now');
    expect(writesTo(EDIT)).toHaveLength(0);
    expect(await ask('schedule list')).toContain('approved by <@U0ADMIN2>');
    await ranPost(id);
    expect(writesTo(EDIT).map((r) => r.body)).toEqual([{ licenseParams: { CompanyName: 'Acme' } }]);
    const [row] = await t.store.auditList({ limit: 5, operation: 'LicenseStatus.EditLicenseInfo' });
    expect(row).toMatchObject({
      userId: 'U0ADMIN',
      source: 'schedule',
      outcome: 'done',
      approvedBy: 'U0ADMIN2',
    });
  });

  it('still undecided when due: not run, said where it was scheduled; a late approval runs nothing', async () => {
    const { id, requestId, ts } = await scheduleEdit('in 1s');
    const told = await waitUntil(
      () => posts(`Schedule *${id}*`).find((c) => JSON.stringify(c.body).includes('not run')),
      {
        what: 'the not-approved notice',
        timeoutMs: 10_000,
      },
    );
    expect(told.body.channel).toBe('C0OPS');
    expect(JSON.stringify(told.body)).toContain('nobody approved it before it was due');
    expect(await ask('schedule list')).toContain('Nothing is scheduled');
    const late = await t.click('approval_approve', requestId, { user: 'U0ADMIN2', messageTs: ts });
    expect(await t.reply(late.replyId)).toContain('expired');
    expect(writesTo(EDIT)).toHaveLength(0);
    expect(posts(`Scheduled run of *${id}*`)).toHaveLength(0);
  });

  it('rejected: not run when due, and the channel hears who rejected it', async () => {
    const { id, requestId, ts } = await scheduleEdit('in 1s');
    await t.click('approval_reject', requestId, { user: 'U0ADMIN2', messageTs: ts });
    await t.slack.waitFor('chat.update');
    const told = await waitUntil(
      () => posts(`Schedule *${id}*`).find((c) => JSON.stringify(c.body).includes('not run')),
      {
        what: 'the not-approved notice',
        timeoutMs: 10_000,
      },
    );
    expect(JSON.stringify(told.body)).toContain('rejected by <@U0ADMIN2>');
    expect(writesTo(EDIT)).toHaveLength(0);
  });
});

describe('entity and everyday commands can be scheduled', () => {
  it('`user <ref> set …`: the user is resolved when scheduled, named in the list, and changed when due', async () => {
    const u = t.sim.state.users[0] as Obj;
    const name = `${String(u.FirstName)} ${String(u.LastName)} (${String(u.Number)})`;
    await t.command(`schedule in 2s user ${String(u.Number)} set email=ann.new@example.com`);
    const id = await scheduleId('set email=ann.new@example.com');
    expect(JSON.stringify(posts(`Schedule ${id}`)[0]?.body)).toContain(name);
    expect(await ask('schedule list')).toContain(name);
    // Renumbered meanwhile: the run still changes the user the person saw, by its Id.
    u.Number = '9999';
    await ranPost(id);
    const patches = t.xapiRequests().filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.path, r.body])).toEqual([
      [`/xapi/v1/Users(${String(u.Id)})`, { EmailAddress: 'ann.new@example.com' }],
    ]);
    const [row] = await t.store.auditList({ limit: 5, operation: 'Users.UpdateUser' });
    expect(row).toMatchObject({ source: 'schedule', outcome: 'done' });
  });

  it('`user <ref> delete` asks to confirm by name before it is scheduled', async () => {
    const u = t.sim.state.users[1] as Obj;
    const { replyId } = await t.command(`schedule in 1h user ${String(u.Number)} delete`);
    const asked = await answerQuestion(t, replyId);
    expect(asked.question).toContain(`Delete user ${String(u.FirstName)} ${String(u.LastName)}`);
    const id = await scheduleId(`user ${String(u.Number)} delete`);
    expect(await ask('schedule list')).toContain(id);
    expect(t.xapiRequests().filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it('a name that matches several offers a choice that schedules the one picked', async () => {
    const u = t.sim.state.users[0] as Obj;
    t.sim.state.users.push({ ...u, Id: 9001, Number: '9001', EmailAddress: 'twin@example.com' });
    const text = await ask(`schedule in 1h user ${String(u.LastName)} set email=ann.new@example.com`);
    expect(text).toContain(`schedule in 1h user id:9001 set email=ann.new@example.com`);
    expect(posts('scheduled')).toHaveLength(0);
    // The person picks the second one: that one is scheduled, by name.
    const buttons = JSON.parse(text) as { blocks: { elements?: { action_id: string; value: string }[] }[] };
    const pick = buttons.blocks.flatMap((b) => b.elements ?? []).find((e) => e.value.includes('id:9001')) as {
      action_id: string;
      value: string;
    };
    await t.click(pick.action_id, pick.value);
    const id = await scheduleId('user id:9001 set');
    expect(await ask('schedule list')).toContain(`(9001)`);
    expect(id).toMatch(/^s/);
  });

  it('`schedule every day 02:00 backup now` (DESIGN §3) is kept; `backup now` runs with a name of its own', async () => {
    await t.command('schedule every day 02:00 backup now');
    const daily = await scheduleId('backup now');
    expect(JSON.stringify(posts(`Schedule ${daily}`)[0]?.body)).toContain('every day 02:00');
    await t.command('schedule in 1s backup now');
    const soon = await waitUntil(
      () =>
        posts('scheduled')
          .map((c) => /Schedule (s[0-9a-z]{6})/.exec(JSON.stringify(c.body))?.[1])
          .find((x) => x !== daily),
      { what: 'the second schedule' },
    );
    await ranPost(soon as string);
    const backups = t.xapiRequests().filter((r) => r.path === '/xapi/v1/Backups/Pbx.Backup');
    expect(backups).toHaveLength(1);
    expect(JSON.stringify(backups[0]?.body)).toMatch(/"Name":"slack-\d{12}"/);
  });

  it('views are refused with a sentence, and a member-list change says why', async () => {
    for (const view of ['trunks', 'users', 'calls', 'status']) {
      const text = await ask(`schedule in 1h ${view}`);
      expect(text).toContain('cannot be scheduled');
      expect(text).not.toContain('Only operations');
    }
    expect(await ask('schedule every day 02:00 status')).toContain(
      'schedule <when> api SystemStatus.GetSystemStatus',
    );
    expect(await ask('schedule in 1h queue 800 agents add 115')).toContain('cannot be scheduled');
    expect(await ask('schedule in 1h user add')).toContain('would open a form');
    expect(posts('scheduled')).toHaveLength(0);
  });
});
