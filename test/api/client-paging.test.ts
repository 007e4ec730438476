import { type Simulator, startSimulator } from '../../src/simulator';
import { testClient } from './helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, users: 1000 });
});
afterAll(() => sim.close());
beforeEach(() => sim.clearLog());

const listCalls = () => sim.requests.filter((r) => r.path === '/xapi/v1/Users');

describe('pages', () => {
  it('walks 1,000 users in pages of 100, ordered by the key', async () => {
    const client = testClient(sim.url);
    const ids: number[] = [];
    for await (const user of client.pages('Users.ListUser', {}, { pageSize: 100 }))
      ids.push((user as { Id: number }).Id);
    await client.close();
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const calls = listCalls();
    // Ten full pages, then one that comes back empty.
    expect(calls).toHaveLength(11);
    calls.forEach((call, i) => {
      expect(call.query).toMatchObject({ $top: '100', $skip: String(i * 100), $orderby: 'Id' });
    });
  });

  it('stops at max, and keeps an $orderby and $filter that were given', async () => {
    const client = testClient(sim.url);
    const seen: unknown[] = [];
    for await (const user of client.pages(
      'Users.ListUser',
      { $orderby: 'Id desc', $select: ['Id'] },
      { pageSize: 40, max: 90 },
    )) {
      seen.push(user);
    }
    await client.close();
    expect(seen).toHaveLength(90);
    const calls = listCalls();
    expect(calls.map((c) => c.query.$top)).toEqual(['40', '40', '10']);
    expect(calls.every((c) => c.query.$orderby === 'Id desc' && c.query.$select === 'Id')).toBe(true);
  });

  it('takes $top as the total and $skip as the start', async () => {
    const client = testClient(sim.url);
    const ids: number[] = [];
    for await (const user of client.pages('Users.ListUser', { $top: 15, $skip: 5 }, { pageSize: 10 })) {
      ids.push((user as { Id: number }).Id);
    }
    await client.close();
    expect(ids).toHaveLength(15);
    expect(listCalls().map((c) => [c.query.$top, c.query.$skip])).toEqual([
      ['10', '5'],
      ['5', '15'],
    ]);
  });
});
