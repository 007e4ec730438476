import { DEFAULT_SPEC } from '../../scripts/generate-catalogue';
import { useSimulator } from './helpers';
import { OpenApiClient } from './openapi-client';

type Row = Record<string, unknown>;

describe('a client built from the official OpenAPI document alone', () => {
  const box = useSimulator();
  const client = () => new OpenApiClient(DEFAULT_SPEC, box.sim.url, box.sim.credentials);

  it('creates, reads by number, updates and deletes a user', async () => {
    const api = client();
    expect(api.describe('GetUserByNumber')).toMatchObject({ method: 'GET', path: '/Users(Number={Number})' });
    const free = await api.call('GetFirstAvailableExtensionNumber');
    const number = (free.body as Row).Number as string;
    const created = await api.call(
      'CreateUser',
      {},
      { FirstName: 'Gen', LastName: 'Erated', Number: number },
    );
    expect(created.status).toBe(201);
    const id = (created.body as Row).Id as number;

    const read = await api.call('GetUserByNumber', { Number: number });
    expect(read).toMatchObject({ status: 200, body: { Id: id, FirstName: 'Gen', Number: number } });
    expect((await api.call('UpdateUser', { Id: id }, { LastName: 'Updated' })).status).toBe(204);
    expect((await api.call('GetUser', { Id: id })).body).toMatchObject({ LastName: 'Updated' });
    expect((await api.call('DeleteUser', { Id: id })).status).toBe(204);
    expect((await api.call('GetUserByNumber', { Number: number })).status).toBe(404);
  });

  it.each([
    ['Queue', { Name: 'Generated queue' }, { Name: 'Renamed queue' }],
    ['RingGroup', { Name: 'Generated ring group' }, { Name: 'Renamed ring group' }],
    ['Fax', {}, { OutboundCallerId: '+442079460100' }],
    ['Parking', {}, { Number: '199' }],
  ])('runs the same flow on %s', async (kind, body, change) => {
    const api = client();
    const created = await api.call(`Create${kind}`, {}, body);
    expect(created.status).toBe(201);
    const row = created.body as Row;
    expect(row.Number).toMatch(/^\d+$/);
    const byNumber = await api.call(`Get${kind}ByNumber`, { Number: row.Number as string });
    expect(byNumber).toMatchObject({ status: 200, body: { Id: row.Id } });
    expect((await api.call(`Update${kind}`, { Id: row.Id as number }, change)).status).toBe(204);
    expect((await api.call(`Get${kind}`, { Id: row.Id as number })).body).toMatchObject(change);
    expect((await api.call(`Delete${kind}`, { Id: row.Id as number })).status).toBe(204);
    expect((await api.call(`Get${kind}`, { Id: row.Id as number })).status).toBe(404);
  });
});
