import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIST_ROW_CAP } from '../../src/api/list-reader';
import { type Simulator, startSimulator } from '../../src/simulator';
import { resultMessage } from '../../src/views/replies';
import { startServer, type TestServer, testClient, tinyPbx } from './helpers';

/**
 * A list read for a person comes page by page ($top per page, a stable order, @odata.nextLink followed), up to
 * LIST_ROW_CAP rows, and says when it stopped there. A person's own $top or $skip is sent as typed.
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, users: 1_234 });
});
afterAll(() => sim.close());
beforeEach(() => sim.clearLog());

const listCalls = () => sim.requests.filter((r) => r.path === '/xapi/v1/Users');

describe('a list read through call()', () => {
  it('reads 1,234 users in pages of 100 and stops at the cap, saying so', async () => {
    const client = testClient(sim.url);
    const result = await client.call('Users.ListUser');
    await client.close();
    const rows = (result.data as { value: { Id: number }[] }).value;
    expect(LIST_ROW_CAP).toBe(1_000);
    expect(rows).toHaveLength(LIST_ROW_CAP);
    expect(new Set(rows.map((r) => r.Id)).size).toBe(LIST_ROW_CAP);
    expect(result.truncatedAt).toBe(LIST_ROW_CAP);
    const calls = listCalls();
    // Ten full pages, then one row more to learn that there are more.
    expect(calls.map((c) => c.query.$top)).toEqual([...Array(10).fill('100'), '1']);
    calls.forEach((call, i) => {
      expect(call.query).toMatchObject({ $skip: String(i * 100), $orderby: 'Id' });
    });
    expect(result.attempts).toBe(11);
  });

  it('reads a shorter list whole, with its filter, and does not call it cut', async () => {
    const client = testClient(sim.url);
    const result = await client.call('Users.ListUser', { params: { $filter: 'Id le 250' } });
    await client.close();
    expect((result.data as { value: unknown[] }).value).toHaveLength(250);
    expect(result.truncatedAt).toBeUndefined();
    expect(listCalls().map((c) => c.query.$filter)).toEqual(['Id le 250', 'Id le 250', 'Id le 250']);
  });

  it("sends a person's own $top or $skip as typed, in one call", async () => {
    const client = testClient(sim.url);
    const top = await client.call('Users.ListUser', { params: { $top: 5 } });
    const skip = await client.call('Users.ListUser', { params: { $skip: 1_200 } });
    await client.close();
    expect((top.data as { value: unknown[] }).value).toHaveLength(5);
    expect((skip.data as { value: unknown[] }).value).toHaveLength(34);
    expect(listCalls().map((c) => c.query)).toEqual([{ $top: '5' }, { $skip: '1200' }]);
  });
});

describe('@odata.nextLink', () => {
  let pbx: TestServer;
  let elsewhere: TestServer;
  const seen: string[] = [];
  const elsewhereSeen: string[] = [];
  let linkTo: (skip: number) => string;

  beforeAll(async () => {
    elsewhere = await startServer((req, res) => {
      elsewhereSeen.push(req.url ?? '');
      res.end('{"value":[]}');
    });
    const token = tinyPbx();
    pbx = await startServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/connect/token') return token(req, res);
      seen.push(req.url ?? '');
      // A server-driven pager: 40 rows a page whatever $top says, the next page by $skiptoken.
      const url = new URL(req.url ?? '/', 'http://x');
      const from = Number(url.searchParams.get('$skiptoken') ?? '0');
      const value = Array.from({ length: Math.max(0, Math.min(40, 100 - from)) }, (_, i) => ({
        Id: from + i,
      }));
      const next = from + 40 < 100 ? { '@odata.nextLink': linkTo(from + 40) } : {};
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ '@odata.context': '$metadata#Users', value, ...next }));
    });
  });
  afterAll(async () => {
    await pbx.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    seen.length = 0;
    elsewhereSeen.length = 0;
  });

  it('is followed to the end, and left out of the answer', async () => {
    linkTo = (skip) => `${pbx.url}/xapi/v1/Users?$skiptoken=${skip}`;
    const client = testClient(pbx.url);
    const result = await client.call('Users.ListUser');
    await client.close();
    const data = result.data as Record<string, unknown> & { value: { Id: number }[] };
    expect(data.value.map((r) => r.Id)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(data['@odata.nextLink']).toBeUndefined();
    expect(data['@odata.context']).toBe('$metadata#Users');
    expect(seen).toHaveLength(3);
    expect(seen.slice(1)).toEqual(['/xapi/v1/Users?$skiptoken=40', '/xapi/v1/Users?$skiptoken=80']);
  });

  it('is not followed to another address: the bearer token stays with the PBX', async () => {
    linkTo = (skip) => `${elsewhere.url}/xapi/v1/Users?$skiptoken=${skip}`;
    const client = testClient(pbx.url);
    const result = await client.call('Users.ListUser');
    await client.close();
    expect((result.data as { value: unknown[] }).value).toHaveLength(40);
    expect(elsewhereSeen).toEqual([]);
  });
});

describe('the reply to a list cut at the cap', () => {
  it('says that only the first rows are shown and how to see others', async () => {
    const client = testClient(sim.url);
    const result = await client.call('Users.ListUser');
    await client.close();
    const reply = resultMessage({
      kind: 'done',
      request: {
        id: 'r1',
        pbx: 'default',
        key: 'Users.ListUser',
        args: {},
        requester: { userId: 'U1' },
        channel: 'C1',
        source: 'command',
      },
      operation: result.operation,
      result,
      maskedArgs: { params: {} },
    });
    expect(JSON.stringify(reply)).toContain('First 1,000 rows shown: the PBX has more');
  });
});
