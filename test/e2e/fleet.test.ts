import type { RecordedCall } from '../../src/demo/slack/slack-stand-in';
import type { Simulator } from '../../src/simulator';
import { waitUntil } from '../support/wait';
import { closedPort, type PbxTestBot, sharedPbxs } from './pbx-harness';

/**
 * `fleet status` and `fleet <read>` (DESIGN §3, issue 15 §5): one read on every PBX the person may read, as one
 * table with a PBX column; partial when a PBX is down or slow (named, with the reason), shown as it grows in the
 * person's DM when it takes more than a second, and as CSV with `--file`.
 */

const shared = sharedPbxs();
const start = shared.start;

type Row = Record<string, string>;

/** The fleet table of a message: its monospace code block, read back into rows by the header's columns. */
function tableOf(message: Record<string, unknown>): Row[] {
  const blocks = (message.blocks ?? []) as { text?: { text?: string } }[];
  const code = blocks.map((b) => b.text?.text ?? '').find((text) => text.startsWith('```'));
  if (!code) return [];
  const [header = '', , ...lines] = code.replace(/^```|```$/g, '').split('\n');
  const columns = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.map((line) =>
    Object.fromEntries(
      columns.map((c, i) => [c.name, line.slice(c.at, columns[i + 1]?.at ?? line.length).trim()]),
    ),
  );
}

const isFinal = (c: RecordedCall) => {
  const text = String(c.body.text ?? '');
  return text.includes('PBXs answered') && !text.includes('still reading');
};

/** The finished answer: in the reply to the command, or, when it took over a second, the last edit of the DM. */
async function finalAnswer(t: PbxTestBot, replyId: string, timeoutMs = 10_000): Promise<RecordedCall> {
  return t.slack.waitFor(
    (c) => isFinal(c) && ((c.kind === 'response_url' && c.id === replyId) || c.method === 'chat.update'),
    timeoutMs,
  );
}

/** What SystemStatus of a simulator reports, in the fleet table's words. */
function expectedRow(sim: Simulator): Row {
  const users = sim.state.sets.Users ?? [];
  const trunks = sim.state.sets.Trunks ?? [];
  return {
    Version: sim.state.pbx.version,
    'Trunks up': `${trunks.filter((r) => r.IsOnline === true).length}/${trunks.length}`,
    Phones: `${users.filter((u) => u.IsRegistered === true).length}/${users.length}`,
    Calls: String((sim.state.sets.ActiveCalls ?? []).length),
  };
}

const statusReads = (sim: Simulator) => sim.requests.filter((r) => r.path === '/xapi/v1/SystemStatus');

it('fleet status: one table, a row per PBX, each equal to what that PBX reports', async () => {
  const t = await start();
  const asked = await t.command('fleet status');
  const answer = await finalAnswer(t, asked.replyId);
  expect(String(answer.body.text)).toContain('3 of 3 PBXs answered');
  const rows = tableOf(answer.body);
  expect(rows.map((r) => r.PBX)).toEqual(['alpha', 'beta', 'gamma']);
  for (const [i, row] of rows.entries()) expect(row).toMatchObject(expectedRow(shared.sims[i] as Simulator));
  expect(new Set(rows.map((r) => r.Version)).size).toBe(3);
  for (const sim of shared.sims) expect(statusReads(sim)).toHaveLength(1);
});

it('with a PBX down, the answer is partial and names the PBX with its reason', async () => {
  const port = await closedPort();
  const t = await start({
    pbx: { gamma: { url: `http://127.0.0.1:${port}`, timeout: 1_000 } },
    retryMs: 60_000,
  });
  const asked = await t.command('fleet status');
  const answer = await finalAnswer(t, asked.replyId);
  const text = JSON.stringify(answer.body);
  expect(String(answer.body.text)).toContain('2 of 3 PBXs answered');
  expect(tableOf(answer.body).map((r) => r.PBX)).toEqual(['alpha', 'beta']);
  expect(text).toContain('No answer from 1 PBX');
  expect(text).toMatch(new RegExp(`\\*gamma\\*: [^"]*127\\.0\\.0\\.1:${port}`));
  expect(statusReads(shared.sims[2] as Simulator)).toHaveLength(0);
});

