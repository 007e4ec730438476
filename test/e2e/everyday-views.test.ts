import { partyName } from '../../src/views/replies/everyday-lists';
import { sharedTestBot } from './harness';

/**
 * The everyday views, end to end over the real receiver: what was typed, what reached 3CX (the simulator's log),
 * what the person saw. Values are read from the simulator (its state, or its own answer over HTTP) rather than
 * assumed, so richer seed data keeps these true.
 */

const t = sharedTestBot();

type Obj = Record<string, unknown>;
const ask = async (text: string, user?: string) =>
  t.reply((await t.command(text, user ? { user } : {})).replyId);
const reads = (key: string) => t.xapiRequests().filter((r) => r.operationKey === key && r.status === 200);
const users = () => t.sim.state.users as Obj[];
const trunks = () => t.sim.state.trunks as Obj[];

/** What the simulator itself answers for a path, asked with a token of our own, before the bot asks. */
async function simAnswer(path: string): Promise<Obj[]> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'sim-client',
    client_secret: 'sim-secret',
  });
  const token = (await (
    await fetch(`${t.sim.url}/connect/token`, { method: 'POST', body: form })
  ).json()) as {
    access_token: string;
  };
  const res = await fetch(`${t.sim.url}/xapi/v1${path}`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  const body = (await res.json()) as { value: Obj[] };
  t.sim.clearLog();
  return body.value;
}

