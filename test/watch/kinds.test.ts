import { parseWatch } from '../../src/commands/grammar/watch';
import { type Read, watchKind } from '../../src/watch/kinds';

const now = Date.parse('2026-12-02T12:00:00Z');
const day = 86_400_000;

function reader(answers: Record<string, unknown>): {
  read: Read;
  asked: { key: string; params?: unknown }[];
} {
  const asked: { key: string; params?: unknown }[] = [];
  return {
    asked,
    read: async (key, params) => {
      asked.push({ key, ...(params ? { params } : {}) });
      if (!(key in answers)) throw new Error(`unexpected read ${key}`);
      return answers[key];
    },
  };
}

const observe = (name: string, answers: Record<string, unknown>, options: Record<string, unknown> = {}) => {
  const kind = watchKind(name);
  if (!kind) throw new Error(name);
  const r = reader(answers);
  return kind.observe(r.read, options, now).then((obs) => ({ obs, asked: r.asked }));
};

describe('watch kinds', () => {
  it('trunks: down when not online, named by gateway and number', async () => {
    const { obs } = await observe('trunks', {
      'Trunks.ListTrunk': {
        value: [{ Id: 1, Number: '10000', IsOnline: false, Gateway: { Name: 'Carrier' } }, { Id: 2 }],
      },
    });
    expect(obs).toEqual([
      { subject: 'trunk:1', label: 'Carrier (10000)', state: 'alert', detail: 'down (not registered)' },
      { subject: 'trunk:2', label: 'trunk 2', state: 'ok', detail: 'up' },
    ]);
  });

  it('services: anything but Running alerts', async () => {
    const { obs } = await observe('services', {
      'Services.ListServiceInfo': {
        value: [{ Name: 'QM', DisplayName: 'Queue Manager', Status: 'Stopped' }],
      },
    });
    expect(obs[0]).toMatchObject({ label: 'Queue Manager (QM)', state: 'alert', detail: 'Stopped' });
  });

  it('licence and backups count days', async () => {
    const soon = await observe(
      'licence',
      { 'LicenseStatus.GetLicenseStatus': { ExpirationDate: new Date(now + 12 * day).toISOString() } },
      { days: 30 },
    );
    expect(soon.obs[0]).toMatchObject({ state: 'alert', detail: 'expires in 12 days' });
    const old = await observe(
      'backups',
      {
        'Backups.ListBackups': {
          value: [{ FileName: 'a', CreationTime: new Date(now - 4 * day).toISOString() }],
        },
      },
      { days: 3 },
    );
    expect(old.obs[0]).toMatchObject({ state: 'alert', detail: 'last backup 4 days ago' });
    const none = await observe('backups', { 'Backups.ListBackups': { value: [] } }, { days: 3 });
    expect(none.obs[0]).toMatchObject({ state: 'alert', detail: 'no backup on the PBX' });
  });

  it('updates: an out-of-date item not ignored', async () => {
    const { obs } = await observe('updates', {
      'Updates.GetUpdates': {
        value: [
          { Name: 'PBX', OutOfDate: true, ServerVersion: '20.0.11' },
          { Name: 'X', OutOfDate: true, Ignore: true },
        ],
      },
    });
    expect(obs[0]).toMatchObject({ state: 'alert', detail: 'available: PBX 20.0.11' });
  });

  it('phones: named extensions asked by $filter, or a count of unregistered ones', async () => {
    const named = await observe(
      'phones',
      {
        'Users.ListUser': {
          value: [{ Number: '101', FirstName: 'Ann', LastName: 'Lee', IsRegistered: false }],
        },
      },
      { numbers: ['101', "10'2"] },
    );
    expect(named.obs[0]).toMatchObject({ subject: 'phone:101', label: 'Ann Lee (101)', state: 'alert' });
    expect(named.asked[0]?.params).toMatchObject({ $filter: "Number eq '101' or Number eq '10''2'" });
    const counted = await observe(
      'phones',
      { 'Users.ListUser': { '@odata.count': 7, value: [] } },
      { over: 5 },
    );
    expect(counted.obs[0]).toMatchObject({ state: 'alert', detail: '7 unregistered' });
  });

  it('queue: too many callers waiting, or one waiting too long', async () => {
    const call = (callee: string, status: string, secondsAgo: number) => ({
      Callee: callee,
      Status: status,
      LastChangeStatus: new Date(now - secondsAgo * 1000).toISOString(),
    });
    const answers = {
      'ActiveCalls.ListActiveCall': {
        value: [
          call('800 Sales', 'Routing', 90),
          call('800 Sales', 'Talking', 300),
          call('801 Support', 'Routing', 500),
        ],
      },
    };
    const long = await observe('queue', answers, { queue: '800', waiting: 3, waitSeconds: 60 });
    expect(long.obs[0]).toMatchObject({
      subject: 'queue:800',
      state: 'alert',
      detail: '1 caller waiting, longest 90 s',
    });
    const calm = await observe('queue', answers, { queue: '800', waiting: 3 });
    expect(calm.obs[0]).toMatchObject({ state: 'ok' });
    expect(parseWatch(['queue', '800', 'waiting', '2', 'wait', '45s'])).toEqual({
      kind: 'watch',
      what: 'queue',
      options: { queue: '800', waiting: 2, waitSeconds: 45 },
    });
    expect(parseWatch(['queue', 'Sales'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('extension number'),
    });
  });

  it('pbx: a failed read is the alert', async () => {
    const { obs } = await observe('pbx', {});
    expect(obs[0]).toMatchObject({ subject: 'pbx', state: 'alert' });
  });

  it('options are checked with a message naming the fix', () => {
    expect(parseWatch(['licence', 'soon'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('1 to 3650'),
    });
    expect(parseWatch(['phones', 'abc'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('"abc" is neither'),
    });
    expect(parseWatch(['license', '14'])).toEqual({ kind: 'watch', what: 'licence', options: { days: 14 } });
    expect(parseWatch(['phones', '101', '102'])).toEqual({
      kind: 'watch',
      what: 'phones',
      options: { numbers: ['101', '102'] },
    });
  });
});
