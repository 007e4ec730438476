import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testClient, tinyPbx, until } from './helpers';

/**
 * An idle keep-alive connection is closed by the client before the PBX closes it, so no request is ever written
 * into a connection the server is closing (that race loses the request with ECONNRESET).
 */

it('closes an idle connection before the server’s Keep-Alive timeout', async () => {
  const server = http.createServer(tinyPbx());
  server.keepAliveTimeout = 2_000; // answers carry `Keep-Alive: timeout=2`
  const closedByClient: boolean[] = [];
  server.on('connection', (socket) => {
    let clientEnded = false;
    socket.on('end', () => {
      clientEnded = true;
    });
    socket.on('close', () => closedByClient.push(clientEnded));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = testClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    await client.call('Users.ListUser', { params: { $top: 1 } });
    await until(() => closedByClient.length > 0, 'the idle connection to close', 4_000);
    expect(closedByClient).toEqual([true]);
  } finally {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