describe('find <words>', () => {
  it('groups matches by kind, each with the command that opens it, asking every kind with $filter and $top', async () => {
    const all = users();
    const u = all.find((x) => all.filter((y) => y.LastName === x.LastName).length === 1) as Obj;
    const text = await ask(`find ${String(u.LastName)}`);
    expect(text).toContain('Users');
    expect(text).toContain(`${String(u.FirstName)} ${String(u.LastName)} (${String(u.Number)})`);
    expect(text).toContain(`/3cx user ${String(u.Number)}`);
    const sent = t.xapiRequests().filter((r) => r.method === 'GET');
    const kinds = new Set(sent.map((r) => r.operationKey));
    for (const key of [
      'Users.ListUser',
      'Groups.ListGroup',
      'Queues.ListQueue',
      'RingGroups.ListRingGroup',
      'Trunks.ListTrunk',
    ])
      expect(kinds).toContain(key);
    expect(sent.length).toBeLessThanOrEqual(10);
    for (const r of sent) {
      expect(r.query.$top).toBe('5');
      expect(r.query.$filter).toMatch(/contains\(tolower\(/);
    }
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('finds a queue by part of its name and says how to list more', async () => {
    const q = (t.sim.state.queues as Obj[])[0] as Obj;
    const word = String(q.Name).split(/\s+/)[0] as string;
    const text = await ask(`find ${word.toLowerCase()}`);
    expect(text).toContain('Queue');
    expect(text).toContain(`/3cx queue ${String(q.Number)}`);
  });

  it('says so when nothing matches, and points at api search', async () => {
    const text = await ask('find zzqxv');
    expect(text).toContain('Nothing on default matches');
    expect(text).toContain('/3cx api search zzqxv');
  });

  it('needs words', async () => {
    expect(await ask('find')).toContain('find needs words');
    expect(t.xapiRequests()).toHaveLength(0);
  });
});

describe('calls', () => {
  it('writes a party as people do', () => {
    expect(partyName('100 Anna Andersen')).toBe('Anna Andersen (100)');
    expect(partyName('+442079460123')).toBe('+442079460123');
  });

  it('shows who talks with whom, since when and how long', async () => {
    const live = await simAnswer('/ActiveCalls');
    const text = await ask('calls');
    expect(reads('ActiveCalls.ListActiveCall')).toHaveLength(1);
    if (live.length === 0) expect(text).toContain('No calls right now');
    // `100 Anna Andersen` as people write it: `Anna Andersen (100)`
    const person = (party: string) => party.replace(/^(\d{2,7}) (.+)$/, '$2 ($1)');
    for (const c of live) {
      expect(text).toContain(person(String(c.Caller)));
      expect(text).toContain(person(String(c.Callee)));
    }
    if (live.length > 0) expect(text).toMatch(/since \d\d:\d\d|since \d{4}-\d\d-\d\d/);
  });
});

describe('history', () => {
  it('reads the call log report for the last 24 hours: time, from, to, answered or missed', async () => {
    const text = await ask('history');
    const [sent] = reads('ReportCallLogData.GetCallLogData');
    expect(sent).toBeDefined();
    const from = /periodFrom=([^,)]+)/.exec(decodeURIComponent(sent?.path ?? ''))?.[1] ?? '';
    const to = /periodTo=([^,)]+)/.exec(decodeURIComponent(sent?.path ?? ''))?.[1] ?? '';
    expect(Date.parse(to) - Date.parse(from)).toBe(86_400_000);
    expect(text).toMatch(/calls? in the last 24 hours|No calls in the last 24 hours/);
    if (!text.includes('No calls')) expect(text).toMatch(/answered|missed/);
  });

  it('for one person by name: resolved to their extension, filtered on its number', async () => {
    const all = users();
    const u = all.find((x) => all.filter((y) => y.LastName === x.LastName).length === 1) as Obj;
    const text = await ask(`history ${String(u.LastName)} 7d`);
    const [sent] = reads('ReportCallLogData.GetCallLogData');
    expect(sent?.query.$filter).toBe(
      `SourceDn eq '${String(u.Number)}' or DestinationDn eq '${String(u.Number)}'`,
    );
    expect(text).toContain(`${String(u.FirstName)} ${String(u.LastName)}`);
    expect(text).toContain('last 7 days');
  });
});

describe('trunks', () => {
  it('puts the trunk that is down first, with its provider host', async () => {
    const down = trunks()[1] as Obj;
    down.IsOnline = false;
    const text = await ask('trunks');
    expect(reads('Trunks.ListTrunk')).toHaveLength(1);
    const host = String((down.Gateway as Obj).Host);
    expect(text).toContain(host);
    expect(text).toContain(`1 of ${trunks().length} trunks on default not registered`);
    expect(text.indexOf(host)).toBeLessThan(text.indexOf(String(((trunks()[0] as Obj).Gateway as Obj).Host)));
  });

  it('`trunks <words>` is still the entity list', async () => {
    await ask('trunks carrier');
    expect(reads('Trunks.ListTrunk')[0]?.query.$filter).toContain('contains(');
  });
});

describe('phones', () => {
  it('lists the extensions without a registered phone first, without reading the whole user list', async () => {
    const text = await ask('phones');
    const sent = reads('Users.ListUser');
    expect(sent.map((r) => r.query.$filter).sort()).toEqual([
      'IsRegistered eq false',
      'IsRegistered eq true',
    ]);
    for (const r of sent) expect(Number(r.query.$top)).toBeLessThanOrEqual(25);
    const offline = users().filter((u) => u.IsRegistered === false);
    expect(text).toContain(
      `${offline.length} of ${users().length} extensions on default have no registered phone`,
    );
    const first = offline[0] as Obj;
    const online = users().find((u) => u.IsRegistered === true) as Obj;
    expect(text.indexOf(`(${String(first.Number)})`)).toBeLessThan(
      text.indexOf(`(${String(online.Number)})`),
    );
  });
});

describe('backups', () => {
  it('lists backups newest first with size and age', async () => {
    const list = await simAnswer('/Backups');
    const text = await ask('backups');
    expect(reads('Backups.ListBackups')).toHaveLength(1);
    for (const b of list) expect(text).toContain(String(b.FileName));
    if (list.length > 0) expect(text).toMatch(/ago|in \d/);
  });

  it('`backup now` starts a backup and confirms it in the channel', async () => {
    await t.command('backup now');
    const post = await t.channelPost('C0OPS');
    const [sent] = t.xapiRequests().filter((r) => r.operationKey === 'Backups.Backup');
    expect(sent?.method).toBe('POST');
    const name = (((sent?.body ?? {}) as Obj).description as Obj | undefined)?.Name;
    expect(name).toMatch(/^slack-\d{12}$/);
    expect(post).toContain('Backups.Backup');
  });

  it('a viewer may list backups but not start one', async () => {
    const text = await ask('backup now', 'U0VIEW');
    expect(text).toContain('You may not run Backups.Backup');
    expect(t.xapiRequests().filter((r) => r.operationKey === 'Backups.Backup')).toHaveLength(0);
  });
});

describe('status', () => {
  it('says what is wrong first: the trunk that is down, by name, and phones not registered', async () => {
    const down = trunks()[1] as Obj;
    down.IsOnline = false;
    const text = await ask('status');
    const gateway = down.Gateway as Obj;
    expect(text).toMatch(/things? needs? attention on default/);
    expect(text).toContain(
      `1 of ${trunks().length} trunks down (${String(gateway.Name)} (${String(down.Number)}))`,
    );
    expect(text).toContain('phones not registered');
    expect(text).not.toContain('Id: 1');
    expect(reads('SystemStatus.GetSystemStatus')).toHaveLength(1);
    expect(reads('Trunks.ListTrunk')[0]?.query.$filter).toBe('IsOnline eq false');
  });

  it('names a stopped service and a licence about to expire', async () => {
    const services = t.sim.state.services as Obj[];
    // Exactly one stopped: the seeded company has a stopped service of its own.
    for (const s of services) s.Status = 'Running';
    (services[0] as Obj).Status = 'Stopped';
    const license = t.sim.state.license as Obj;
    license.ExpirationDate = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const text = await ask('status');
    expect(text).toContain(`1 service not running (${String((services[0] as Obj).DisplayName)})`);
    expect(text).toMatch(/the licence expires in (9|10) d/);
  });

  it('keeps the raw answer behind --json', async () => {
    expect(await ask('status --json')).toContain('```');
  });
});