it('a PBX that hangs: the answer goes to the DM after a second and is updated as the others answer', async () => {
  const t = await start({ pbx: { beta: { timeout: 1_500 } } });
  (shared.sims[1] as Simulator).addFault({ method: 'GET', path: '/xapi/v1/SystemStatus', latencyMs: 5_000 });
  const asked = await t.command('fleet status');
  const note = await t.reply(asked.replyId, 5_000);
  expect(note).toContain('Some PBXs are slow to answer');
  const posted = await shared.slack.waitFor(
    (c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ADMIN',
  );
  expect(String(posted.body.text)).toContain('still reading');
  expect(JSON.stringify(posted.body)).toContain('Waiting for beta');
  expect(tableOf(posted.body).map((r) => r.PBX)).not.toContain('beta');
  const final = await finalAnswer(t, asked.replyId);
  expect(final.method).toBe('chat.update');
  expect(final.body).toMatchObject({ channel: 'D0ADMIN', ts: (posted.answer as { ts: string }).ts });
  expect(String(final.body.text)).toContain('2 of 3 PBXs answered');
  expect(JSON.stringify(final.body)).toMatch(/\*beta\*: 3CX did not answer within [\d.]+ s/);
  expect(tableOf(final.body).map((r) => r.PBX)).toEqual(['alpha', 'gamma']);
  // Nothing but the note went to the response_url: the table lives in the DM.
  expect(shared.slack.responses(asked.replyId)).toHaveLength(1);
});

it('fleet users <last name> lists the matching users of every PBX, with a PBX column', async () => {
  const t = await start();
  const expected: { pbx: string; number: string; first: string }[] = [];
  for (const [i, sim] of shared.sims.entries()) {
    const user = (sim.state.sets.Users ?? [])[i + 2] as Record<string, unknown>;
    user.LastName = 'Quenneville';
    user.DisplayName = `${String(user.FirstName)} Quenneville`;
    expected.push({ pbx: t.names[i] as string, number: String(user.Number), first: String(user.FirstName) });
  }
  const asked = await t.command('fleet users quenneville');
  const answer = await finalAnswer(t, asked.replyId);
  expect(String(answer.body.text)).toContain('3 of 3 PBXs answered · 3 rows');
  const rows = tableOf(answer.body);
  expect(rows.map((r) => r.PBX)).toEqual(['alpha', 'beta', 'gamma']);
  for (const [i, row] of rows.entries()) {
    const line = Object.values(row).join(' ');
    expect(line).toContain((expected[i] as { number: string }).number);
    expect(line).toContain('Quenneville');
  }
  for (const sim of shared.sims) {
    const reads = sim.requests.filter((r) => r.path === '/xapi/v1/Users');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.query.$filter?.toLowerCase()).toContain('quenneville');
  }
});

it('fleet status --file uploads a CSV with a PBX column', async () => {
  const t = await start();
  const asked = await t.command('fleet status --file');
  await finalAnswer(t, asked.replyId);
  const file = await waitUntil(() => shared.slack.files().find((f) => f.completed && f.bytes !== undefined), {
    what: 'the CSV upload',
  });
  expect(file.filename).toMatch(/\.csv$/);
  const lines = (file.bytes as Buffer).toString('utf8').trim().split(/\r\n/);
  expect(lines[0]).toMatch(/^"?PBX"?,"?Version"?/);
  expect(lines.slice(1).map((l) => l.split(',')[0]?.replace(/"/g, ''))).toEqual(['alpha', 'beta', 'gamma']);
  expect(lines[2]).toContain((shared.sims[1] as Simulator).state.pbx.version);
});

it('a viewer scoped to alpha sees only alpha in the fleet, and the other PBXs are not asked', async () => {
  const t = await start();
  const asked = await t.command('fleet status', { user: 'U0AVIEW' });
  const answer = await finalAnswer(t, asked.replyId);
  expect(String(answer.body.text)).toContain('1 of 1 PBXs answered');
  expect(tableOf(answer.body).map((r) => r.PBX)).toEqual(['alpha']);
  expect(JSON.stringify(answer.body)).not.toMatch(/beta|gamma/);
  expect(statusReads(shared.sims[0] as Simulator)).toHaveLength(1);
  expect(statusReads(shared.sims[1] as Simulator)).toHaveLength(0);
  expect(statusReads(shared.sims[2] as Simulator)).toHaveLength(0);
});

it('fleet runs reads only: a change is refused before any PBX is asked', async () => {
  const t = await start();
  const asked = await t.command('fleet multicompany on');
  const reply = await t.reply(asked.replyId);
  expect(reply).toContain('`fleet multicompany on` is not a read the fleet can run.');
  expect(reply).toContain('SystemStatus.SetMultiCompanyMode is a change');
  expect(reply).not.toContain('PBXs answered');
  const api = await t.command('fleet api SystemStatus.SetMultiCompanyMode {"enable":true}');
  expect(await t.reply(api.replyId)).toContain('is not a read the fleet can run');
  await t.bot.idle();
  for (const name of t.names) expect(t.xapi(name)).toEqual([]);
});
