import { defaultCatalogue } from '../../src/api/catalogue';
import { checkBody } from '../../src/simulator/body-check';
import { errorOf, useSimulator } from './helpers';

const quoted = (name: string) => encodeURIComponent(`'${name.replace(/'/g, "''")}'`);

describe('Users', () => {
  const box = useSimulator();

  it('lists the seeded users in catalogue shape', async () => {
    const res = await box.xapi.get('/Users');
    expect(res.status).toBe(200);
    const body = res.body as { '@odata.context': string; value: Record<string, unknown>[] };
    expect(body['@odata.context']).toBe(`${box.sim.url}/xapi/v1/$metadata#Users`);
    expect(body.value).toHaveLength(40);
    expect(body.value[0]).toMatchObject({
      Id: 1,
      Number: '100',
      FirstName: 'Zoë',
      LastName: 'Müller',
      EmailAddress: 'zoe.muller@northwind-logistics.co.uk',
    });
    expect(body).not.toHaveProperty('@odata.count');
  });

  it('creates, reads, updates and deletes a user', async () => {
    const created = await box.xapi.request('POST', '/Users', {
      Number: '555',
      FirstName: 'Grete',
      LastName: 'Groß',
      EmailAddress: 'grete@example.com',
    });
    expect(created.status).toBe(201);
    const user = created.body as Record<string, unknown>;
    expect(user).toMatchObject({ Id: 41, Number: '555', LastName: 'Groß' });
    expect(created.headers.get('location')).toBe(`${box.sim.url}/xapi/v1/Users(41)`);

    expect((await box.xapi.get('/Users(41)')).body).toMatchObject({ FirstName: 'Grete' });
    expect((await box.xapi.get(`/Users(Number=${quoted('555')})`)).body).toMatchObject({ Id: 41 });

    const patched = await box.xapi.request('PATCH', '/Users(41)', { Id: 999, FirstName: 'Greta' });
    expect(patched.status).toBe(204);
    expect(patched.body).toBe('');
    expect(box.sim.state.users.find((u) => u.Id === 41)).toMatchObject({
      Id: 41,
      FirstName: 'Greta',
      LastName: 'Groß',
    });

    expect((await box.xapi.request('DELETE', '/Users(41)')).status).toBe(204);
    const gone = await box.xapi.get('/Users(41)');
    expect(gone.status).toBe(404);
    expect(errorOf(gone)).toMatchObject({ code: '404', message: 'Users(41) does not exist.' });
    expect(box.sim.state.users).toHaveLength(40);
  });

  it('answers 404 for a missing key on every path below the entity', async () => {
    for (const [method, path] of [
      ['GET', '/Users(404)'],
      ['PATCH', '/Users(404)'],
      ['DELETE', '/Users(404)'],
      ['POST', '/Users(404)/Pbx.SendWelcomeEmail'],
      ['GET', '/Users(404)/Groups'],
      ['GET', `/Users(Number=${quoted('999')})`],
    ] as const) {
      const res = await box.xapi.request(method, path, method === 'PATCH' ? {} : undefined);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    expect((await box.xapi.request('POST', '/Users(1)/Pbx.SendWelcomeEmail')).status).toBe(204);
  });

  it('refuses a second user with a taken extension number', async () => {
    const res = await box.xapi.request('POST', '/Users', { Number: '100', FirstName: 'Dup' });
    expect(res.status).toBe(409);
    expect(errorOf(res).message).toContain("'100'");
    const patch = await box.xapi.request('PATCH', '/Users(2)', { Number: '100' });
    expect(patch.status).toBe(409);
    expect((await box.xapi.request('PATCH', '/Users(1)', { Number: '100' })).status).toBe(204);
  });

  it('seeds as many users as asked, with unique numbers and addresses', async () => {
    await box.sim.close();
    const { startSimulator } = await import('../../src/simulator');
    box.sim = await startSimulator({ port: 0, users: 1000 });
    const { users } = box.sim.state;
    expect(users).toHaveLength(1000);
    expect(new Set(users.map((u) => u.Number)).size).toBe(1000);
    expect(new Set(users.map((u) => u.EmailAddress)).size).toBe(1000);
    // The company leaves the queue and ring-group ranges free, so numbers run past 1099.
    expect(users[999]).toMatchObject({ Id: 1000, Number: expect.stringMatching(/^\d{4}$/) });
  });
});

describe('TenantProperties', () => {
  const box = useSimulator();

  it.each([["Support's level"], ['Größe'], ['with (parens), commas/slash']])(
    'creates, reads, updates and deletes the property %s',
    async (name) => {
      const created = await box.xapi.request('POST', '/TenantProperties', {
        Name: `${name} 2`,
        Value: 'one',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ Name: `${name} 2`, Value: 'one' });
      const path = `/TenantProperties(${quoted(`${name} 2`)})`;
      expect((await box.xapi.get(path)).body).toMatchObject({
        Name: `${name} 2`,
        Value: 'one',
        Description: null,
      });
      const patched = await box.xapi.request('PATCH', path, {
        Name: `${name} 2`,
        Value: 'two',
        Description: 'why',
      });
      expect(patched.status).toBe(204);
      expect((await box.xapi.get(path)).body).toMatchObject({ Value: 'two', Description: 'why' });
      expect((await box.xapi.request('DELETE', path)).status).toBe(204);
      expect((await box.xapi.get(path)).status).toBe(404);
    },
  );

  it('answers 404 when updating a property that does not exist, and 409 when creating one twice', async () => {
    const missing = await box.xapi.request('PATCH', `/TenantProperties(${quoted('Nope')})`, {
      Name: 'Nope',
      Value: 'x',
    });
    expect(missing.status).toBe(404);
    expect(errorOf(missing).message).toBe("TenantProperties('Nope') does not exist.");
    const twice = await box.xapi.request('POST', '/TenantProperties', { Name: 'Größe', Value: 'L' });
    expect(twice.status).toBe(409);
  });
});

describe('other stateful sets', () => {
  const box = useSimulator();

  it.each([
    ['Groups', 6, 'Sales'],
    ['Queues', 3, 'Sales Queue'],
    ['RingGroups', 2, 'Reception'],
    ['Trunks', 2, undefined],
    ['Services', 12, undefined],
  ])('%s has %i seeded entities', async (set, count, name) => {
    const value = await box.xapi.list(`/${set}`);
    expect(value).toHaveLength(count);
    if (name) expect(value.map((e) => e.Name)).toContain(name);
  });

  it('creates a queue with the next free Id and finds it by number', async () => {
    const created = await box.xapi.request('POST', '/Queues', { Number: '803', Name: 'Billing' });
    expect(created.body).toMatchObject({ Id: 4, Number: '803' });
    expect((await box.xapi.get(`/Queues(Number=${quoted('803')})`)).body).toMatchObject({ Name: 'Billing' });
    expect((await box.xapi.request('DELETE', '/Groups(3)')).status).toBe(204);
    expect(await box.xapi.list('/Groups')).toHaveLength(5);
  });

  it('seeds data that fits the catalogue types', () => {
    const catalogue = defaultCatalogue();
    const { state } = box.sim;
    const sets = [
      [state.users, 'User'],
      [state.groups, 'Group'],
      [state.queues, 'Queue'],
      [state.ringGroups, 'RingGroup'],
      [state.trunks, 'Trunk'],
      [state.tenantProperties, 'Property'],
      [state.services, 'ServiceInfo'],
    ] as const;
    for (const [entities, type] of sets) {
      for (const entity of entities) checkBody(catalogue, entity, { kind: 'ref', name: type });
    }
    checkBody(catalogue, state.license, { kind: 'ref', name: 'LicenseStatus' });
    checkBody(catalogue, state.mcuRequest, { kind: 'ref', name: 'MCURequestStatus' });
  });
});
