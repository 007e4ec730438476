import { type Simulator, startSimulator } from '../../src/simulator';
import { captureLogs, testClient } from './helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

describe('logging', () => {
  it('writes one line per HTTP attempt and never the secret or a token', async () => {
    const logs = captureLogs('trace');
    const client = testClient(sim.url, { logger: logs.logger });
    await client.call('Users.ListUser', { params: { $top: 2, $filter: "FirstName eq 'Ann'" } });
    sim.revokeTokens();
    await client.call('TenantProperties.GetProperty', { params: { Name: 'nope' } }).catch(() => undefined);
    sim.addFault({ path: '/xapi/v1/SystemStatus', status: 503, times: 1 });
    await client.call('SystemStatus.GetSystemStatus');
    await client.call('SystemStatus.SetMultiCompanyMode', { body: { enable: false } });
    await client.close();

    const issued = sim.requests
      .map((r) => /^Bearer (\S+)$/.exec(String(r.headers.authorization ?? ''))?.[1])
      .filter((t): t is string => t !== undefined);
    expect(new Set(issued).size).toBe(2);
    const text = logs.text();
    for (const secret of ['sim-secret', ...issued]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization/i);

    const attempts = logs.lines().filter((l) => l.msg === 'xapi');
    const xapiRequests = sim.requests.filter((r) => r.path.startsWith('/xapi/v1/'));
    expect(attempts).toHaveLength(xapiRequests.length);
    expect(attempts.every((l) => l.level === 30)).toBe(true);
    expect(attempts[0]).toMatchObject({
      pbx: 'test',
      op: 'Users.ListUser',
      method: 'GET',
      path: "/Users?$top=2&$filter=FirstName%20eq%20'Ann'",
      status: 200,
      attempt: 1,
    });
    expect(typeof attempts[0]?.ms).toBe('number');
    expect(attempts.map((l) => [l.op, l.status, l.attempt])).toEqual([
      ['Users.ListUser', 200, 1],
      ['TenantProperties.GetProperty', 401, 1],
      ['TenantProperties.GetProperty', 404, 2],
      ['SystemStatus.GetSystemStatus', 503, 1],
      ['SystemStatus.GetSystemStatus', 200, 2],
      ['SystemStatus.SetMultiCompanyMode', expect.any(Number), 1],
    ]);
    // Token requests are logged too, at debug, without the form.
    expect(logs.lines().filter((l) => l.msg === 'token request')).toHaveLength(2);
  });
});
