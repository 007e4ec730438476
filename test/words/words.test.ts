import { changeLine, changesOf } from '../../src/words/changes';
import { displayName, nameOf, namesList, objectPhrase } from '../../src/words/names';
import { countOf, humanValue, pathValue, spaced, stateOf } from '../../src/words/values';

describe('names', () => {
  it('a person by first and last name and number, never by Id', () => {
    expect(displayName({ Id: 26, FirstName: 'Nina', LastName: 'Novak', Number: '125' })).toBe(
      'Nina Novak (125)',
    );
    expect(displayName({ Id: 26, DisplayName: 'Nina N.', FirstName: 'Nina', Number: '125' })).toBe(
      'Nina N. (125)',
    );
  });

  it('objects by name, a trunk by its gateway, the key only as a last resort', () => {
    expect(displayName({ Id: 1, Name: 'Sales Queue', Number: '800' })).toBe('Sales Queue (800)');
    expect(nameOf({ Id: 1, Gateway: { Name: 'Example Carrier' } })).toBe('Example Carrier');
    expect(nameOf({ FileName: 'backup.zip' })).toBe('backup.zip');
    expect(nameOf({ Id: 7 })).toBe('#7');
    expect(displayName({ Name: 'DEFAULT' })).toBe('DEFAULT');
  });

  it('says what kind of object it is, and lists members by name', () => {
    expect(objectPhrase({ Name: 'Reception', Number: '700' }, { key: 'Id', label: 'ring group' })).toBe(
      'ring group Reception (700)',
    );
    expect(
      namesList([
        { Name: 'Ann', Number: '1' },
        { Name: 'Ben', Number: '2' },
      ]),
    ).toBe('Ann (1), Ben (2)');
    expect(namesList([])).toBe('nobody');
    expect(namesList([{ Name: 'A' }, { Name: 'B' }, { Name: 'C' }], 2)).toBe('A, B and 1 more');
  });
});

describe('values', () => {
  it('enums spaced, flags as yes/no, lists by name or count, nothing as a dash', () => {
    expect(spaced('LongestWaiting')).toBe('longest waiting');
    expect(spaced('SkillBasedRouting_RingAll')).toBe('skill based routing ring all');
    expect(humanValue('RingAll', true)).toBe('ring all');
    expect(humanValue('RingAll')).toBe('RingAll');
    expect(humanValue(true)).toBe('yes');
    expect(humanValue(false)).toBe('no');
    expect(humanValue(null)).toBe('—');
    expect(humanValue(12345)).toBe('12,345');
    expect(humanValue([{ Name: 'Ann', Number: '1' }])).toBe('Ann (1)');
    expect(humanValue(['a', 'b'])).toBe('a, b');
    expect(humanValue([{ x: 1 }, { x: 2 }])).toBe('2 entries');
    expect(humanValue({ Host: 'h', Port: 1 })).toBe('2 settings');
    expect(humanValue([])).toBe('none');
  });

  it('a state people check first', () => {
    expect(stateOf({ Enabled: false, IsRegistered: true })).toBe('disabled');
    expect(stateOf({ IsOnline: false })).toBe('offline');
    expect(stateOf({ IsRegistered: false })).toBe('not registered');
    expect(stateOf({ IsRegistered: true })).toBe('registered');
    expect(stateOf({})).toBe('—');
  });

  it('counts and paths', () => {
    expect(countOf([1, 2], 'agents')).toBe('2 agents');
    expect(countOf([1], 'agents')).toBe('1 agent');
    expect(countOf(undefined, 'agents')).toBe('—');
    expect(pathValue({ Gateway: { Host: 'sip.example' } }, 'Gateway.Host')).toBe('sip.example');
    expect(pathValue({ Gateway: null }, 'Gateway.Host')).toBeUndefined();
  });
});

describe('before → after', () => {
  const noSecrets = () => false;
  it('each field named, before → after, secrets masked, enums spaced', () => {
    const [email, pin] = changesOf(
      { EmailAddress: 'old@example.com', VMPin: '1234' },
      { EmailAddress: 'new@example.com', VMPin: '9999' },
    );
    expect(changeLine(email as never, noSecrets)).toBe('EmailAddress: old@example.com → new@example.com');
    expect(changeLine(pin as never, (f) => f === 'VMPin')).toBe('VMPin: •••• → ••••');
    const [strategy] = changesOf({ PollingStrategy: 'Hunt' }, { PollingStrategy: 'RingAll' });
    expect(changeLine(strategy as never, noSecrets, () => true)).toBe('PollingStrategy: hunt → ring all');
  });

  it('a field with no earlier value reads → value', () => {
    const [first] = changesOf(undefined, { FirstName: 'Nina' });
    expect(changeLine(first as never, noSecrets)).toBe('FirstName → Nina');
  });
});
