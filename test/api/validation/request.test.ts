import { defaultCatalogue, type Operation } from '../../../src/api/catalogue';
import { type RequestInput, ValidationError, validateRequest } from '../../../src/api/validation';
import { issuesOf, messagesOf } from './helpers';

const catalogue = defaultCatalogue();

function op(key: string): Operation {
  const found = catalogue.get(key);
  if (!found) throw new Error(`${key} is not in the catalogue`);
  return found;
}

const validate = (key: string, input: RequestInput) => validateRequest(catalogue, op(key), input);
const rejects = (key: string, input: RequestInput) => messagesOf(() => validate(key, input));

describe('arguments', () => {
  it('are typed and returned under the catalogue spelling, whatever the case typed', () => {
    expect(validate('Users.GetUser', { args: { id: '12', $SELECT: 'FirstName,LastName' } })).toEqual({
      params: { Id: 12, $select: ['FirstName', 'LastName'] },
    });
  });

  it('cover the OData query options', () => {
    const args = {
      $top: '5',
      skip: '10',
      $filter: "FirstName eq 'Ann'",
      $count: 'yes',
      $orderby: 'LastName desc',
    };
    expect(validate('Users.ListUser', { args }).params).toEqual({
      $top: 5,
      $skip: 10,
      $filter: "FirstName eq 'Ann'",
      $count: true,
      $orderby: ['LastName desc'],
    });
  });

  it('accept values that are already typed', () => {
    expect(validate('Users.GetUser', { args: { Id: 12, $expand: ['Groups'] } }).params).toEqual({
      Id: 12,
      $expand: ['Groups'],
    });
  });

  it('refuse unknown names, listing the accepted ones', () => {
    expect(rejects('Users.GetUser', { args: { Id: '12', Idd: '12' } })).toEqual([
      'Idd is not a parameter of Users.GetUser; it takes Id, $select, $expand',
    ]);
    expect(rejects('SystemStatus.GetSystemStatus', { args: { x: '1' } })[0]).toMatch(
      /^x is not a parameter of SystemStatus.GetSystemStatus; it takes /,
    );
  });

  it('require every path parameter, with an example', () => {
    expect(issuesOf(() => validate('Users.GetUser', {}))).toEqual([
      { field: 'Id', message: 'Id is required: Users.GetUser needs Id (e.g. Id=12)' },
    ]);
    expect(rejects('TenantProperties.UpdateProperty', { args: { Name: '' }, body: { Value: 'x' } })).toEqual([
      'Name is required: TenantProperties.UpdateProperty needs Name (e.g. Name=example)',
    ]);
  });

  it('treat If-Match as optional and accept it', () => {
    const withHeader = catalogue.operations.find((o) => o.params.some((p) => p.in === 'header'));
    if (!withHeader) throw new Error('no operation takes a header');
    const path = Object.fromEntries(
      withHeader.params
        .filter((p) => p.in === 'path')
        .map((p) => [p.name, p.type.kind === 'integer' ? '1' : 'x']),
    );
    expect(() => validateRequest(catalogue, withHeader, { args: path })).not.toThrow();
    const params = validateRequest(catalogue, withHeader, { args: { ...path, 'if-match': 'W/"1"' } }).params;
    expect(params['If-Match']).toBe('W/"1"');
  });

  it('refuse the same parameter given twice', () => {
    expect(rejects('Users.GetUser', { args: { Id: '1', id: '2' } })).toEqual([
      'Id is given twice (as Id and id)',
    ]);
  });

  it('read "null" as null for a nullable parameter', () => {
    const getLogs = op('ActivityLog.GetLogs');
    const extension = getLogs.params.find((p) => p.name === 'extension');
    expect(extension?.type).toMatchObject({ nullable: true });
    const args = Object.fromEntries(
      getLogs.params.filter((p) => p.in === 'path').map((p) => [p.name, '2026-01-31']),
    );
    expect(
      validateRequest(catalogue, getLogs, { args: { ...args, extension: 'null' } }).params.extension,
    ).toBeNull();
  });
});

