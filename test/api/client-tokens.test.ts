import { tokenLifetimeMs } from '../../src/api/auth';
import { userMessage, type XapiError } from '../../src/api/client';
import { type Simulator, startSimulator } from '../../src/simulator';
import { testClient, useSimulator } from './helpers';

let sim: Simulator;
useSimulator((started) => {
  sim = started;
});

const xapiCalls = () => sim.requests.filter((r) => r.path.startsWith('/xapi/v1/'));

describe('access tokens', () => {
  it('fetches one token for 200 calls started together from cold', async () => {
    const client = testClient(sim.url);
    const results = await Promise.all(
      Array.from({ length: 200 }, () => client.call('Users.ListUser', { params: { $top: 1 } })),
    );
    await client.close();
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sim.tokenRequests()).toBe(1);
    expect(client.tokenRequests()).toBe(1);
  });

  it('reuses the token for later calls', async () => {
    const client = testClient(sim.url);
    for (let i = 0; i < 5; i++) await client.call('SystemStatus.GetSystemStatus');
    await client.close();
    expect(sim.tokenRequests()).toBe(1);
  });

  it('recovers from a token revoked between calls with one refresh', async () => {
    const client = testClient(sim.url);
    await client.call('Users.ListUser', { params: { $top: 1 } });
    sim.revokeTokens();
    const result = await client.call('Users.ListUser', { params: { $top: 1 } });
    await client.close();
    expect(result.status).toBe(200);
    expect(result.attempts).toBe(2);
    expect(sim.tokenRequests()).toBe(2);
    expect(xapiCalls().map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('sends a write again after a 401, since 3CX rejected it before acting', async () => {
    const client = testClient(sim.url);
    await client.call('SystemStatus.GetSystemStatus');
    sim.revokeTokens();
    const result = await client.call('SystemStatus.SetMultiCompanyMode', { body: { enable: true } });
    await client.close();
    expect(result.status).toBeLessThan(300);
    expect(sim.state.multiCompanyMode).toBe(true);
    expect(
      xapiCalls()
        .filter((r) => r.method === 'POST')
        .map((r) => r.status),
    ).toEqual([401, result.status]);
  });

  it('gives up with kind auth when the fresh token is refused too', async () => {
    const client = testClient(sim.url);
    sim.addFault({
      path: '/xapi/v1/Users',
      status: 401,
      body: { error: { code: '401', message: 'Token rejected' } },
    });
    const err = (await client.call('Users.ListUser').catch((e: unknown) => e)) as XapiError;
    await client.close();
    expect(err.kind).toBe('auth');
    expect(err.attempts).toBe(2);
    expect(sim.tokenRequests()).toBe(2);
    expect(userMessage(err)).toContain('Check THREECX_CLIENT_ID and THREECX_CLIENT_SECRET');
  });

  it('reports wrong credentials as kind auth with the OAuth error', async () => {
    const client = testClient(sim.url, { clientSecret: 'wrong' });
    const err = (await client.call('Users.ListUser').catch((e: unknown) => e)) as XapiError;
    await client.close();
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_client');
    expect(userMessage(err)).toMatch(/^3CX refused the API credentials\. .*Admin › Integrations › API/);
    expect(userMessage(err)).toContain('(code invalid_client)');
    expect(xapiCalls()).toHaveLength(0);
  });

  it('reports a token endpoint that is down as unavailable', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/connect/token', status: 503, body: 'restarting' });
    const err = (await client
      .call('SystemStatus.SetMultiCompanyMode', { body: { enable: true } })
      .catch((e: unknown) => e)) as XapiError;
    await client.close();
    expect(err.kind).toBe('unavailable');
    expect(xapiCalls()).toHaveLength(0);
  });
});

describe('token lifetime', () => {
  function clock() {
    let t = 1_000_000;
    return { now: () => t, advance: (seconds: number) => (t += seconds * 1000) };
  }

  it('reads expires_in as seconds from 3CX 20.0.9 on', async () => {
    const seconds = await startSimulator({ port: 0, tokenLifetimeSeconds: 600 });
    const c = clock();
    const client = testClient(seconds.url, { now: c.now });
    await client.call('SystemStatus.GetSystemStatus');
    c.advance(500);
    await client.call('SystemStatus.GetSystemStatus');
    expect(seconds.tokenRequests()).toBe(1);
    c.advance(41); // 541 s: inside the last minute of a 600 s token
    await client.call('SystemStatus.GetSystemStatus');
    expect(seconds.tokenRequests()).toBe(2);
    await client.close();
    await seconds.close();
  });

  it('reads expires_in as minutes from older 3CX', async () => {
    const minutes = await startSimulator({ port: 0, tokenLifetimeSeconds: 600, expiresInMinutes: true });
    const c = clock();
    const client = testClient(minutes.url, { now: c.now });
    await client.call('SystemStatus.GetSystemStatus');
    expect(minutes.requests.find((r) => r.path === '/connect/token')?.status).toBe(200);
    c.advance(100); // long past 10 s, which is what expires_in 10 would mean in seconds
    await client.call('SystemStatus.GetSystemStatus');
    expect(minutes.tokenRequests()).toBe(1);
    c.advance(441);
    await client.call('SystemStatus.GetSystemStatus');
    expect(minutes.tokenRequests()).toBe(2);
    await client.close();
    await minutes.close();
  });

  it('takes values of 120 or less as minutes, larger ones as seconds, unless told', () => {
    expect(tokenLifetimeMs(60)).toBe(3_600_000);
    expect(tokenLifetimeMs(120)).toBe(7_200_000);
    expect(tokenLifetimeMs(3600)).toBe(3_600_000);
    expect(tokenLifetimeMs(121)).toBe(121_000);
    expect(tokenLifetimeMs(60, 'seconds')).toBe(60_000);
    expect(tokenLifetimeMs(3600, 'minutes')).toBe(216_000_000);
  });
});
