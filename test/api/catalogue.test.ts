import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SPEC } from '../../scripts/generate-catalogue';
import {
  COMMITTED_CATALOGUE,
  defaultCatalogue,
  loadCatalogue,
  operationClass,
  readOpenApiDocument,
  SpecError,
} from '../../src/api/catalogue';
import { serializeCatalogue } from '../../src/api/catalogue/serialize';

describe('the committed catalogue', () => {
  const catalogue = defaultCatalogue();

  it('holds all 601 operations of XAPI 20.0.10 over 132 resources', () => {
    expect(catalogue.size).toBe(601);
    expect(new Set(catalogue.operations.map((op) => op.resource)).size).toBe(132);
    const classes = catalogue.operations.map(operationClass);
    expect(classes.filter((c) => c === 'read')).toHaveLength(322);
  });

  it('is not stale: regenerating from the shared document gives the same bytes', () => {
    // CI has ../shared beside the repo; a clone without it cannot regenerate, which is what the committed file is for.
    if (!existsSync(DEFAULT_SPEC)) throw new Error(`The reference document is missing at ${DEFAULT_SPEC}`);
    const fresh = serializeCatalogue(readOpenApiDocument(DEFAULT_SPEC));
    expect(fresh === readFileSync(COMMITTED_CATALOGUE, 'utf8')).toBe(true);
  });

  it('describes the five headline operations as the design states', () => {
    expect(catalogue.get('SystemStatus.SetMultiCompanyMode')).toMatchObject({
      method: 'POST',
      path: '/SystemStatus/Pbx.SetMultiCompanyMode',
      body: { type: { kind: 'object', properties: { enable: { kind: 'boolean' } } } },
      response: { kind: 'none' },
    });
    expect(catalogue.get('TenantProperties.UpdateProperty')).toMatchObject({
      method: 'PATCH',
      path: '/TenantProperties({Name})',
      params: [{ name: 'Name', in: 'path', type: { kind: 'string' } }],
    });
    const license = catalogue.get('LicenseStatus.EditLicenseInfo');
    const licenseBody = license?.body?.type;
    expect(licenseBody?.kind).toBe('object');
    if (licenseBody?.kind !== 'object') return;
    const params = catalogue.resolve(licenseBody.properties.licenseParams ?? { kind: 'any' });
    expect(params.kind === 'object' && Object.keys(params.properties)).toEqual([
      'CompanyName',
      'ContactName',
      'Country',
      'Email',
      'Phone',
    ]);
    expect(catalogue.get('Services.Restart')?.path).toBe('/Services/Pbx.Restart');
    const mcu = catalogue.get('ConferenceSettings.UpdateMCURequestStatus');
    expect(mcu?.body?.type).toEqual({
      kind: 'object',
      properties: { request: { kind: 'ref', name: 'MCURequestStatus' } },
    });
    expect(catalogue.resolve({ kind: 'ref', name: 'McuReqState' })).toEqual({
      kind: 'string',
      enum: ['Pending', 'Success', 'Failure'],
    });
  });

  it('classifies responses as entity, collection, value or none', () => {
    expect(catalogue.get('Users.ListUser')?.response).toMatchObject({
      kind: 'collection',
      type: { kind: 'ref', name: 'User' },
    });
    expect(catalogue.get('Users.GetUser')?.response.kind).toBe('entity');
    expect(catalogue.get('Services.Restart')?.response).toEqual({ kind: 'none', status: 204 });
    expect(catalogue.get('Users.CreateUser')?.response.status).toBe(201);
  });

  it('flattens inheritance: a User has the fields of its base types', () => {
    const user = catalogue.resolve({ kind: 'ref', name: 'User' });
    expect(user.kind).toBe('object');
    if (user.kind !== 'object') return;
    expect(Object.keys(user.properties)).toEqual(
      expect.arrayContaining(['Id', 'Number', 'FirstName', 'EmailAddress']),
    );
  });

  it('names the navigation properties the document marks, inherited ones included', () => {
    const navigation = (name: string): string[] | undefined => {
      const t = catalogue.resolve({ kind: 'ref', name });
      return t.kind === 'object' ? t.navigation : undefined;
    };
    expect(navigation('Queue')).toEqual(['Agents', 'Groups', 'Managers']);
    expect(navigation('RingGroup')).toEqual(['Groups', 'Members']);
    expect(navigation('User')).toEqual([
      'ForwardingExceptions',
      'ForwardingProfiles',
      'Greetings',
      'Groups',
      'Phones',
    ]);
    expect(navigation('Group')).toEqual(['Groups', 'Members', 'OfficeHolidays', 'Rights']);
    expect(navigation('Backups')).toBeUndefined();
  });

  it('keeps facts only: no descriptions or summaries from the document', () => {
    const allowed = [
      'key',
      'resource',
      'operationId',
      'method',
      'path',
      'odata',
      'params',
      'body',
      'response',
      // Ours, not the document's: set by rule when a catalogue is built (see 'dangerous operations' below).
      'danger',
    ];
    for (const op of catalogue.operations)
      expect(Object.keys(op).filter((k) => !allowed.includes(k))).toEqual([]);
    const text = readFileSync(COMMITTED_CATALOGUE, 'utf8');
    expect(text.includes('Invoke action') || text.includes('Provides operations')).toBe(false);
    expect(text.includes('"danger"')).toBe(false);
  });
});

