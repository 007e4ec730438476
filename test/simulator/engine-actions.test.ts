import { AUDIT_ACTION, AUDIT_SOURCE } from '../../src/simulator/audit-log';
import { call, useSimulator } from './helpers';

type Row = Record<string, unknown>;

describe('actions with visible effects, counted status and the audit log', () => {
  const box = useSimulator();
  const status = async () => (await box.xapi.get('/SystemStatus')).body as Row;

  it('computes SystemStatus counts from the lists', async () => {
    const s = await status();
    const calls = await box.xapi.list('/ActiveCalls');
    const users = await box.xapi.list('/Users');
    const trunks = await box.xapi.list('/Trunks');
    expect(calls.length).toBeGreaterThan(0);
    expect(s).toMatchObject({
      CallsActive: calls.length,
      ExtensionsTotal: users.length,
      ExtensionsRegistered: users.filter((u) => u.IsRegistered === true).length,
      TrunksTotal: trunks.length,
      TrunksRegistered: trunks.filter((t) => t.IsOnline === true).length,
      HasNotRunningServices: (await box.xapi.list('/Services')).some((x) => x.Status !== 'Running'),
      FQDN: box.sim.state.pbx.fqdn,
    });
  });

  it('adds a backup on Backup and removes it on DeleteBackups', async () => {
    const before = await box.xapi.list('/Backups');
    const made = await box.xapi.request('POST', '/Backups/Pbx.Backup', {
      description: { Name: 'before-upgrade' },
    });
    expect(made.status).toBe(204);
    const after = await box.xapi.list('/Backups');
    expect(after).toHaveLength(before.length + 1);
    expect(after.map((b) => b.FileName)).toContain('before-upgrade.zip');
    expect((await box.xapi.request('DELETE', "/Backups('before-upgrade.zip')")).status).toBe(204);
    expect((await box.xapi.list('/Backups')).map((b) => b.FileName)).not.toContain('before-upgrade.zip');
    expect((await box.xapi.request('DELETE', "/Backups('before-upgrade.zip')")).status).toBe(404);
  });

  it('ends a live call on DropCall and adds one on MakeCall, and the status follows', async () => {
    const [first] = await box.xapi.list('/ActiveCalls');
    const id = String(first?.Id);
    expect((await box.xapi.request('POST', `/ActiveCalls(${id})/Pbx.DropCall`)).status).toBe(200);
    const left = await box.xapi.list('/ActiveCalls');
    expect(left.map((c) => c.Id)).not.toContain(first?.Id);
    expect((await status()).CallsActive).toBe(left.length);
    expect((await box.xapi.request('POST', `/ActiveCalls(${id})/Pbx.DropCall`)).status).toBe(404);

    const made = await box.xapi.request('POST', '/Users/Pbx.MakeCall', {
      dn: '102',
      destination: '+442079460999',
    });
    expect(made.status).toBe(200);
    const now = await box.xapi.list('/ActiveCalls');
    expect(now).toHaveLength(left.length + 1);
    expect(now.at(-1)).toMatchObject({ Callee: '+442079460999', Caller: expect.stringContaining('102') });
    expect((await status()).CallsActive).toBe(now.length);
    const nobody = await box.xapi.request('POST', '/Users/Pbx.MakeCall', { dn: '999', destination: '1' });
    expect(nobody.status).toBe(404);
  });

  it('stops and starts a service: its state and start time change, and the status notices', async () => {
    const body = { options: { ServiceNames: ['3CXQueueManager01'] } };
    expect((await box.xapi.request('POST', '/Services/Pbx.Stop', body)).status).toBe(204);
    const stopped = (await box.xapi.list('/Services')).find((s) => s.Name === '3CXQueueManager01');
    expect(stopped?.Status).toBe('Stopped');
    expect((await status()).HasNotRunningServices).toBe(true);
    const all = {
      options: {
        ServiceNames: box.sim.state.services
          .filter((x) => x.StartStopEnabled !== false)
          .map((x) => String(x.Name)),
      },
    };
    expect((await box.xapi.request('POST', '/Services/Pbx.Start', all)).status).toBe(204);
    const started = (await box.xapi.list('/Services')).find((s) => s.Name === '3CXQueueManager01');
    expect(started?.Status).toBe('Running');
    expect(Date.parse(String(started?.SampleTime))).toBeGreaterThanOrEqual(
      Date.parse(String(stopped?.SampleTime)),
    );
    expect((await status()).HasNotRunningServices).toBe(false);
  });

  it('empties the lists a purge names', async () => {
    expect((await box.xapi.list('/Backups')).length).toBeGreaterThan(0);
    expect((await box.xapi.request('POST', '/Backups/Pbx.PurgeLocalBackups')).status).toBe(204);
    expect(await box.xapi.list('/Backups')).toEqual([]);
    expect((await box.xapi.request('POST', '/EventLogs/Pbx.PurgeEventLog')).status).toBe(204);
    expect(await box.xapi.list('/EventLogs')).toEqual([]);
  });

  it('writes every change to the PBX audit log, newest first, with the changed fields', async () => {
    const first = { ...box.sim.state.users[0] } as Row;
    const ring = box.sim.state.ringGroups.at(-1) as Row;
    expect((await box.xapi.request('PATCH', '/Users(1)', { LastName: 'Andersen-Berg' })).status).toBe(204);
    expect((await box.xapi.request('POST', '/Groups', { Name: 'Night shift' })).status).toBe(201);
    expect((await box.xapi.request('DELETE', `/RingGroups(${String(ring.Id)})`)).status).toBe(204);
    const log = await box.xapi.list('/ReportAuditLog/Pbx.GetAuditLogData()');
    expect(log.slice(0, 3).map((r) => r.Action)).toEqual([
      AUDIT_ACTION.delete,
      AUDIT_ACTION.create,
      AUDIT_ACTION.update,
    ]);
    const update = log[2] as Row;
    expect(update).toMatchObject({
      UserName: box.sim.credentials.clientId,
      Ip: expect.stringMatching(/127\.0\.0\.1/),
      Source: AUDIT_SOURCE.xapi,
      ObjectName: `${String(first.Number)} ${String(first.DisplayName)}`,
      PrevData: JSON.stringify({ LastName: first.LastName }),
      NewData: JSON.stringify({ LastName: 'Andersen-Berg' }),
    });
    expect(Date.parse(String(update.Timestamp))).not.toBeNaN();
    expect(log[0]).toMatchObject({ ObjectName: expect.stringContaining(String(ring.Name)), NewData: null });
    expect(box.sim.auditLog()).toHaveLength(log.length);
  });

  it('changes state as if in the admin console, and logs it under that person', async () => {
    const res = await call(`${box.sim.url}/_sim/console`, {
      method: 'POST',
      body: JSON.stringify({
        set: 'Trunks',
        key: 1,
        changes: { IsOnline: false },
        user: 'it.admin@example.com',
      }),
    });
    expect(res.status).toBe(200);
    expect((await box.xapi.get('/Trunks(1)')).body).toMatchObject({ IsOnline: false });
    const online = (await box.xapi.list('/Trunks')).filter((t) => t.IsOnline === true).length;
    expect((await status()).TrunksRegistered).toBe(online);
    const [entry] = await box.xapi.list('/ReportAuditLog/Pbx.GetAuditLogData()');
    expect(entry).toMatchObject({
      UserName: 'it.admin@example.com',
      Source: AUDIT_SOURCE.console,
      Action: AUDIT_ACTION.update,
      PrevData: JSON.stringify({ IsOnline: true }),
      NewData: JSON.stringify({ IsOnline: false }),
    });
    const missing = await call(`${box.sim.url}/_sim/console`, {
      method: 'POST',
      body: JSON.stringify({ set: 'Trunks', key: 99, changes: {} }),
    });
    expect(missing.status).toBe(404);
  });
});
