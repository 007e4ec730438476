import { parse as parseYaml } from 'yaml';
import {
  type Catalogue,
  defaultCatalogue,
  type Operation,
  OperationCatalogue,
} from '../../src/api/catalogue';
import { catalogueFromOpenApi } from '../../src/api/catalogue/from-openapi';
import { type Simulator, startSimulator } from '../../src/simulator';
import { openApiDocument, openApiYaml } from '../../src/simulator/openapi-document';
import {
  ADDED_IN_20_0_9,
  ADDED_IN_20_0_10,
  catalogueForVersion,
  missingOperations,
} from '../../src/simulator/versions';
import { getToken, Xapi } from './helpers';

/** What the bot learns of an operation from a document. */
const facts = (op: Operation) => ({
  key: op.key,
  method: op.method,
  path: op.path,
  odata: op.odata,
  params: op.params,
  body: op.body,
  response: op.response,
});

async function servedCatalogue(sim: Simulator, headers: Record<string, string> = {}): Promise<Catalogue> {
  const res = await fetch(`${sim.url}/xapi/v1/swagger.yaml`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/yaml');
  return catalogueFromOpenApi(parseYaml(await res.text()), 'swagger.yaml');
}

describe('the OpenAPI document built from the catalogue', () => {
  const base = defaultCatalogue();

  it('reads back as the same 601 operations with the same facts', () => {
    const back = catalogueFromOpenApi(openApiDocument(base, '20.0.10.523'), 'swagger.yaml');
    expect(back.source).toEqual({ file: 'swagger.yaml', version: '20.0.10.523' });
    expect(back.operations).toHaveLength(601);
    expect(back.operations.map((op) => op.key)).toEqual(base.operations.map((op) => op.key));
    expect(back.operations.map(facts)).toEqual(base.operations.map(facts));
  });

  it('keeps every named type it references, unchanged', () => {
    const back = catalogueFromOpenApi(openApiDocument(base, '20.0.10'), 'swagger.yaml');
    expect(Object.keys(back.types).length).toBeGreaterThan(100);
    for (const [name, node] of Object.entries(back.types)) expect(node).toEqual(base.data.types[name]);
  });

  it('round-trips through its YAML text too', () => {
    const back = catalogueFromOpenApi(parseYaml(openApiYaml(base, '20.0.10')), 'swagger.yaml');
    expect(back.operations.map(facts)).toEqual(base.operations.map(facts));
  });
});

describe('catalogues of older PBX versions', () => {
  const base = defaultCatalogue();

  it('leaves out what came later, and nothing for 20.0.10 or newer', () => {
    expect(catalogueForVersion(base, '20.0.10.523')).toBe(base);
    expect(catalogueForVersion(base, '20.0.11')).toBe(base);
    expect(missingOperations('20.0.9.471')).toEqual([...ADDED_IN_20_0_10].sort());
    expect(missingOperations('20.0.8.447')).toEqual([...ADDED_IN_20_0_10, ...ADDED_IN_20_0_9].sort());
    const old = catalogueForVersion(base, '20.0.8.447');
    expect(old.size).toBe(601 - ADDED_IN_20_0_10.length - ADDED_IN_20_0_9.length);
    for (const key of [...ADDED_IN_20_0_10, ...ADDED_IN_20_0_9]) {
      expect(base.get(key)).toBeDefined();
      expect(old.get(key)).toBeUndefined();
    }
  });

  it('refuses a version it cannot read', () => {
    expect(() => catalogueForVersion(base, 'latest')).toThrow(/"latest" is not a version/);
  });
});

describe('GET /xapi/v1/swagger.yaml on the simulator', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('serves all 601 operations on the default PBX, with or without a token', async () => {
    sim = await startSimulator();
    const anonymous = await servedCatalogue(sim);
    expect(anonymous.source.version).toBe(sim.state.pbx.version);
    expect(anonymous.operations).toHaveLength(601);
    const token = await getToken(sim);
    const withToken = await servedCatalogue(sim, { authorization: `Bearer ${token}` });
    expect(withToken.operations.map((op) => op.key)).toEqual(anonymous.operations.map((op) => op.key));
  });

  it('serves fewer on a PBX on 20.0.8, whose missing operations answer 404', async () => {
    sim = await startSimulator({ pbxIndex: 1 });
    expect(sim.state.pbx.version).toBe('20.0.8.447');
    const served = await servedCatalogue(sim);
    const keys = new Set(served.operations.map((op) => op.key));
    const missing = defaultCatalogue()
      .operations.map((op) => op.key)
      .filter((key) => !keys.has(key));
    expect(missing.sort()).toEqual([...ADDED_IN_20_0_10, ...ADDED_IN_20_0_9].sort());
    expect(served.operations).toHaveLength(601 - missing.length);

    const xapi = new Xapi(sim);
    const gone = await xapi.get('/VoicemailSettings/Pbx.GetTranscribeLanguages()');
    expect(gone.status).toBe(404);
    expect(await xapi.request('POST', '/McpServers/Pbx.Register', { scope: 'mcp' })).toMatchObject({
      status: 404,
    });
    expect((await xapi.get('/Users?$top=1')).status).toBe(200);
  });

  it('serves the operations of a custom catalogue', async () => {
    const base = defaultCatalogue();
    const extra: Operation = {
      key: 'Widgets.ListWidget',
      resource: 'Widgets',
      operationId: 'ListWidget',
      method: 'GET',
      path: '/Widgets',
      odata: 'operation',
      params: [{ name: '$top', in: 'query', required: false, type: { kind: 'integer', minimum: 0 } }],
      response: { kind: 'collection', status: 200, type: { kind: 'ref', name: 'User' } },
    };
    const custom = new OperationCatalogue({ ...base.data, operations: [...base.operations, extra] });
    sim = await startSimulator({ catalogue: custom, pbxIndex: 1 });
    const served = await servedCatalogue(sim);
    expect(served.operations).toHaveLength(602);
    expect(served.operations.find((op) => op.key === 'Widgets.ListWidget')).toEqual(extra);
  });
});
