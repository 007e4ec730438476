import { problems, statusMessage } from '../../src/views/replies/status-verdict';

const NOW = Date.parse('2026-12-02T14:00:00Z');
const words = { timeZone: 'UTC', now: NOW };
const healthy = {
  FQDN: 'pbx.example.com',
  Version: '20.0.10.523',
  LicenseActive: true,
  ExpirationDate: '2027-12-01T00:00:00Z',
  TrunksRegistered: 2,
  TrunksTotal: 2,
  ExtensionsRegistered: 25,
  ExtensionsTotal: 25,
  HasNotRunningServices: false,
  CallsActive: 3,
  MaxSimCalls: 16,
  Id: 1,
};
const facts = (status: Record<string, unknown>) => ({
  status,
  pbx: 'alpha',
  words,
  durationMs: 12,
  httpStatus: 200,
});

describe('the status verdict', () => {
  it('says all is well in one line when nothing is wrong, and never shows the Id', () => {
    expect(problems(facts(healthy))).toEqual([]);
    const text = JSON.stringify(statusMessage(facts(healthy)));
    expect(text).toContain(
      '✅ All well on alpha: trunks registered, services running, licence valid until 2027-12-01',
    );
    expect(text).toContain('3 of 16 simultaneous calls');
    expect(text).not.toMatch(/\bId\b/);
  });

  it('puts what is wrong first, worst first', () => {
    const wrong = problems({
      ...facts({
        ...healthy,
        TrunksRegistered: 1,
        HasNotRunningServices: true,
        ExpirationDate: '2026-12-20T00:00:00Z',
        ExtensionsRegistered: 20,
        DiskUsage: 95,
      }),
      trunksDown: ['Backup Voice (10001)'],
      servicesStopped: ['Queue Manager'],
    });
    expect(wrong).toEqual([
      '🔴 1 of 2 trunks down (Backup Voice (10001))',
      '🔴 1 service not running (Queue Manager)',
      '⚠️ the licence expires in 17 d (2026-12-20)',
      '⚠️ 5 of 25 phones not registered',
      '⚠️ disk 95% full',
    ]);
  });

  it('an expired or inactive licence is red', () => {
    expect(problems(facts({ ...healthy, ExpirationDate: '2026-11-01T00:00:00Z' }))).toEqual([
      '🔴 the licence expired on 2026-11-01',
    ]);
    expect(problems(facts({ ...healthy, LicenseActive: false }))).toEqual(['🔴 the licence is not active']);
  });
});
