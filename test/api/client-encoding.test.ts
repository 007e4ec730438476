import type { Simulator } from '../../src/simulator';
import { testClient, useSimulator } from './helpers';

let sim: Simulator;
useSimulator((started) => {
  sim = started;
});

describe('keys reach the PBX as they were typed', () => {
  it.each([
    ["Support's level", "/xapi/v1/TenantProperties('Support''s level')"],
    ['Größe', "/xapi/v1/TenantProperties('Größe')"],
    ["it's 50% & more", "/xapi/v1/TenantProperties('it''s 50% & more')"],
  ])('round-trips the tenant property %j', async (name, decodedPath) => {
    sim.state.tenantProperties.push({ Name: name, Value: 'old', Description: 'set by the test' });
    const client = testClient(sim.url);
    const patch = await client.call('TenantProperties.UpdateProperty', {
      params: { Name: name },
      body: { Name: name, Value: 'new ✓' },
    });
    const read = await client.call('TenantProperties.GetProperty', { params: { Name: name } });
    await client.close();
    expect(patch.status).toBe(204);
    expect(read.data).toMatchObject({ Name: name, Value: 'new ✓' });
    const seen = sim.requests.filter((r) => r.path.startsWith('/xapi/v1/TenantProperties'));
    expect(seen.map((r) => r.path)).toEqual([decodedPath, decodedPath]);
    expect(seen.every((r) => r.status < 300)).toBe(true);
  });

  it('sends an integer key bare and query options readable', async () => {
    const client = testClient(sim.url);
    const result = await client.call('Users.ListUser', {
      params: { $filter: "FirstName ne 'Zoë'", $top: 2, $select: ['Id', 'FirstName'] },
    });
    const id = ((result.data as { value: { Id: number }[] }).value[0] as { Id: number }).Id;
    const user = await client.call('Users.GetUser', { params: { Id: id } });
    await client.close();
    expect(result.path).toBe("/Users?$top=2&$filter=FirstName%20ne%20'Zo%C3%AB'&$select=Id,FirstName");
    expect(user.path).toBe(`/Users(${id})`);
    const list = sim.requests.find((r) => r.path === '/xapi/v1/Users');
    expect(list?.query).toMatchObject({ $filter: "FirstName ne 'Zoë'", $top: '2', $select: 'Id,FirstName' });
  });
});
