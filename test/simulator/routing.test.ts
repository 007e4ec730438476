import { defaultCatalogue, type Operation, type TypeNode } from '../../src/api/catalogue';
import type { SimState } from '../../src/simulator';
import { call, errorOf, exampleOf, useSimulator } from './helpers';

const catalogue = defaultCatalogue();

/** A key of a row that exists now, so calls on the entity sets find their entity (undefined: not an entity set). */
type ExistingKey = (set: string, name: string) => unknown;

function existingKey(state: SimState): ExistingKey {
  return (set, name) => state.sets[set]?.[0]?.[name];
}

/** Bodies that must name things that exist for the call to succeed. */
function bodyFor(op: Operation): unknown {
  if (JSON.stringify(op.body?.type ?? null).includes('XServiceManageOptions'))
    return { options: { ServiceNames: ['nginx'] } };
  if (op.key === 'LicenseStatus.EditLicenseInfo') {
    return {
      licenseParams: { CompanyName: 'Acme', ContactName: 'Ann', Country: 'DE', Email: 'a@b.de', Phone: '1' },
    };
  }
  if (op.key === 'Users.MakeCall') return { destination: '+442079460000', dn: '100' };
  if (op.key === 'ConferenceSettings.UpdateMCURequestStatus') {
    return { request: { McuId: '8c6f3a52-1d2e-4b7a-9f10-5e4d3c2b1a00', State: 'Success' } };
  }
  return op.body ? exampleOf(catalogue, op.body.type) : undefined;
}

/** A literal of the right OData spelling for a path parameter. */
function literalFor(op: Operation, name: string, type: TypeNode, existing: ExistingKey): string {
  const t = catalogue.resolve(type);
  const set = /^\/([A-Za-z]+)\(/.exec(op.path)?.[1];
  const key = set && op.path.startsWith(`/${set}(`) ? existing(set, name) : undefined;
  if (typeof key === 'number') return String(key);
  if (typeof key === 'string')
    return t.kind === 'string' && t.format === 'uuid' ? key : `'${key.replace(/'/g, "''")}'`;
  if (t.kind === 'integer') return '1';
  if (t.kind === 'number') return '1.5';
  if (t.kind === 'boolean') return 'true';
  if (t.kind === 'string' && t.format === 'date-time') return '2025-03-01T12:00:00Z';
  if (t.kind === 'string' && t.format === 'uuid') return '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
  const text = 'example';
  return `'${text.replace(/'/g, "''")}'`;
}

function urlPath(op: Operation, existing: ExistingKey = () => undefined): string {
  return op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const param = op.params.find((p) => p.in === 'path' && p.name === name);
    if (!param) throw new Error(`${op.key}: no parameter ${name}`);
    return encodeURIComponent(literalFor(op, name, param.type, existing));
  });
}