describe('request bodies', () => {
  it('may be JSON text', () => {
    expect(validate('SystemStatus.SetMultiCompanyMode', { body: '{"enable": true}' }).body).toEqual({
      enable: true,
    });
  });

  it('report bad JSON with its position', () => {
    expect(issuesOf(() => validate('SystemStatus.SetMultiCompanyMode', { body: '{"enable": tru}' }))).toEqual(
      [{ field: 'body', message: 'Request body is not valid JSON: Unexpected token } at position 14' }],
    );
  });

  it('must be objects when the type is one', () => {
    expect(rejects('SystemStatus.SetMultiCompanyMode', { body: [true] })).toEqual([
      'Request body must be a JSON object (got an array)',
    ]);
  });

  it('refuse unknown fields, naming the known ones, but let OData annotations through', () => {
    expect(
      issuesOf(() =>
        validate('TenantProperties.UpdateProperty', { args: { Name: 'x' }, body: { Nmae: 'x', Value: 'v' } }),
      ),
    ).toEqual([
      { field: 'Nmae', message: 'Nmae is not a field of Property; known fields: Description, Name, Value' },
    ]);
    const body = { Value: 'v', '@odata.etag': 'W/"1"' };
    expect(validate('TenantProperties.UpdateProperty', { args: { Name: 'x' }, body }).body).toEqual(body);
  });

  it('name the parent of an unknown field of an unnamed object', () => {
    expect(rejects('SystemStatus.SetMultiCompanyMode', { body: { enabled: true } })).toEqual([
      'enabled is not a field of the request body; known fields: enable',
    ]);
  });

  it('ask for a missing body with an example built from its type', () => {
    expect(issuesOf(() => validate('Services.Restart', {}))).toEqual([
      {
        field: 'body',
        message: 'Services.Restart needs a request body (JSON), e.g. {"options":{"ServiceNames":["…"]}}',
      },
    ]);
    expect(rejects('SystemStatus.SetMultiCompanyMode', { body: '  ' })).toEqual([
      'SystemStatus.SetMultiCompanyMode needs a request body (JSON), e.g. {"enable":false}',
    ]);
  });

  it('are refused where the operation takes none', () => {
    expect(rejects('Users.GetUser', { args: { Id: '1' }, body: { a: 1 } })).toEqual([
      'Users.GetUser takes no request body (got an object)',
    ]);
  });

  it('may hold a nested object as JSON text, as a modal sends it', () => {
    const body = { licenseParams: '{"CompanyName":"Acme","Country":"France"}' };
    expect(validate('LicenseStatus.EditLicenseInfo', { body }).body).toEqual({
      licenseParams: { CompanyName: 'Acme', Country: 'France' },
    });
  });

  it('name the nested field whose JSON text is bad', () => {
    const licenseParams = '{"CompanyName":"Acme","Country":"France",}';
    expect(licenseParams.indexOf('}')).toBe(41);
    expect(issuesOf(() => validate('LicenseStatus.EditLicenseInfo', { body: { licenseParams } }))).toEqual([
      {
        field: 'licenseParams',
        message: 'License Params is not valid JSON: Unexpected token } at position 41',
      },
    ]);
  });

  it('say what a list of names should be', () => {
    for (const ServiceNames of ['MediaServer', 5, { name: 'x' }]) {
      expect(issuesOf(() => validate('Services.Restart', { body: { options: { ServiceNames } } }))).toEqual([
        { field: 'options.ServiceNames', message: 'ServiceNames must be a list of names' },
      ]);
    }
  });
});

describe('all problems at once', () => {
  it('are collected from arguments and body before throwing', () => {
    let caught: unknown;
    try {
      validate('TenantProperties.UpdateProperty', {
        args: { Nmae: 'x' },
        body: { Name: ['x'], Value: 'x'.repeat(131073), Extra: 1 },
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.code).toBe('validation');
    expect(err.issues).toEqual([
      { field: 'Nmae', message: 'Nmae is not a parameter of TenantProperties.UpdateProperty; it takes Name' },
      {
        field: 'Name',
        message: 'Name is required: TenantProperties.UpdateProperty needs Name (e.g. Name=example)',
      },
      { field: 'Name', message: 'Name must be text (got an array)' },
      { field: 'Value', message: 'Value is too long: 131073 characters, at most 131072' },
      { field: 'Extra', message: 'Extra is not a field of Property; known fields: Description, Name, Value' },
    ]);
    expect(err.message).toBe(err.issues.map((i) => i.message).join('; '));
  });
});

describe('the five operations the product started with', () => {
  it('SystemStatus.SetMultiCompanyMode', () => {
    expect(validate('SystemStatus.SetMultiCompanyMode', { body: { enable: true } })).toEqual({
      params: {},
      body: { enable: true },
    });
    expect(rejects('SystemStatus.SetMultiCompanyMode', { body: { enable: 'maybe' } })).toEqual([
      'enable must be true or false (got "maybe")',
    ]);
  });

  it('TenantProperties.UpdateProperty', () => {
    const body = { Name: 'Support level', Value: 'Gold', Description: null };
    expect(validate('TenantProperties.UpdateProperty', { args: { Name: 'Support level' }, body })).toEqual({
      params: { Name: 'Support level' },
      body,
    });
  });

  it('LicenseStatus.EditLicenseInfo', () => {
    const licenseParams = {
      CompanyName: 'Acme',
      ContactName: 'Ann Smith',
      Country: 'France',
      Email: 'ann@acme.example',
      Phone: '+33 1 23 45 67 89',
    };
    expect(validate('LicenseStatus.EditLicenseInfo', { body: JSON.stringify({ licenseParams }) })).toEqual({
      params: {},
      body: { licenseParams },
    });
  });

  it('Services.Restart', () => {
    expect(
      validate('Services.Restart', { body: { options: { ServiceNames: ['MediaServer', 'CallFlow'] } } }),
    ).toEqual({
      params: {},
      body: { options: { ServiceNames: ['MediaServer', 'CallFlow'] } },
    });
  });

  it('ConferenceSettings.UpdateMCURequestStatus', () => {
    const request = {
      McuId: 'mcu-1',
      Operation: 'Create',
      State: 'Success',
      RequestExpiration: '2026-01-31T09:00:00Z',
      ErrorMessage: null,
    };
    expect(validate('ConferenceSettings.UpdateMCURequestStatus', { body: { request } })).toEqual({
      params: {},
      body: { request },
    });
    expect(
      rejects('ConferenceSettings.UpdateMCURequestStatus', {
        body: { request: { ...request, State: 'Done', RequestExpiration: 'tomorrow' } },
      }),
    ).toEqual([
      'RequestExpiration must be a date and time like 2026-01-31T09:00:00Z (got "tomorrow")',
      'State must be one of Pending, Success, Failure (got "Done")',
    ]);
  });
});
