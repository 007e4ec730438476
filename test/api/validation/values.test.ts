import type { TypeNode } from '../../../src/api/catalogue';
import { defaultCatalogue } from '../../../src/api/catalogue';
import { fieldValue, humanize } from '../../../src/api/validation';
import { issuesOf, messagesOf } from './helpers';

const catalogue = defaultCatalogue();
const value = (node: TypeNode, field: string, raw: unknown) => fieldValue(catalogue, node, field, raw);
const rejects = (node: TypeNode, field: string, raw: unknown) => messagesOf(() => value(node, field, raw));

describe('integers', () => {
  const int32: TypeNode = { kind: 'integer', format: 'int32' };

  it('reads whole numbers typed as text or given as numbers', () => {
    expect(value(int32, 'Id', '12')).toBe(12);
    expect(value(int32, 'Id', ' -7 ')).toBe(-7);
    expect(value(int32, 'Id', 12)).toBe(12);
  });

  it.each(['12a', '1.5', '', 'twelve'])('refuses %j', (raw) => {
    expect(rejects(int32, 'Id', raw)).toEqual([`Id must be a whole number (got ${JSON.stringify(raw)})`]);
  });

  it('refuses a fraction given as a number', () => {
    expect(rejects(int32, 'Id', 1.5)).toEqual(['Id must be a whole number (got 1.5)']);
  });

  it('keeps to the range of the type and its format', () => {
    expect(rejects({ kind: 'integer', format: 'int64', minimum: 0 }, '$top', '-1')).toEqual([
      '$top must be at least 0 (got "-1")',
    ]);
    expect(rejects(int32, 'Id', '2147483648')).toEqual(['Id must be at most 2147483647 (got "2147483648")']);
    expect(rejects({ kind: 'integer', format: 'int64' }, 'Id', '9007199254740993')).toEqual([
      'Id must be at most 9007199254740991 (got "9007199254740993")',
    ]);
    expect(rejects({ kind: 'integer', maximum: 10 }, 'limit', 11)).toEqual([
      'limit must be at most 10 (got 11)',
    ]);
  });
});

describe('numbers', () => {
  const float: TypeNode = { kind: 'number', format: 'float' };

  it('reads decimals', () => {
    expect(value(float, 'Ratio', '1.25')).toBe(1.25);
    expect(value(float, 'Ratio', '-3e2')).toBe(-300);
  });

  it('refuses anything else', () => {
    expect(rejects(float, 'Ratio', '1,5')).toEqual(['Ratio must be a number (got "1,5")']);
    expect(rejects(float, 'Ratio', true)).toEqual(['Ratio must be a number (got true)']);
  });
});

describe('booleans', () => {
  const flag: TypeNode = { kind: 'boolean' };

  it.each([
    ['true', true],
    ['On', true],
    ['YES', true],
    ['1', true],
    ['false', false],
    ['off', false],
    ['no', false],
    ['0', false],
    [false, false],
  ])('reads %j as %j', (raw, expected) => {
    expect(value(flag, 'enable', raw)).toBe(expected);
  });

  it('says what it expects', () => {
    expect(rejects(flag, 'enable', 'maybe')).toEqual(['enable must be true or false (got "maybe")']);
  });
});

describe('text', () => {
  it('keeps to maxLength', () => {
    const node: TypeNode = { kind: 'string', maxLength: 131072 };
    expect(value(node, 'Value', 'x'.repeat(131072))).toHaveLength(131072);
    expect(rejects(node, 'Value', 'x'.repeat(131073))).toEqual([
      'Value is too long: 131073 characters, at most 131072',
    ]);
  });

  it('takes a number as its text but refuses a list', () => {
    expect(value({ kind: 'string' }, 'Number', 100)).toBe('100');
    expect(rejects({ kind: 'string' }, 'Number', ['100'])).toEqual(['Number must be text (got an array)']);
  });
});

describe('enums', () => {
  const state: TypeNode = { kind: 'ref', name: 'McuReqState' };
  const dtmf: TypeNode = { kind: 'ref', name: 'DtmfMode' };

  it('answers with the catalogue spelling, whatever the case typed', () => {
    expect(value(state, 'State', 'success')).toBe('Success');
  });

  it('lists the members', () => {
    expect(rejects(state, 'State', 'Done')).toEqual([
      'State must be one of Pending, Success, Failure (got "Done")',
    ]);
  });

  it('combines the members of a flags enum', () => {
    expect(value(dtmf, 'DtmfMode', 'sipinfo,Rfc2833')).toBe('SipInfo, Rfc2833');
    expect(rejects(dtmf, 'DtmfMode', 'SipInfo, Tones')).toEqual([
      'DtmfMode must be one or more of None, SipInfo, Rfc2833, SipAndRfc, separated by commas (got "SipInfo, Tones")',
    ]);
  });
});

