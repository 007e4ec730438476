import { defaultCatalogue } from '../../src/api/catalogue';
import { parseCommand } from '../../src/commands/grammar/parse';
import { typeFields } from '../../src/entities/fields';
import { kebab, singularOf } from '../../src/entities/names';
import { entitiesOf } from '../../src/entities/rows';
import { spellings, wordsFilter } from '../../src/entities/search';

const catalogue = defaultCatalogue();
const index = entitiesOf(catalogue);
const row = (set: string) => {
  const r = index.bySetName(set);
  if (!r) throw new Error(`no row for ${set}`);
  return r;
};

describe('entity rows from the catalogue', () => {
  it('names as DESIGN §3 says: kebab case, plural and singular, and the three aliases', () => {
    expect(kebab('RingGroups')).toBe('ring-groups');
    expect(kebab('CDRSettings')).toBe('cdr-settings');
    expect(singularOf('ring-groups')).toBe('ring-group');
    expect(singularOf('countries')).toBe('country');
    expect(singularOf('fax')).toBe('fax');
    for (const w of ['users', 'USER', 'extension', 'extensions']) expect(index.find(w)?.set).toBe('Users');
    for (const w of ['department', 'departments', 'groups']) expect(index.find(w)?.set).toBe('Groups');
    for (const w of ['ivr', 'IVRs', 'receptionists']) expect(index.find(w)?.set).toBe('Receptionists');
    expect(index.find('inbound-rules')?.set).toBe('InboundRules');
  });

  it('keys, alternate keys, operations and member lists are derived, navigation marked', () => {
    const queues = row('Queues');
    expect(queues).toMatchObject({ key: 'Id', keyKind: 'integer', hasNumber: true });
    expect(queues.ops).toEqual({
      list: 'Queues.ListQueue',
      get: 'Queues.GetQueue',
      getByNumber: 'Queues.GetQueueByNumber',
      create: 'Queues.CreateQueue',
      update: 'Queues.UpdateQueue',
      delete: 'Queues.DeleteQueue',
    });
    expect(queues.lists.map((l) => [l.word, l.navigation])).toEqual([
      ['agents', true],
      ['managers', true],
    ]);
    expect(row('RingGroups').lists.map((l) => l.word)).toEqual(['members']);
    expect(row('Groups').lists.map((l) => l.word)).toContain('members');
    expect(row('Users').lists).toEqual([]);
    expect(row('TenantProperties')).toMatchObject({ key: 'Name', keyKind: 'string' });
  });

  it('curated sets pick their columns; the others get number, name, email, state as they have them', () => {
    expect(row('Users').columns.map((c) => c.label)).toEqual(['Number', 'Name', 'Email', 'State']);
    expect(row('Users').curated).toBe(true);
    expect(row('Holidays').curated).toBe(false);
    expect(row('Holidays').columns.map((c) => c.label)).toContain('Name');
  });
});

describe('grammar', () => {
  const p = (text: string) => parseCommand(text);
  it('reads every verb', () => {
    expect(p('users')).toMatchObject({ kind: 'entity', set: 'Users', verb: 'list', words: [] });
    expect(p('users patel')).toMatchObject({ verb: 'list', words: ['patel'] });
    expect(p('user 115')).toMatchObject({ verb: 'show', ref: '115' });
    expect(p('queue "Sales Queue"')).toMatchObject({ set: 'Queues', verb: 'show', ref: 'Sales Queue' });
    expect(p('extension add first=Nina')).toMatchObject({
      set: 'Users',
      verb: 'add',
      pairs: [{ key: 'first', value: 'Nina' }],
    });
    expect(p('user pavel patel set email=p@example.com')).toMatchObject({ verb: 'set', ref: 'pavel patel' });
    expect(p('user 115 delete')).toMatchObject({ verb: 'delete', ref: '115' });
    expect(p('queue 800 agents add 115 116')).toMatchObject({
      verb: 'members',
      ref: '800',
      list: 'agents',
      change: 'add',
      members: ['115', '116'],
    });
    expect(p('department Sales members remove 120')).toMatchObject({ set: 'Groups', change: 'remove' });
  });

  it('says what is missing, and suggests entity names for a typo', () => {
    expect(p('user set email=x')).toMatchObject({ kind: 'error' });
    expect(p('queue 800 agents add')).toMatchObject({ kind: 'error' });
    const typo = p('usres');
    expect(typo.kind === 'error' && typo.message).toContain('/3cx users');
  });
});

describe('search', () => {
  it('a word without accents also looks for its one-accent spellings', () => {
    expect(spellings('zoe')).toEqual(expect.arrayContaining(['zoe', 'zoë', 'zoé']));
    expect(spellings('Müller')).toEqual(expect.arrayContaining(['müller', 'muller']));
    expect(spellings('abcdefghijklmnopqrstuvwxyz').length).toBeLessThanOrEqual(24);
  });

  it('every word must match one of the name, number or email fields', () => {
    const filter = wordsFilter(row('Users'), ['nina', 'novak']) ?? '';
    expect(filter).toContain("contains(tolower(FirstName),'nina')");
    expect(filter).toContain("contains(tolower(EmailAddress),'novak')");
    expect(filter.split(') and (')).toHaveLength(2);
    expect(wordsFilter(row('Users'), ["o'brien"])).toContain("'o''brien'");
  });
});

describe('fields', () => {
  it('aliases and property names in any case, values typed by the schema', () => {
    const typed = typeFields(catalogue, row('Queues'), [
      { key: 'strategy', value: 'ring all' },
      { key: 'RINGTIMEOUT', value: '25' },
      { key: 'priorityqueue', value: 'yes' },
    ]);
    expect(typed).toEqual({
      ok: true,
      body: { PollingStrategy: 'RingAll', RingTimeout: 25, PriorityQueue: true },
    });
  });

  it('an unknown field or enum member gets a did-you-mean', () => {
    const typed = typeFields(catalogue, row('Queues'), [
      { key: 'strategy', value: 'ringal' },
      { key: 'timout', value: '5' },
      { key: 'RingTimeout', value: 'soon' },
    ]);
    expect(typed.ok).toBe(false);
    const problems = typed.ok ? [] : typed.problems;
    expect(problems[0]).toContain('Did you mean RingAll?');
    expect(problems[1]).toContain('Did you mean `timeout`?');
    expect(problems[2]).toMatch(/whole number/);
  });

  it('the Id is chosen by 3CX', () => {
    const typed = typeFields(catalogue, row('Users'), [{ key: 'id', value: '5' }]);
    expect(typed.ok).toBe(false);
  });
});
