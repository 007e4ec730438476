import { waitUntil } from '../support/wait';
import { call, errorOf, getToken, tokenForm, useSimulator } from './helpers';

describe('fault injection with addFault', () => {
  const box = useSimulator();

  it('delays an answer by latencyMs and then answers normally', async () => {
    box.sim.addFault({ path: '/xapi/v1/Users', latencyMs: 250 });
    // Order and outcome, not a stopwatch: a request sent after the delayed one, to another path, is answered
    // first; the delayed one then answers normally.
    const order: string[] = [];
    const started = Date.now();
    const slow = box.xapi.get('/Users?$top=1').then((res) => {
      order.push('Users');
      return res;
    });
    await waitUntil(() => box.sim.requests.some((r) => r.path === '/xapi/v1/Users'), {
      what: 'the slow request',
    });
    await box.xapi.get('/Groups').then(() => order.push('Groups'));
    const res = await slow;
    expect(order).toEqual(['Groups', 'Users']);
    expect(res.status).toBe(200);
    // A lower bound cannot fail for a busy machine: the delay was applied.
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('answers 429 with Retry-After for the next `times` requests, then normally', async () => {
    box.sim.addFault({
      method: 'GET',
      path: '/xapi/v1/Users',
      status: 429,
      headers: { 'Retry-After': '2' },
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const res = await box.xapi.get('/Users');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(errorOf(res).code).toBe('429');
    }
    expect((await box.xapi.get('/Users')).status).toBe(200);
    expect(box.sim.requests.filter((r) => r.path === '/xapi/v1/Users').map((r) => r.status)).toEqual([
      429, 429, 200,
    ]);
  });

  it('answers a given status and body, on the token endpoint too', async () => {
    box.sim.addFault({ path: '/connect/token', status: 503, times: 1 });
    const down = await call(`${box.sim.url}/connect/token`, { method: 'POST', body: tokenForm() });
    expect(down.status).toBe(503);
    expect(box.sim.tokenRequests()).toBe(0);
    await getToken(box.sim);
    const body = { error: { code: 'InternalError', message: 'database locked' } };
    box.sim.addFault({ method: 'POST', path: '/xapi/v1/Services/Pbx.Restart', status: 500, body });
    const res = await box.xapi.request('POST', '/Services/Pbx.Restart', {
      options: { ServiceNames: ['nginx'] },
    });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(body);
    expect(box.sim.state.restarts).toEqual([]);
  });

  it('sends a string body as it is, with the content type the fault names', async () => {
    box.sim.addFault({ path: '/xapi/v1/Users', status: 502, body: '<html>Bad gateway</html>', times: 1 });
    const html = await box.xapi.get('/Users');
    expect(html).toMatchObject({ status: 502, body: '<html>Bad gateway</html>' });
    expect(html.headers.get('content-type')).toContain('text/plain');
    box.sim.addFault({
      path: '/xapi/v1/Users',
      status: 502,
      body: '<html>Bad gateway</html>',
      headers: { 'Content-Type': 'text/html' },
      times: 1,
    });
    expect((await box.xapi.get('/Users')).headers.get('content-type')).toBe('text/html');
  });

  it('matches a RegExp path and only the given method', async () => {
    box.sim.addFault({ method: 'PATCH', path: /^\/xapi\/v1\/Users\(\d+\)$/, status: 503 });
    expect((await box.xapi.request('PATCH', '/Users(4)', { FirstName: 'X' })).status).toBe(503);
    expect((await box.xapi.get('/Users(4)')).status).toBe(200);
    box.sim.clearFaults();
    expect((await box.xapi.request('PATCH', '/Users(4)', { FirstName: 'X' })).status).toBe(204);
  });

  it('sends truncated JSON for malformedJson', async () => {
    box.sim.addFault({ path: '/xapi/v1/Users', malformedJson: true, times: 1 });
    const token = await getToken(box.sim);
    const res = await fetch(`${box.sim.url}/xapi/v1/Users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    // undici parses in its own realm, so compare the name rather than the constructor.
    await expect(res.json()).rejects.toMatchObject({ name: 'SyntaxError' });
  });

  it('drops the connection without an answer', async () => {
    box.sim.addFault({ path: '/xapi/v1/Users', dropConnection: true, times: 1 });
    await expect(box.xapi.get('/Users')).rejects.toThrow(/fetch failed/);
    expect(box.sim.requests.at(-1)).toMatchObject({ path: '/xapi/v1/Users', status: 0 });
    expect((await box.xapi.get('/Users')).status).toBe(200);
  });

  it('hangs until the simulator closes', async () => {
    box.sim.addFault({ path: '/xapi/v1/SystemStatus', hang: true });
    const token = await getToken(box.sim);
    const pending = fetch(`${box.sim.url}/xapi/v1/SystemStatus`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const settled = pending.then(
      () => 'answered',
      () => 'failed',
    );
    await waitUntil(() => box.sim.requests.some((r) => r.path === '/xapi/v1/SystemStatus'), {
      what: 'the hanging request to arrive',
    });
    await box.sim.close();
    expect(await settled).toBe('failed');
  });

  it('ends a request waiting out its latency when the simulator closes', async () => {
    box.sim.addFault({ path: '/xapi/v1/Users', latencyMs: 60_000 });
    const settled = box.xapi.get('/Users').then(
      () => 'answered',
      () => 'failed',
    );
    await waitUntil(() => box.sim.requests.some((r) => r.path === '/xapi/v1/Users'), {
      what: 'the slow request',
    });
    const started = Date.now();
    await box.sim.close();
    expect(await settled).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects a times that is not a positive whole number', () => {
    expect(() => box.sim.addFault({ path: '/x', times: 0 })).toThrow(RangeError);
  });
});

describe('control over HTTP: /_sim', () => {
  const box = useSimulator();
  const admin = (method: string, path: string, body?: unknown) =>
    call(`${box.sim.url}/_sim${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });

  it('adds, lists and clears faults with a string path', async () => {
    const added = await admin('POST', '/faults', {
      method: 'GET',
      path: '/xapi/v1/Users',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    expect(added.status).toBe(201);
    expect((await admin('GET', '/faults')).body).toMatchObject({
      value: [{ path: '/xapi/v1/Users', remaining: 1 }],
    });
    const limited = await box.xapi.get('/Users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await box.xapi.get('/Users')).status).toBe(200);

    await admin('POST', '/faults', { path: '/xapi/v1/Groups', status: 503 });
    expect((await box.xapi.get('/Groups')).status).toBe(503);
    expect((await admin('DELETE', '/faults')).status).toBe(204);
    expect((await box.xapi.get('/Groups')).status).toBe(200);
  });

  it('adds a fault with a regex path, latency, malformedJson, drop and hang', async () => {
    await admin('POST', '/faults', {
      path: { regex: '^/xapi/v1/groups', flags: 'i' },
      status: 502,
      times: 1,
    });
    expect((await box.xapi.get('/Groups(1)')).status).toBe(502);
    await admin('POST', '/faults', { path: '/xapi/v1/Trunks', malformedJson: true, times: 1 });
    const broken = await box.xapi.get('/Trunks').catch((err: Error) => err);
    expect(broken).toBeInstanceOf(SyntaxError);
    await admin('POST', '/faults', { path: '/xapi/v1/Queues', dropConnection: true, times: 1 });
    await expect(box.xapi.get('/Queues')).rejects.toThrow(/fetch failed/);
    await admin('POST', '/faults', { path: '/xapi/v1/Queues', latencyMs: 150, times: 1 });
    const started = Date.now();
    expect((await box.xapi.get('/Queues')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await admin('POST', '/faults', { path: '/xapi/v1/RingGroups', hang: true });
    const settled = box.xapi.get('/RingGroups').then(
      () => 'answered',
      () => 'failed',
    );
    await waitUntil(() => box.sim.requests.some((r) => r.path === '/xapi/v1/RingGroups'), {
      what: 'the hang',
    });
    await box.sim.close();
    expect(await settled).toBe('failed');
  });

  it('answers 400 for a fault it cannot use', async () => {
    for (const bad of [
      { path: 'no-slash' },
      { path: '/x', colour: 'red' },
      { path: { regex: '(' } },
      { path: '/x', times: 0 },
      { path: '/x', status: 42 },
    ]) {
      const res = await admin('POST', '/faults', bad);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    const notJson = await call(`${box.sim.url}/_sim/faults`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('reads the request log, revokes tokens and resets over HTTP', async () => {
    await box.xapi.request('DELETE', '/Users(1)');
    const log = await admin('GET', '/requests');
    const entries = (log.body as { value: { path: string; status: number }[] }).value;
    expect(entries.map((r) => `${r.path} ${r.status}`)).toEqual([
      '/connect/token 200',
      '/xapi/v1/Users(1) 204',
    ]);

    expect((await admin('POST', '/revoke-tokens')).status).toBe(204);
    expect((await box.xapi.get('/Users(2)')).status).toBe(401);

    expect((await admin('POST', '/reset')).status).toBe(204);
    expect(box.sim.state.users).toHaveLength(40);
    expect(box.sim.requests.map((r) => r.path)).toEqual([]);
    const state = await admin('GET', '/state');
    expect((state.body as { users: unknown[] }).users).toHaveLength(40);

    const unknown = await admin('GET', '/nothing');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).message).toContain('POST /_sim/faults');
  });
});
