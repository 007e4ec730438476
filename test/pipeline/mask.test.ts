import { isSecretName, MASK, scrubText, secretValues } from '../../src/pipeline/mask';

describe('isSecretName', () => {
  it.each([
    'AuthPassword',
    'client_secret',
    'LicenseKey',
    'VMPin',
    'VMPIN',
    'DeskphonePassword',
    'ApiKey',
    'x-api-token',
  ])('%s is secret', (name) => expect(isSecretName(name)).toBe(true));
  it.each(['Mapping', 'Keyboard', 'Name', 'Value', 'Spinner', 'Description'])('%s is not', (name) =>
    expect(isSecretName(name)).toBe(false),
  );
});

describe('secretValues and scrubText', () => {
  it('collects values under secret names at any depth, ignoring short ones', () => {
    const found = secretValues({
      params: { Id: 12 },
      body: { AuthPassword: 'hunter22', VMPIN: 1234, Nested: [{ ApiKey: 'k-1234' }], Pin: '12' },
    });
    expect([...found].sort()).toEqual(['1234', 'hunter22', 'k-1234']);
  });

  it('masks every occurrence in a message', () => {
    expect(scrubText('rejected hunter22 and hunter22', new Set(['hunter22']))).toBe(
      `rejected ${MASK} and ${MASK}`,
    );
  });
});
