import type { XapiError } from '../../src/api/client';
import type { Simulator } from '../../src/simulator';
import { testClient, useSimulator } from './helpers';

let sim: Simulator;
useSimulator((started) => {
  sim = started;
});

const hits = (path: string, method = 'GET') =>
  sim.requests.filter((r) => r.path === path && r.method === method);

describe('reads are retried when trying again can help', () => {
  it('503 twice, then the answer', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Users', status: 503, times: 2 });
    const result = await client.call('Users.ListUser', { params: { $top: 3 } });
    await client.close();
    expect(result.attempts).toBe(3);
    expect(hits('/xapi/v1/Users').map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('429 with Retry-After, then the answer', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Users', status: 429, headers: { 'Retry-After': '0' }, times: 1 });
    const result = await client.call('Users.ListUser', { params: { $top: 3 } });
    await client.close();
    expect(result.attempts).toBe(2);
    expect(hits('/xapi/v1/Users').map((r) => r.status)).toEqual([429, 200]);
  });

  it('a dropped connection, then the answer', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Users', dropConnection: true, times: 1 });
    const result = await client.call('Users.ListUser', { params: { $top: 3 } });
    await client.close();
    expect(result.status).toBe(200);
    expect(result.attempts).toBe(2);
    expect(hits('/xapi/v1/Users')).toHaveLength(2);
  });

  it('stops after the policy’s retries', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Users', status: 502 });
    const err = (await client.call('Users.ListUser').catch((e: unknown) => e)) as XapiError;
    await client.close();
    expect(err).toMatchObject({ kind: 'unavailable', status: 502, attempts: 4 });
    expect(hits('/xapi/v1/Users')).toHaveLength(4);
  });
});

describe('writes are never retried', () => {
  const restart = { body: { options: { ServiceNames: ['MfeService'] } } };

  it('on 503: exactly one attempt reaches the PBX', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Services/Pbx.Restart', status: 503, times: 1 });
    const err = (await client.call('Services.Restart', restart).catch((e: unknown) => e)) as XapiError;
    await client.close();
    expect(err).toMatchObject({ kind: 'unavailable', attempts: 1 });
    expect(hits('/xapi/v1/Services/Pbx.Restart', 'POST')).toHaveLength(1);
  });

  it('on a dropped connection: exactly one attempt reaches the PBX', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Services/Pbx.Restart', dropConnection: true, times: 1 });
    const err = (await client.call('Services.Restart', restart).catch((e: unknown) => e)) as XapiError;
    await client.close();
    expect(err).toMatchObject({ kind: 'network', attempts: 1 });
    expect(hits('/xapi/v1/Services/Pbx.Restart', 'POST')).toHaveLength(1);
  });
});