describe('routing', () => {
  const box = useSimulator();

  it('answers every catalogue operation with a success when called with valid arguments', async () => {
    const failures: string[] = [];
    const kinds = new Set<string>();
    for (const op of catalogue.operations) {
      // Deletes and updates change the seed; each call starts from the same data.
      box.sim.reset();
      const path = urlPath(op, existingKey(box.sim.state));
      const res = await box.xapi.request(op.method, path, bodyFor(op));
      if (res.status >= 300 || box.sim.requests.at(-1)?.operationKey !== op.key) {
        failures.push(
          `${op.key} ${op.method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
        continue;
      }
      expect(res.status).toBe(op.response.status);
      const body = res.body as Record<string, unknown>;
      if (op.response.kind === 'none') expect(res.body).toBe('');
      if (op.response.kind === 'collection') expect(Array.isArray(body.value)).toBe(true);
      if (op.response.kind === 'value') expect(body).toHaveProperty('value');
      if (op.response.kind === 'entity') expect(typeof body).toBe('object');
      kinds.add(op.response.kind);
    }
    expect(failures).toEqual([]);
    expect(kinds).toEqual(new Set(['none', 'entity', 'collection', 'value']));
    expect(catalogue.size).toBe(601);
  });

  it('answers 404 in OData form for an unknown path', async () => {
    for (const path of ['/NoSuchThing', '/Users(1)/Pbx.Nothing()', '/Users/Pbx.Nothing']) {
      const res = await box.xapi.get(path);
      expect(res.status).toBe(404);
      expect(errorOf(res)).toEqual({ code: '404', message: expect.stringContaining(path) });
    }
    const outside = await call(`${box.sim.url}/somewhere/else`);
    expect(outside.status).toBe(404);
    expect(errorOf(outside).code).toBe('404');
  });

  it('answers 405 with Allow when only another method has the path', async () => {
    const res = await box.xapi.request('PUT', '/Users(1)', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toEqual(expect.stringContaining('PATCH'));
    expect(errorOf(res).code).toBe('405');
  });

  it('answers 400 for a key of the wrong type', async () => {
    for (const path of ["/Users('x')", '/Users(1.5)', '/TenantProperties(12)', '/Users(Number=100)']) {
      const res = await box.xapi.get(path);
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toMatch(/not valid/);
    }
  });

  it('checks date-time and boolean function parameters', async () => {
    const good = await box.xapi.get(
      '/SystemStatus/Pbx.MyPhoneRequestIdTelemetry(startDate=2025-01-01T00:00:00Z,endDate=2025-01-02T00:00:00%2B02:00)',
    );
    expect(good.status).toBe(200);
    const quoted = await box.xapi.get(
      "/SystemStatus/Pbx.MyPhoneRequestIdTelemetry(startDate='2025-01-01',endDate=2025-01-02T00:00:00Z)",
    );
    expect(quoted.status).toBe(400);
    expect(errorOf(quoted).target).toBe('startDate');
  });

  it('decodes percent-encoded quoted keys with doubled quotes and unicode', async () => {
    const encoded = `/TenantProperties(${encodeURIComponent("'Support''s level'")})`;
    expect((await box.xapi.get(encoded)).body).toMatchObject({ Name: "Support's level", Value: 'Gold' });
    const unicode = `/TenantProperties(${encodeURIComponent("'Größe'")})`;
    expect((await box.xapi.get(unicode)).body).toMatchObject({ Name: 'Größe' });
    const readable = await box.xapi.get("/TenantProperties('Support''s%20level')");
    expect(readable.status).toBe(200);
    expect(box.sim.requests.at(-1)).toMatchObject({
      path: "/xapi/v1/TenantProperties('Support''s level')",
      operationKey: 'TenantProperties.GetProperty',
    });
  });

  it('answers 400 for a body that is not JSON or does not fit the type', async () => {
    const broken = await box.xapi.request('PATCH', '/Users(1)', '{"FirstName": ');
    expect(broken.status).toBe(400);
    expect(errorOf(broken).message).toMatch(/not valid JSON/);
    const wrong = await box.xapi.request('PATCH', '/Users(1)', { FirstName: 5, Nope: true });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong).message).toMatch(/FirstName must be text.*Nope is not a known property/);
    const missing = await box.xapi.request('POST', '/SystemStatus/Pbx.SetMultiCompanyMode');
    expect(missing.status).toBe(400);
    const badEnum = await box.xapi.request('PATCH', '/Users(1)', { QueueStatus: 'Sleeping' });
    expect(errorOf(badEnum).message).toMatch(/LoggedOut, LoggedIn/);
  });

  it('answers 400 for an unsupported system query option', async () => {
    const res = await box.xapi.get('/Users?$frobnicate=1');
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('$frobnicate');
  });

  it('logs every request with its decoded path, query, body, status and operation', async () => {
    await box.xapi.request('PATCH', '/Users(3)', { FirstName: 'Zed' });
    const [token, patch] = box.sim.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/connect/token', status: 200 });
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/xapi/v1/Users(3)',
      body: { FirstName: 'Zed' },
      status: 204,
      operationKey: 'Users.UpdateUser',
    });
    await box.xapi.get('/Users?$top=2&$filter=Id%20eq%201');
    expect(box.sim.requests.at(-1)?.query).toEqual({ $top: '2', $filter: 'Id eq 1' });
    expect(box.sim.requests.every((r, i, all) => i === 0 || (all[i - 1]?.at ?? 0) <= r.at)).toBe(true);
  });
});
