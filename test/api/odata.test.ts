import { defaultCatalogue } from '../../src/api/catalogue';
import { buildHeaders, buildPath, encodeParam, ParamError, quoteKey } from '../../src/api/odata';

const catalogue = defaultCatalogue();
const op = (key: string) => {
  const found = catalogue.get(key);
  if (!found) throw new Error(`no ${key} in the catalogue`);
  return found;
};

describe('quoteKey', () => {
  it('doubles single quotes', () => {
    expect(quoteKey("Support's level")).toBe("'Support''s level'");
    expect(quoteKey("''")).toBe("''''''");
    expect(quoteKey('')).toBe("''");
  });
});

describe('encodeParam', () => {
  it('writes numbers and booleans bare', () => {
    expect(encodeParam({ kind: 'integer' }, 12)).toBe('12');
    expect(encodeParam({ kind: 'integer' }, '12')).toBe('12');
    expect(encodeParam({ kind: 'number' }, 1.5)).toBe('1.5');
    expect(encodeParam({ kind: 'boolean' }, false)).toBe('false');
    expect(encodeParam({ kind: 'boolean' }, 'true')).toBe('true');
  });

  it('quotes strings and leaves date-time and uuid bare', () => {
    expect(encodeParam({ kind: 'string' }, "O'Brien")).toBe("'O''Brien'");
    expect(encodeParam({ kind: 'string', format: 'date-time' }, '2024-05-01T10:00:00Z')).toBe(
      '2024-05-01T10:00:00Z',
    );
    expect(encodeParam({ kind: 'string', format: 'date-time' }, new Date('2024-05-01T10:00:00Z'))).toBe(
      '2024-05-01T10:00:00.000Z',
    );
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(encodeParam({ kind: 'string', format: 'uuid' }, id)).toBe(id);
  });

  it('refuses values that are not of the type', () => {
    expect(() => encodeParam({ kind: 'integer' }, 1.5)).toThrow(ParamError);
    expect(() => encodeParam({ kind: 'integer' }, 'twelve')).toThrow(/not a whole number/);
    expect(() => encodeParam({ kind: 'boolean' }, 'yes')).toThrow(/true or false/);
    expect(() => encodeParam({ kind: 'string' }, { a: 1 })).toThrow(/not text/);
  });
});

describe('buildPath', () => {
  it('fills an integer key', () => {
    expect(buildPath(op('Users.GetUser'), { Id: 12 }, catalogue)).toBe('/Users(12)');
  });

  it('quotes, doubles and percent-encodes a string key', () => {
    expect(buildPath(op('TenantProperties.GetProperty'), { Name: "Support's level" }, catalogue)).toBe(
      "/TenantProperties('Support''s%20level')",
    );
    expect(buildPath(op('TenantProperties.GetProperty'), { Name: 'Größe' }, catalogue)).toBe(
      "/TenantProperties('Gr%C3%B6%C3%9Fe')",
    );
    expect(buildPath(op('TenantProperties.GetProperty'), { Name: 'a/b?c#d&e+f' }, catalogue)).toBe(
      "/TenantProperties('a%2Fb%3Fc%23d%26e%2Bf')",
    );
  });

  it('fills function parameters', () => {
    const guid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(buildPath(op('ConferenceSettings.GetMCURow'), { guid }, catalogue)).toBe(
      `/ConferenceSettings/Pbx.GetMCURow(guid='${guid}')`,
    );
  });

  it('appends query options in catalogue order, lists comma-joined, $filter verbatim', () => {
    const path = buildPath(
      op('Users.ListUser'),
      { $top: 5, $skip: 10, $filter: "FirstName eq 'Ann'", $orderby: ['LastName', 'Id desc'], $count: true },
      catalogue,
    );
    expect(path).toBe(
      "/Users?$top=5&$skip=10&$filter=FirstName%20eq%20'Ann'&$count=true&$orderby=LastName,Id%20desc",
    );
    const decoded = new URL(`http://x${path}`).searchParams;
    expect(decoded.get('$filter')).toBe("FirstName eq 'Ann'");
    expect(decoded.get('$orderby')).toBe('LastName,Id desc');
  });

  it('keeps & and + inside a query value from splitting it', () => {
    const path = buildPath(op('Users.ListUser'), { $filter: "Name eq 'A&B+C'" }, catalogue);
    expect(new URL(`http://x${path}`).searchParams.get('$filter')).toBe("Name eq 'A&B+C'");
  });

  it('matches parameter names in any case', () => {
    expect(buildPath(op('Users.GetUser'), { id: 7 }, catalogue)).toBe('/Users(7)');
  });

  it('names a missing key and an unknown parameter', () => {
    expect(() => buildPath(op('Users.GetUser'), {}, catalogue)).toThrow('Id is required for Users.GetUser');
    expect(() => buildPath(op('Users.GetUser'), { Id: 1, Colour: 'red' }, catalogue)).toThrow(
      /Colour is not a parameter of Users.GetUser; it takes Id, \$select, \$expand/,
    );
    expect(() => buildPath(op('Users.GetUser'), { Id: 'x' }, catalogue)).toThrow(
      /Id: "x" is not a whole number/,
    );
  });

  it('leaves header parameters to buildHeaders', () => {
    const withHeader = catalogue.operations.find((o) => o.params.some((p) => p.in === 'header'));
    if (!withHeader) throw new Error('the catalogue has no header parameter');
    const header = withHeader.params.find((p) => p.in === 'header');
    const params: Record<string, unknown> = {};
    for (const p of withHeader.params) {
      if (p.in === 'path') params[p.name] = p.type.kind === 'integer' ? 1 : 'x';
    }
    params[header?.name ?? ''] = 'W/"1"';
    expect(buildPath(withHeader, params, catalogue)).not.toContain('W/');
    expect(buildHeaders(withHeader, params)).toEqual({ [header?.name ?? '']: 'W/"1"' });
  });
});
