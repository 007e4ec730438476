import { FormSeal } from '../../src/commands/form-seal';

const meta = {
  op: 'TenantProperties.UpdateProperty',
  channel: 'C1',
  requestId: 'r1',
  pbx: 'default',
  args: { Name: 'A' },
};

describe('FormSeal', () => {
  const seal = new FormSeal('signing-secret');

  it('accepts what it sealed, whatever the order of the arguments', () => {
    const sealed = { ...meta, args: { Name: 'A', Other: 'B' } };
    const s = seal.seal(sealed);
    expect(seal.verify({ ...sealed, args: { Other: 'B', Name: 'A' }, seal: s })).toBe(true);
  });

  it.each([
    ['op', { op: 'Services.Restart' }],
    ['channel', { channel: 'C2' }],
    ['requestId', { requestId: 'r2' }],
    ['pbx', { pbx: 'other' }],
    ['args', { args: { Name: 'B' } }],
  ])('refuses a changed %s', (_what, change) => {
    const s = seal.seal(meta);
    expect(seal.verify({ ...meta, ...change, seal: s })).toBe(false);
  });

  it('refuses a missing seal and one made with another secret', () => {
    expect(seal.verify(meta)).toBe(false);
    expect(seal.verify({ ...meta, seal: new FormSeal('other').seal(meta) })).toBe(false);
  });

  it('needs a secret', () => {
    expect(() => new FormSeal('')).toThrow(/secret/);
  });
});
