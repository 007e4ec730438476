import { defaultCatalogue } from '../../src/api/catalogue';
import { parseCommand } from '../../src/commands/grammar/parse';
import { everydayFor } from '../../src/commands/grammar/teach';
import { entitiesOf } from '../../src/entities/rows';

const message = (text: string) => {
  const intent = parseCommand(text);
  return intent.kind === 'error' ? intent.message : `(parsed as ${intent.kind})`;
};

describe('an unknown command teaches', () => {
  it.each([
    ['usres', '/3cx users'],
    ['rng-groups', '/3cx ring-groups'],
    ['extensons', '/3cx extensions'],
    ['departmnt', '/3cx department'],
    ['ivsr', '/3cx ivr'],
    ['fnd', '/3cx find'],
    ['histroy', '/3cx history'],
    ['backpus', '/3cx backups'],
  ])('%s → did you mean %s', (typed, meant) => {
    expect(message(`${typed} patel`)).toContain(`Did you mean \`${meant}\`?`);
  });

  it('a word people say but no command is pointed at its everyday command', () => {
    expect(message('agent 115')).toContain(
      'Perhaps `/3cx queue <number or name> agents add <number or name>`?',
    );
  });

  it('always points at find and api search with the words typed', () => {
    const text = message('zorblax fred');
    expect(text).toContain('`/3cx find zorblax fred`');
    expect(text).toContain('`/3cx api search zorblax fred`');
  });
});

describe('api search knows what people call things', () => {
  const catalogue = defaultCatalogue();
  const first = (q: string) => catalogue.search(q, 5).map((o) => o.resource);
  it.each([
    ['extension', 'Users'],
    ['phone', 'Users'],
    ['department', 'Groups'],
    ['agent', 'Queues'],
    ['recording', 'Recordings'],
    ['backup', 'Backups'],
    ['ivr', 'Receptionists'],
    ['auto attendant', 'Receptionists'],
    ['did', 'DidNumbers'],
  ])('%s finds %s operations', (query, resource) => {
    expect(first(query)).toContain(resource);
  });

  it('names the everyday command when there is one', () => {
    const entities = entitiesOf(catalogue);
    expect(everydayFor('extension', entities)).toEqual(['users [words…]', 'user <number or name>']);
    expect(everydayFor('call', entities)).toContain('calls');
    expect(everydayFor('backup', entities).slice(0, 2)).toEqual(['backups', 'backup now']);
    expect(everydayFor('department', entities)[0]).toBe('groups [words…]');
    expect(everydayFor('ivr', entities)[0]).toBe('receptionists [words…]');
    expect(everydayFor('restart multicompany', entities)).toContain('services restart <name>');
  });
});
