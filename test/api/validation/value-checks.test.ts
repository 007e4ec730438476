import { checkValue, configureValueChecks } from '../../../src/api/validation';

/** Each check, what it accepts, and the message it gives: the field by its label, and the fix. */

describe('values checked like 3CX checks them', () => {
  afterEach(() => configureValueChecks({ extensionDigits: { min: 3, max: 4 } }));

  it.each([
    ['EmailAddress', 'User', 'ann@example.com'],
    ['Email', undefined, 'ops@acme.co.uk'],
    ['Mobile', 'User', '+44 7700 900123'],
    ['Phone', undefined, '020-7946-0958'],
    ['Number', 'User', '115'],
    ['Number', 'Queue', '8001'],
    ['Number', 'Group', 'GRP0001'],
    ['Number', 'Trunk', '10000'],
    ['Country', undefined, 'GB'],
    ['Country', undefined, 'Malta'],
    ['TimeZoneId', 'Group', 'Europe/London'],
    ['FirstName', 'User', 'anything at all'],
  ])('%s in %s accepts %s', (name, within, value) => {
    expect(checkValue(name, value, 'Label', within)).toBeUndefined();
  });

  it.each([
    [
      'EmailAddress',
      'User',
      'ann(at)example',
      /^Email address must be an email address like ann@example\.com \(got "ann\(at\)example"\)$/,
    ],
    [
      'Mobile',
      'User',
      '07700 ninety',
      /^Mobile must be a phone number of 3 to 15 digits, with an optional leading \+/,
    ],
    ['Phone', undefined, '+1', /^Phone must be a phone number of 3 to 15 digits/],
    [
      'Number',
      'User',
      '12a',
      /^Number must be an extension number of 3 to 4 digits, like 100 \(got "12a"\)$/,
    ],
    ['Number', 'RingGroup', '12345', /extension number of 3 to 4 digits/],
    ['Country', undefined, 'Atlantis', /^Country must be a country: a two-letter ISO code like GB, DE or US/],
    ['TimeZoneId', 'Group', 'Europe/Londn', /^Time zone must be an IANA time zone, like Europe\/London/],
  ])('%s in %s refuses %s', (name, within, value, message) => {
    const label = { EmailAddress: 'Email address', TimeZoneId: 'Time zone' }[name] ?? name;
    expect(checkValue(name, value, label, within)).toMatch(message);
  });

  it('leaves empty text and non-text to 3CX', () => {
    expect(checkValue('EmailAddress', '', 'Email', 'User')).toBeUndefined();
    expect(checkValue('Number', 115, 'Number', 'User')).toBeUndefined();
  });

  it('follows the PBX numbering plan when told it', () => {
    configureValueChecks({ extensionDigits: { min: 5, max: 5 } });
    expect(checkValue('Number', '115', 'Number', 'User')).toMatch(/of 5 digits, like 10000/);
    expect(checkValue('Number', '11500', 'Number', 'User')).toBeUndefined();
  });
});
