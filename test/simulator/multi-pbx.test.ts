import { type Simulator, startSimulators } from '../../src/simulator';
import { readSimulatorEnv } from '../../src/simulator/sim-env';
import { Xapi } from './helpers';

describe('several PBXs in one process', () => {
  let sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((sim) => sim.close()));
    sims = [];
  });

  it('gives each its own port, FQDN, version, company and credentials', async () => {
    sims = await startSimulators({ count: 3 });
    expect(new Set(sims.map((s) => s.url)).size).toBe(3);
    expect(new Set(sims.map((s) => s.state.pbx.fqdn)).size).toBe(3);
    expect(new Set(sims.map((s) => s.state.pbx.version)).size).toBe(3);
    expect(new Set(sims.map((s) => s.state.pbx.companyName)).size).toBe(3);
    expect(sims.map((s) => s.credentials.clientId)).toEqual(['sim-client', 'sim-client-2', 'sim-client-3']);
    for (const sim of sims) {
      const status = (await new Xapi(sim).get('/SystemStatus')).body as Record<string, unknown>;
      expect(status).toMatchObject({ FQDN: sim.state.pbx.fqdn, Version: sim.state.pbx.version });
    }
  });

  it('keeps their states apart and refuses another PBX’s credentials', async () => {
    sims = await startSimulators({ count: 2 });
    const [a, b] = sims as [Simulator, Simulator];
    const created = await new Xapi(a).request('POST', '/Groups', { Name: 'Only on the first' });
    expect(created.status).toBe(201);
    expect(a.state.groups.some((g) => g.Name === 'Only on the first')).toBe(true);
    expect(b.state.groups.some((g) => g.Name === 'Only on the first')).toBe(false);
    const wrong = await fetch(`${b.url}/connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'sim-client',
        client_secret: 'sim-secret',
      }),
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
  });

  it('reads SIMULATOR_PBXS, SIMULATOR_SEED and SIMULATOR_USERS, naming a bad value and the fix', () => {
    expect(readSimulatorEnv({ SIMULATOR_PBXS: '3', SIMULATOR_SEED: '7', SIMULATOR_USERS: '10000' })).toEqual({
      SIMULATOR_PBXS: 3,
      SIMULATOR_SEED: 7,
      SIMULATOR_USERS: 10000,
    });
    expect(readSimulatorEnv({})).toEqual({ SIMULATOR_PBXS: 1, SIMULATOR_SEED: 1 });
    expect(() => readSimulatorEnv({ SIMULATOR_PBXS: 'many' })).toThrow(/SIMULATOR_PBXS: .*"many".*1 to 50/);
  });
});
