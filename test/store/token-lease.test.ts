import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultCatalogue } from '../../src/api/catalogue';
import { createSharedClient, openMemoryStore, tokenKey, tokenLeaseMs } from '../../src/store';
import { startServer } from '../api/helpers';
import { waitUntil } from '../support/wait';

/**
 * The refresh lease must outlast the slowest token request this process may make (THREECX_TIMEOUT_MS): were it
 * shorter, a second process could fetch too while the first still waits, and 3CX would revoke one of the two.
 */
describe('the shared token refresh lease', () => {
  it('lasts the 3CX timeout plus a margin, however long the timeout is', () => {
    expect(tokenLeaseMs(600_000)).toBeGreaterThan(600_000);
    expect(tokenLeaseMs(15_000)).toBeGreaterThan(15_000);
  });

  it('is still held by a slow token request after 20 s when the timeout is 60 s', async () => {
    let t = 1_000_000;
    const held: ServerResponse[] = [];
    const server = await startServer((req: IncomingMessage, res) => {
      req.resume();
      if (req.url === '/connect/token') held.push(res);
      else res.setHeader('content-type', 'application/json').end('{"value":[]}');
    });
    const store = openMemoryStore();
    await store.migrate();
    const options = {
      pbx: 'default',
      baseUrl: server.url,
      clientId: 'bot',
      clientSecret: 'secret',
      catalogue: defaultCatalogue(),
      timeoutMs: 60_000,
    };
    const client = createSharedClient(store, options, { now: () => t });
    try {
      const call = client.call('SystemStatus.GetSystemStatus');
      await waitUntil(() => held.length === 1, { timeoutMs: 5_000, what: 'the token request' });
      t += 20_000;
      // Another process asking now must be told to wait for this one's token.
      expect(await store.tokenLease(tokenKey(options), 'another-process', t, 1_000)).toBe(false);
      held[0]
        ?.setHeader('content-type', 'application/json')
        .end(JSON.stringify({ access_token: 'tok', token_type: 'Bearer', expires_in: 3600 }));
      expect((await call).status).toBe(200);
    } finally {
      await client.close();
      await store.close();
      await server.close();
    }
  });
});