describe('formats', () => {
  const dateTime: TypeNode = { kind: 'string', format: 'date-time' };

  it.each(['2026-01-31T09:00:00Z', '2026-01-31T09:00:00.123+01:00', '2026-01-31T09:00Z'])(
    'accepts the date and time %s',
    (raw) => {
      expect(value(dateTime, 'startDate', raw)).toBe(raw);
    },
  );

  it('reads a plain date as midnight UTC', () => {
    expect(value(dateTime, 'startDate', '2026-01-31')).toBe('2026-01-31T00:00:00Z');
  });

  it.each(['tomorrow', '2026-02-30', '2026-01-31T25:00:00Z', '2026-01-31T09:00:00'])('refuses %s', (raw) => {
    expect(rejects(dateTime, 'startDate', raw)).toEqual([
      `startDate must be a date and time like 2026-01-31T09:00:00Z (got "${raw}")`,
    ]);
  });

  it('reads ISO 8601 durations', () => {
    const duration: TypeNode = { kind: 'string', format: 'duration' };
    expect(value(duration, 'Timeout', 'PT5M')).toBe('PT5M');
    expect(value(duration, 'Timeout', 'p1dt2h')).toBe('P1DT2H');
    expect(rejects(duration, 'Timeout', '5 minutes')).toEqual([
      'Timeout must be a duration like PT5M or P1DT2H (got "5 minutes")',
    ]);
    expect(rejects(duration, 'Timeout', 'PT')).toEqual([
      'Timeout must be a duration like PT5M or P1DT2H (got "PT")',
    ]);
  });

  it('reads UUIDs', () => {
    const uuid: TypeNode = { kind: 'string', format: 'uuid' };
    expect(value(uuid, 'key', '123E4567-E89B-12D3-A456-426614174000')).toBe(
      '123E4567-E89B-12D3-A456-426614174000',
    );
    expect(rejects(uuid, 'key', '123')).toEqual([
      'key must be a UUID like 123e4567-e89b-12d3-a456-426614174000 (got "123")',
    ]);
  });

  it('reads times of day', () => {
    const time: TypeNode = { kind: 'string', format: 'time' };
    expect(value(time, 'From', '09:30')).toBe('09:30:00');
    expect(rejects(time, 'From', '9am')).toEqual(['From must be a time of day like 09:00:00 (got "9am")']);
  });
});

describe('nullable values', () => {
  const nullableText: TypeNode = { kind: 'string', nullable: true };

  it('accept null, and the word null from a person', () => {
    expect(value(nullableText, 'ErrorMessage', null)).toBeNull();
    expect(value(nullableText, 'ErrorMessage', 'NULL')).toBeNull();
    expect(value({ kind: 'ref', name: 'McuOperation', nullable: true }, 'Operation', 'null')).toBeNull();
  });

  it('are required to be something otherwise', () => {
    expect(rejects({ kind: 'integer' }, 'Id', null)).toEqual(['Id must be a whole number (got null)']);
  });
});

describe('lists', () => {
  const names: TypeNode = { kind: 'array', items: { kind: 'string' } };

  it('read comma separated text, JSON text or arrays', () => {
    expect(value(names, '$select', 'FirstName, LastName')).toEqual(['FirstName', 'LastName']);
    expect(value(names, 'ServiceNames', '["A","B"]')).toEqual(['A', 'B']);
    expect(value(names, 'ServiceNames', ['A'])).toEqual(['A']);
  });

  it('say what a list of numbers should hold', () => {
    const ids: TypeNode = { kind: 'array', items: { kind: 'integer' } };
    expect(value(ids, 'Ids', '[1,2]')).toEqual([1, 2]);
    expect(rejects(ids, 'Ids', 5)).toEqual(['Ids must be a list of whole numbers']);
    expect(issuesOf(() => value(ids, 'Ids', [1, 'x']))).toEqual([
      { field: 'Ids[1]', message: 'Ids[1] must be a whole number (got "x")' },
    ]);
  });

  it('word a text list from the field name', () => {
    expect(rejects(names, 'ServiceNames', 5)).toEqual(['ServiceNames must be a list of names']);
    expect(rejects(names, 'Address', 5)).toEqual(['Address must be a list of text values']);
  });
});

describe('objects', () => {
  const params: TypeNode = { kind: 'ref', name: 'XLicenseParams' };

  it('read JSON text', () => {
    expect(value(params, 'licenseParams', '{"CompanyName":"Acme"}')).toEqual({ CompanyName: 'Acme' });
  });

  it('name the field when the JSON is bad', () => {
    expect(rejects(params, 'licenseParams', '{"CompanyName":"Acme","Country":"France",}')).toEqual([
      'License Params is not valid JSON: Unexpected token } at position 41',
    ]);
  });

  it('check their fields recursively and refuse unknown ones', () => {
    expect(issuesOf(() => value(params, 'licenseParams', { CompanyName: ['Acme'], Compnay: 'x' }))).toEqual([
      { field: 'licenseParams.CompanyName', message: 'CompanyName must be text (got an array)' },
      {
        field: 'licenseParams.Compnay',
        message:
          'Compnay is not a field of XLicenseParams; known fields: CompanyName, ContactName, Country, Email, Phone',
      },
    ]);
  });

  it('refuse what is not an object', () => {
    expect(rejects(params, 'licenseParams', 'Acme')).toEqual([
      'licenseParams must be a JSON object (got "Acme")',
    ]);
  });

  it('accept anything when the type allows more fields', () => {
    const open: TypeNode = { kind: 'object', properties: { A: { kind: 'integer' } }, additional: true };
    expect(value(open, 'Extra', { A: '1', B: 'x' })).toEqual({ A: 1, B: 'x' });
  });

  it('follow recursive types', () => {
    const raw = { RefreshTokens: [{ Client: { RefreshTokens: [{ Client: { Persistent: 'maybe' } }] } }] };
    expect(issuesOf(() => value({ kind: 'ref', name: 'OAuthClient' }, 'client', raw))).toEqual([
      {
        field: 'client.RefreshTokens[0].Client.RefreshTokens[0].Client.Persistent',
        message: 'Persistent must be true or false (got "maybe")',
      },
    ]);
  });
});

describe('humanize', () => {
  it.each([
    ['licenseParams', 'License Params'],
    ['ServiceNames', 'Service Names'],
    ['MCURequestStatus', 'MCU Request Status'],
    ['$top', '$top'],
    ['If-Match', 'If-Match'],
  ])('%s -> %s', (name, expected) => {
    expect(humanize(name)).toBe(expected);
  });
});