describe('lookup and search', () => {
  const catalogue = defaultCatalogue();

  it('finds an operation by key whatever the case', () => {
    expect(catalogue.get('services.restart')?.key).toBe('Services.Restart');
    expect(catalogue.get('  SYSTEMSTATUS.GETSYSTEMSTATUS ')?.key).toBe('SystemStatus.GetSystemStatus');
    expect(catalogue.get('Services.Reboot')).toBeUndefined();
  });

  it.each([
    ['restart service', 'Services.Restart'],
    ['multi company', 'SystemStatus.SetMultiCompanyMode'],
    ['tenant property update', 'TenantProperties.UpdateProperty'],
    ['edit license', 'LicenseStatus.EditLicenseInfo'],
    ['mcu request status', 'ConferenceSettings.GetMCURequestStatus'],
    ['list users', 'Users.ListUser'],
    ['Users.GetUser', 'Users.GetUser'],
  ])('"%s" finds %s first', (query, key) => {
    expect(catalogue.search(query)[0]?.key).toBe(key);
  });

  it('answers nothing for words that match nothing', () => {
    expect(catalogue.search('zzzqqq')).toEqual([]);
    expect(catalogue.search('   ')).toEqual([]);
  });
});

describe('THREECX_SPEC: another OpenAPI document at start-up', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spec-'));

  it('loads the operations of that document instead', () => {
    const file = path.join(dir, 'xapi-next.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.0.4',
        'info: { title: XAPI, version: 2.0.0 }',
        'paths:',
        "  '/Widgets({Id})/Pbx.Spin':",
        '    post:',
        '      tags: [Widgets]',
        '      operationId: Spin',
        '      parameters:',
        '        - { name: Id, in: path, required: true, schema: { type: integer, format: int32 } }',
        '      requestBody:',
        '        required: true',
        '        content:',
        "          application/json: { schema: { type: object, properties: { speed: { $ref: '#/components/schemas/Pbx.Speed' } } } }",
        "      responses: { '204': { description: Success } }",
        'components:',
        '  schemas:',
        '    Pbx.Speed: { type: string, enum: [Slow, Fast] }',
      ].join('\n'),
    );
    const next = loadCatalogue(file);
    expect(next.size).toBe(1);
    expect(next.get('widgets.spin')).toMatchObject({
      method: 'POST',
      odata: 'operation',
      response: { kind: 'none' },
    });
    expect(next.data.types.Speed).toEqual({ kind: 'string', enum: ['Slow', 'Fast'] });
    expect(next.data.source).toEqual({ file: 'xapi-next.yaml', version: '2.0.0' });
  });

  it('names the file and the problem when the document is unusable', () => {
    expect(() => loadCatalogue(path.join(dir, 'missing.yaml'))).toThrow(SpecError);
    expect(() => loadCatalogue(path.join(dir, 'missing.yaml'))).toThrow(/Cannot read the OpenAPI document/);
    const swagger = path.join(dir, 'swagger.yaml');
    writeFileSync(swagger, 'swagger: "2.0"\ninfo: { version: x }\npaths: {}\n');
    expect(() => loadCatalogue(swagger)).toThrow(/swagger.yaml is not an XAPI OpenAPI document/);
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: [3\n');
    expect(() => loadCatalogue(broken)).toThrow(/broken.yaml is not valid YAML or JSON/);
  });
});
