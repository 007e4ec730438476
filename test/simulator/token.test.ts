import { waitUntil } from '../support/wait';
import { call, errorOf, getToken, tokenForm, useSimulator } from './helpers';

async function usersWith(url: string, token: string | undefined) {
  return call(`${url}/xapi/v1/Users?$top=1`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe('POST /connect/token', () => {
  const box = useSimulator();

  it('issues a bearer token for a form-encoded client_credentials request', async () => {
    const res = await call(`${box.sim.url}/connect/token`, { method: 'POST', body: tokenForm() });
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    expect((body.access_token as string).length).toBeGreaterThanOrEqual(20);
    expect(box.sim.tokenRequests()).toBe(1);
    expect((await usersWith(box.sim.url, body.access_token as string)).status).toBe(200);
  });

  it('issues a token for a multipart/form-data request', async () => {
    const form = new FormData();
    for (const [k, v] of tokenForm()) form.append(k, v);
    const res = await call(`${box.sim.url}/connect/token`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect((await usersWith(box.sim.url, (res.body as { access_token: string }).access_token)).status).toBe(
      200,
    );
    expect(box.sim.requests[0]?.body).toEqual(Object.fromEntries(tokenForm()));
  });

  it('takes the client credentials from HTTP Basic too', async () => {
    const basic = Buffer.from('sim-client:sim-secret').toString('base64');
    const res = await call(`${box.sim.url}/connect/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong secret', { client_secret: 'nope' }, 'invalid_client'],
    ['an unknown client id', { client_id: 'someone' }, 'invalid_client'],
    ['another grant type', { grant_type: 'password' }, 'unsupported_grant_type'],
    ['no grant type', { grant_type: '' }, 'invalid_request'],
  ])('answers 400 in OAuth form for %s', async (_what, fields, error) => {
    const res = await call(`${box.sim.url}/connect/token`, { method: 'POST', body: tokenForm(fields) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error });
    expect(box.sim.tokenRequests()).toBe(0);
  });

  it('refuses a JSON body: 3CX reads form fields only', async () => {
    const res = await call(`${box.sim.url}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(tokenForm())),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request' });
  });

  it('revokes the previous token of the client when it issues a new one', async () => {
    const first = await getToken(box.sim);
    expect((await usersWith(box.sim.url, first)).status).toBe(200);
    const second = await getToken(box.sim);
    expect(second).not.toBe(first);
    const stale = await usersWith(box.sim.url, first);
    expect(stale.status).toBe(401);
    expect(errorOf(stale).message).toMatch(/revoked|invalid/);
    expect((await usersWith(box.sim.url, second)).status).toBe(200);
    expect(box.sim.tokenRequests()).toBe(2);
  });

  it('answers 401 in OData form with WWW-Authenticate for a missing or unknown token', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await usersWith(box.sim.url, token);
      expect(res.status).toBe(401);
      expect(errorOf(res).code).toBe('401');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('makes every token invalid on revokeTokens()', async () => {
    const token = await getToken(box.sim);
    box.sim.revokeTokens();
    expect((await usersWith(box.sim.url, token)).status).toBe(401);
    expect((await usersWith(box.sim.url, await getToken(box.sim))).status).toBe(200);
  });

  it('counts issued tokens since the log was cleared', async () => {
    await getToken(box.sim);
    box.sim.clearLog();
    expect(box.sim.tokenRequests()).toBe(0);
    expect(box.sim.requests).toHaveLength(0);
    await getToken(box.sim);
    expect(box.sim.tokenRequests()).toBe(1);
  });
});

describe('token expiry', () => {
  const box = useSimulator({ tokenLifetimeSeconds: 0.2 });

  it('answers 401 once the lifetime has passed', async () => {
    const token = await getToken(box.sim);
    expect((await usersWith(box.sim.url, token)).status).toBe(200);
    const res = await waitUntil(
      async () => {
        const answer = await usersWith(box.sim.url, token);
        return answer.status !== 200 && answer;
      },
      { what: 'the token to expire', timeoutMs: 3000 },
    );
    expect(res.status).toBe(401);
    expect(errorOf(res).message).toMatch(/expired/);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

describe('expires_in in minutes (3CX before 20.0.9)', () => {
  const box = useSimulator({ expiresInMinutes: true, tokenLifetimeSeconds: 1800 });

  it('answers expires_in as minutes', async () => {
    const res = await call(`${box.sim.url}/connect/token`, { method: 'POST', body: tokenForm() });
    expect(res.body).toMatchObject({ expires_in: 30, token_type: 'Bearer' });
  });
});

describe('custom client credentials', () => {
  const box = useSimulator({ clientId: 'bot', clientSecret: 's3cret' });

  it('accepts only the configured client', async () => {
    const ok = await call(`${box.sim.url}/connect/token`, {
      method: 'POST',
      body: tokenForm({ client_id: 'bot', client_secret: 's3cret' }),
    });
    expect(ok.status).toBe(200);
    const old = await call(`${box.sim.url}/connect/token`, { method: 'POST', body: tokenForm() });
    expect(old.body).toMatchObject({ error: 'invalid_client' });
  });
});
