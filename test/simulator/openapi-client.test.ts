import { readFileSync } from 'node:fs';
import OpenAPIClientAxios, { type OpenAPIClient, type UnknownOperationMethod } from 'openapi-client-axios';
import { parse } from 'yaml';
import { DEFAULT_SPEC } from '../../scripts/generate-catalogue';
import { useSimulator } from './helpers';

/**
 * A client someone else would write: openapi-client-axios builds one method per operationId from the official
 * document at run time (paths, methods, parameters, the server URL), nothing from the project's own catalogue.
 * Only the token is fetched by hand, from the token URL the document's security scheme names, because the library
 * leaves authentication to the caller.
 */

type Row = Record<string, unknown>;

interface OfficialDocument {
  components: { securitySchemes: { Application: { flows: { clientCredentials: { tokenUrl: string } } } } };
}

// Parsed once: the document is 1.2 MB and the library copies what it needs on each init.
const document = parse(readFileSync(DEFAULT_SPEC, 'utf8')) as OfficialDocument & Row;

/** The generated method of an operation; the document having it is part of what is tested. */
function method(api: OpenAPIClient, operationId: string): UnknownOperationMethod {
  const found = api[operationId];
  if (typeof found !== 'function') throw new Error(`no generated method ${operationId}`);
  return found;
}

/** OData writes a string key quoted, its quotes doubled; the document declares only `type: string`. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

describe('a client generated from the official OpenAPI document (openapi-client-axios)', () => {
  const box = useSimulator();

  async function client(): Promise<OpenAPIClient> {
    const api = new OpenAPIClientAxios({
      definition: document as never,
      // Statuses are what the tests look at, so none of them throws.
      axiosConfigDefaults: { baseURL: `${box.sim.url}/xapi/v1`, validateStatus: () => true },
    });
    const generated = await api.init();
    const { tokenUrl } = document.components.securitySchemes.Application.flows.clientCredentials;
    const res = await fetch(`${box.sim.url}${tokenUrl}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: box.sim.credentials.clientId,
        client_secret: box.sim.credentials.clientSecret,
      }),
    });
    const { access_token } = (await res.json()) as { access_token: string };
    generated.defaults.headers.common.Authorization = `Bearer ${access_token}`;
    return generated;
  }

  it('has a method for each of the operations the flows use, on the paths the document gives', async () => {
    const api = await client();
    for (const kind of ['User', 'Queue', 'RingGroup', 'Fax', 'Parking'])
      for (const verb of ['Create', 'Get', 'Update', 'Delete', 'List'])
        expect(method(api, `${verb}${kind}`)).toBeInstanceOf(Function);
    expect(
      api.api.getRequestConfigForOperation('GetUserByNumber', [{ Number: literal('115') }]),
    ).toMatchObject({
      method: 'get',
      path: "/Users(Number='115')",
    });
  });

  it('creates, reads by number, updates and deletes a user', async () => {
    const api = await client();
    const free = await method(api, 'GetFirstAvailableExtensionNumber')();
    expect(free.status).toBe(200);
    const number = (free.data as Row).Number as string;
    const created = await method(api, 'CreateUser')(undefined, {
      FirstName: 'Gen',
      LastName: 'Erated',
      Number: number,
    });
    expect(created.status).toBe(201);
    const id = (created.data as Row).Id as number;

    const read = await method(api, 'GetUserByNumber')({ Number: literal(number) });
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ Id: id, FirstName: 'Gen', Number: number });
    expect((await method(api, 'UpdateUser')({ Id: id }, { LastName: 'Updated' })).status).toBe(204);
    expect((await method(api, 'GetUser')({ Id: id })).data).toMatchObject({ LastName: 'Updated' });
    expect((await method(api, 'DeleteUser')({ Id: id })).status).toBe(204);
    expect((await method(api, 'GetUserByNumber')({ Number: literal(number) })).status).toBe(404);
    expect((await method(api, 'GetUser')({ Id: id })).status).toBe(404);
  });

  it.each([
    ['Queue', { Name: 'Generated queue' }, { Name: 'Renamed queue' }],
    ['RingGroup', { Name: 'Generated ring group' }, { Name: 'Renamed ring group' }],
    ['Fax', {}, { OutboundCallerId: '+442079460100' }],
    ['Parking', {}, { Number: '199' }],
  ])(
    'runs the same flow on %s: create, read by number, update, read, delete, 404',
    async (kind, body, change) => {
      const api = await client();
      const created = await method(api, `Create${kind}`)(undefined, body);
      expect(created.status).toBe(201);
      const row = created.data as Row;
      const id = row.Id as number;
      expect(row.Number).toMatch(/^\d+$/);
      const byNumber = await method(api, `Get${kind}ByNumber`)({ Number: literal(row.Number as string) });
      expect(byNumber.status).toBe(200);
      expect(byNumber.data).toMatchObject({ Id: id });
      expect((await method(api, `Update${kind}`)({ Id: id }, change)).status).toBe(204);
      expect((await method(api, `Get${kind}`)({ Id: id })).data).toMatchObject(change);
      expect((await method(api, `Delete${kind}`)({ Id: id })).status).toBe(204);
      expect((await method(api, `Get${kind}`)({ Id: id })).status).toBe(404);
    },
  );

  it('lists with the query options as the document declares them', async () => {
    const api = await client();
    // $select is declared as an array with explode: false; axios would write `$select[]=…`, so the generated
    // method is given the comma-separated form OData expects, as a caller of this library has to.
    const res = await method(api, 'ListUser')({ $filter: "Number eq '100'", $select: 'Id,Number', $top: 5 });
    expect(res.status).toBe(200);
    expect((res.data as { value: Row[] }).value).toEqual([{ Id: 1, Number: '100' }]);
  });
});
