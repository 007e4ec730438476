import { parseCommand } from '../../src/commands/grammar/parse';
import { tokenize } from '../../src/commands/grammar/tokenize';

describe('tokenize', () => {
  it('splits words, key=value pairs, flags and a trailing JSON body', () => {
    const t = tokenize('api Users.ListUser $top=5 $filter="FirstName eq \'Ann\'" --json');
    expect(t.words).toEqual(['api', 'Users.ListUser']);
    expect(t.pairs).toEqual([
      { key: '$top', value: '5' },
      { key: '$filter', value: "FirstName eq 'Ann'" },
    ]);
    expect([...t.flags]).toEqual(['json']);
    expect(t.json).toBeUndefined();
  });

  it('keeps the JSON body untouched from its first brace to the end', () => {
    const t = tokenize('license edit {"CompanyName": "Acme  Ltd", "Email":"a@b"}');
    expect(t.words).toEqual(['license', 'edit']);
    expect(t.json).toBe('{"CompanyName": "Acme  Ltd", "Email":"a@b"}');
  });

  it('groups quoted words and accepts the curly quotes Slack clients type', () => {
    expect(tokenize('tenant-property set “Support level” gold').words).toEqual([
      'tenant-property',
      'set',
      'Support level',
      'gold',
    ]);
    expect(tokenize('a "b \\"c\\" d"').words).toEqual(['a', 'b "c" d']);
  });

  it('names an unclosed quote and control characters with their position', () => {
    expect(() => tokenize('tenant-property set "oops')).toThrow(
      'A quote opened at position 20 is never closed',
    );
    expect(() => tokenize('status\u0007')).toThrow('control character (U+0007) at position 6');
  });

  it('refuses text longer than 40,000 characters', () => {
    expect(() => tokenize('x'.repeat(40_001))).toThrow('at most 40000');
  });
});

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['help services', { kind: 'help', topic: 'services' }],
    // status answers with a verdict first; --json keeps 3CX's raw answer
    ['status', { kind: 'view', view: 'status', flags: { json: false, file: false } }],
    ['find zoe', { kind: 'view', view: 'find', words: ['zoe'], flags: { json: false, file: false } }],
    [
      'history 115 7d',
      { kind: 'view', view: 'history', ref: '115', period: '7d', flags: { json: false, file: false } },
    ],
    ['history', { kind: 'view', view: 'history', period: '24h', flags: { json: false, file: false } }],
    ['backup now', { kind: 'view', view: 'backup-now', flags: { json: false, file: false } }],
    ['phones', { kind: 'view', view: 'phones', flags: { json: false, file: false } }],
    [
      'status --json',
      { kind: 'run', key: 'SystemStatus.GetSystemStatus', args: {}, flags: { json: true, file: false } },
    ],
    [
      'multicompany on',
      { kind: 'run', key: 'SystemStatus.SetMultiCompanyMode', args: {}, body: { enable: true } },
    ],
    [
      'multicompany OFF',
      { kind: 'run', key: 'SystemStatus.SetMultiCompanyMode', args: {}, body: { enable: false } },
    ],
    ['services', { kind: 'run', key: 'Services.ListServiceInfo', args: {} }],
    ['mcu', { kind: 'mcu' }],
    [
      'mcu --json',
      {
        kind: 'run',
        key: 'ConferenceSettings.GetMCURequestStatus',
        args: {},
        flags: { json: true, file: false },
      },
    ],
    ['api search restart service', { kind: 'search', query: 'restart service' }],
  ])('"%s"', (text, expected) => {
    expect(parseCommand(text)).toMatchObject(expected);
  });

  it('multicompany with a wrong word says what it expects', () => {
    expect(parseCommand('multicompany maybe')).toEqual({
      kind: 'error',
      message: 'multicompany: expected on/off (got "maybe"). Example: /3cx multicompany on',
    });
    expect(parseCommand('multicompany')).toMatchObject({
      kind: 'modal',
      key: 'SystemStatus.SetMultiCompanyMode',
    });
  });

  it('tenant-property set takes name, value and the rest as description', () => {
    expect(parseCommand('tenant-property set "Support\'s level" gold Contract tier for 2027')).toMatchObject({
      kind: 'run',
      key: 'TenantProperties.UpdateProperty',
      args: { Name: "Support's level" },
      body: { Name: "Support's level", Value: 'gold', Description: 'Contract tier for 2027' },
    });
    expect(parseCommand('tenant-property set Name gold')).toMatchObject({
      body: { Name: 'Name', Value: 'gold' },
    });
    // key=value is free text here: a value or a description, in the order typed.
    expect(parseCommand('tenant-property set SIP_OPTS transport=tls keepalive=30 s')).toMatchObject({
      kind: 'run',
      args: { Name: 'SIP_OPTS' },
      body: { Name: 'SIP_OPTS', Value: 'transport=tls', Description: 'keepalive=30 s' },
    });
    expect(parseCommand('tenant-property')).toMatchObject({
      kind: 'modal',
      key: 'TenantProperties.UpdateProperty',
    });
    expect(parseCommand('tenant-property set OnlyName')).toMatchObject({
      kind: 'modal',
      args: { Name: 'OnlyName' },
    });
  });

  it('license edit wraps the inner object, or takes a whole body as is', () => {
    expect(parseCommand('license edit {"CompanyName":"Acme"}')).toMatchObject({
      kind: 'run',
      key: 'LicenseStatus.EditLicenseInfo',
      body: { licenseParams: { CompanyName: 'Acme' } },
    });
    expect(parseCommand('license edit {"licenseParams":{"CompanyName":"Acme"}}')).toMatchObject({
      body: { licenseParams: { CompanyName: 'Acme' } },
    });
    expect(parseCommand('license edit')).toMatchObject({
      kind: 'modal',
      key: 'LicenseStatus.EditLicenseInfo',
    });
    expect(parseCommand('license')).toMatchObject({ kind: 'run', key: 'LicenseStatus.GetLicenseStatus' });
  });

  it('keeps broken JSON as text so validation can report its position', () => {
    expect(parseCommand('license edit {"CompanyName":}')).toMatchObject({
      body: { licenseParams: '{"CompanyName":}' },
    });
  });

  it('services restart takes a comma list, with or without spaces', () => {
    expect(parseCommand('services restart 3CXQueueManager, 3CXCallFlow')).toMatchObject({
      kind: 'run',
      key: 'Services.Restart',
      body: { options: { ServiceNames: ['3CXQueueManager', '3CXCallFlow'] } },
    });
    expect(parseCommand('services restart')).toMatchObject({
      kind: 'modal',
      key: 'Services.Restart',
      fill: 'services',
    });
    expect(parseCommand('services restart {"ServiceNames":["a"]}')).toMatchObject({
      body: { options: { ServiceNames: ['a'] } },
    });
  });

  it('api <Key> carries key=value pairs and the JSON body as given', () => {
    expect(parseCommand('api Users.GetUser Id=12 $select=FirstName,LastName')).toEqual({
      kind: 'run',
      key: 'Users.GetUser',
      args: { Id: '12', $select: 'FirstName,LastName' },
      flags: { json: false, file: false },
    });
    expect(parseCommand('api SystemStatus.SetMultiCompanyMode {"enable":true}')).toMatchObject({
      body: '{"enable":true}',
    });
  });

  it('api refuses what is not an operation key and stray words', () => {
    expect(parseCommand('api')).toMatchObject({ kind: 'error' });
    expect(parseCommand('api restart')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('Resource.OperationId'),
    });
    expect(parseCommand('api Users.GetUser 12')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('key=value'),
    });
  });

  it('suggests the closest command for a typo', () => {
    expect(parseCommand('stauts')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('Did you mean `/3cx status`?'),
    });
    expect(parseCommand('servces restart x')).toMatchObject({
      message: expect.stringContaining('/3cx services'),
    });
    // No command is near: the way on is find and api search
    expect(parseCommand('xyzzy')).toMatchObject({
      message:
        'Unknown command "xyzzy". To look a person or object up by name, `/3cx find xyzzy`; to find an API operation, `/3cx api search xyzzy`. `/3cx help` lists the commands.',
    });
  });
});
