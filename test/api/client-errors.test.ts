import { userMessage, XapiCancelledError, XapiError } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import type { Simulator } from '../../src/simulator';
import { startServer, testClient, useSimulator } from './helpers';

let sim: Simulator;
useSimulator((started) => {
  sim = started;
});

async function failure(promise: Promise<unknown>): Promise<XapiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof XapiError)) throw new Error(`expected an XapiError, got ${String(err)}`);
  return err;
}

const odataError = (code: string, message: string) => ({ error: { code, message } });

describe('each failure has its kind and a sentence that says what to check', () => {
  it('403 → forbidden, pointing at the API client role', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Users', status: 403, body: odataError('Forbidden', 'Access denied') });
    const err = await failure(client.call('Users.ListUser'));
    await client.close();
    expect(err).toMatchObject({
      kind: 'forbidden',
      status: 403,
      code: 'Forbidden',
      pbxMessage: 'Access denied',
      attempts: 1,
    });
    expect(userMessage(err)).toContain("Admin › Integrations › API › the client's role");
    expect(userMessage(err)).toContain('3CX said: "Access denied" (code Forbidden)');
  });

  it('404 → not_found, naming what was asked for', async () => {
    const client = testClient(sim.url);
    const err = await failure(
      client.call('TenantProperties.GetProperty', { params: { Name: 'No such thing' } }),
    );
    await client.close();
    expect(err.kind).toBe('not_found');
    expect(err.status).toBe(404);
    expect(userMessage(err)).toContain("3CX has nothing at /TenantProperties('No such thing')");
  });

  it("400 → validation, quoting 3CX's own message and code", async () => {
    const client = testClient(sim.url);
    sim.addFault({
      path: '/xapi/v1/Users',
      method: 'POST',
      status: 400,
      body: {
        error: {
          code: 'WARNINGS.XAPI.INVALID',
          message: 'Invalid data',
          details: [{ target: 'Number', message: 'WARNINGS.XAPI.ALREADY_IN_USE' }],
        },
      },
    });
    const err = await failure(client.call('Users.CreateUser', { body: { Number: '100' } }));
    await client.close();
    expect(err).toMatchObject({ kind: 'validation', status: 400, code: 'WARNINGS.XAPI.INVALID' });
    expect(err.pbxMessage).toBe('Invalid data; Number: WARNINGS.XAPI.ALREADY_IN_USE');
    expect(userMessage(err)).toBe(
      '3CX rejected the request as invalid. Correct the values it names and try again. 3CX said: "Invalid data; Number: WARNINGS.XAPI.ALREADY_IN_USE" (code WARNINGS.XAPI.INVALID)',
    );
  });

  it('an unknown operation key → validation naming the key, nothing sent', async () => {
    const client = testClient(sim.url);
    const err = await failure(client.call('Users.Frobnicate'));
    await client.close();
    expect(err.kind).toBe('validation');
    expect(err.attempts).toBe(0);
    expect(userMessage(err)).toMatch(/^The request was not sent: Users\.Frobnicate is not an XAPI operation/);
    expect(sim.requests).toHaveLength(0);
  });

  it('409 and 412 → conflict', async () => {
    const client = testClient(sim.url);
    sim.addFault({
      path: /^\/xapi\/v1\/Users/,
      method: 'PATCH',
      status: 409,
      times: 1,
      body: odataError('Conflict', 'Number in use'),
    });
    sim.addFault({ path: /^\/xapi\/v1\/Users/, method: 'PATCH', status: 412, times: 1 });
    const first = await failure(
      client.call('Users.UpdateUser', { params: { Id: 1 }, body: { FirstName: 'A' } }),
    );
    const second = await failure(
      client.call('Users.UpdateUser', { params: { Id: 1 }, body: { FirstName: 'A' } }),
    );
    await client.close();
    expect([first.kind, second.kind]).toEqual(['conflict', 'conflict']);
    expect(userMessage(first)).toMatch(/conflicts with what is there now.*3CX said: "Number in use"/);
  });

  it('429 → rate_limited with the wait from Retry-After', async () => {
    const client = testClient(sim.url);
    sim.addFault({
      path: '/xapi/v1/Users',
      status: 429,
      headers: { 'Retry-After': '30' },
      body: odataError('429', 'Slow down'),
    });
    const err = await failure(client.call('Users.ListUser'));
    await client.close();
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 30_000 });
    // Longer than a person should wait on a spinner: not retried, told instead.
    expect(err.attempts).toBe(1);
    expect(userMessage(err)).toContain('Wait 30 s and try again');
  });

  it('503 → unavailable; a write is not retried', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Services/Pbx.Restart', status: 503 });
    const err = await failure(
      client.call('Services.Restart', { body: { options: { ServiceNames: ['x'] } } }),
    );
    await client.close();
    expect(err).toMatchObject({ kind: 'unavailable', status: 503, attempts: 1 });
    expect(userMessage(err)).toMatch(/^3CX is busy or restarting \(HTTP 503\)/);
  });

  it("500 → protocol with 3CX's message", async () => {
    const client = testClient(sim.url);
    sim.addFault({
      path: '/xapi/v1/Users',
      status: 500,
      body: odataError('500', 'Object reference not set'),
    });
    const err = await failure(client.call('Users.ListUser'));
    await client.close();
    expect(err).toMatchObject({ kind: 'protocol', status: 500, attempts: 1 });
    expect(userMessage(err)).toContain('internal error (HTTP 500)');
    expect(userMessage(err)).toContain('3CX said: "Object reference not set"');
  });

  it('malformed JSON → protocol', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/Users', malformedJson: true });
    const err = await failure(client.call('Users.ListUser'));
    await client.close();
    expect(err).toMatchObject({ kind: 'protocol', status: 200 });
    expect(userMessage(err)).toMatch(
      /^3CX gave an answer the bot did not expect: the answer was not valid JSON/,
    );
  });

  it('no answer in time → timeout; a write may have been applied', async () => {
    const client = testClient(sim.url, { timeoutMs: 150 });
    sim.addFault({ path: '/xapi/v1/SystemStatus', hang: true });
    sim.addFault({ path: '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode', hang: true });
    const read = await failure(client.call('SystemStatus.GetSystemStatus'));
    const write = await failure(client.call('SystemStatus.SetMultiCompanyMode', { body: { enable: true } }));
    await client.close();
    expect(read).toMatchObject({ kind: 'timeout', timeoutMs: 150, attempts: 1 });
    expect(userMessage(read)).toMatch(/did not answer within 0.2 s\. Try again/);
    expect(write.kind).toBe('timeout');
    expect(userMessage(write)).toContain('The change may still have been applied: check before retrying.');
  });

  it('a closed port → network, naming the host', async () => {
    const server = await startServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    const client = testClient(url, { retry: NO_RETRY });
    const err = await failure(client.call('Users.ListUser'));
    await client.close();
    expect(err.kind).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
    expect(userMessage(err)).toContain(`The bot cannot reach 3CX at ${new URL(url).host}`);
    expect(userMessage(err)).toContain('Check THREECX_URL');
  });

  it('a redirect → protocol, naming where it points', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: 'https://pbx.example.com/connect/token' });
      res.end();
    });
    const client = testClient(server.url);
    const err = await failure(client.call('Users.ListUser'));
    await client.close();
    await server.close();
    expect(err.kind).toBe('protocol');
    expect(userMessage(err)).toContain('a redirect to https://pbx.example.com/connect/token');
  });
});

describe('cancelling', () => {
  it('an AbortSignal ends a call in flight', async () => {
    const client = testClient(sim.url);
    sim.addFault({ path: '/xapi/v1/SystemStatus', hang: true });
    const controller = new AbortController();
    const pending = failure(client.call('SystemStatus.GetSystemStatus', { signal: controller.signal }));
    await new Promise<void>((resolve) => {
      const poll = () =>
        sim.requests.some((r) => r.path === '/xapi/v1/SystemStatus') ? resolve() : setImmediate(poll);
      poll();
    });
    controller.abort();
    const err = await pending;
    await client.close();
    expect(err).toBeInstanceOf(XapiCancelledError);
    expect(err.kind).toBe('timeout');
    expect(userMessage(err)).toBe('The 3CX call was cancelled before 3CX answered.');
  });
});
