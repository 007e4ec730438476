import { defaultCatalogue } from '../../src/api/catalogue';
import { resolveRef } from '../../src/entities/resolve';
import { entitiesOf } from '../../src/entities/rows';
import { applyQuery, parseQueryOptions } from '../../src/simulator/odata-query';

/**
 * References resolved against a list answered by the simulator's own OData query engine: what is asked of the
 * PBX (at most two requests of at most 50 rows) and what comes back.
 */

type Obj = Record<string, unknown>;
const users = entitiesOf(defaultCatalogue()).bySetName('Users');
const queues = entitiesOf(defaultCatalogue()).bySetName('Queues');
if (!users || !queues) throw new Error('catalogue without Users or Queues');

const PEOPLE: Obj[] = [
  { Id: 1, Number: '100', FirstName: 'Zoë', LastName: 'Müller', EmailAddress: 'zoe.muller@example.com' },
  { Id: 2, Number: '101', FirstName: 'Pavel', LastName: 'Patel', EmailAddress: 'pavel.patel@example.com' },
  { Id: 3, Number: '102', FirstName: 'Priya', LastName: 'Patel', EmailAddress: 'priya.patel@example.com' },
  { Id: 4, Number: '103', FirstName: 'Nina', LastName: 'Novak', EmailAddress: 'nina.novak@example.com' },
];

function pbx(items: Obj[]) {
  const asked: Record<string, unknown>[] = [];
  const read = async (_key: string, args: Record<string, unknown>) => {
    asked.push(args);
    const query = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)]));
    // Without an item type every property name is taken as written, as the PBX would for these fields.
    const options = parseQueryOptions(query, (path) => ({ path, type: 'unknown' }));
    return { ok: true as const, data: { value: applyQuery(items, options).value } };
  };
  return { read, asked };
}

const nameOf = (r: Awaited<ReturnType<typeof resolveRef>>) =>
  r.kind === 'one' ? `${String(r.object.FirstName ?? r.object.Name)}` : r.kind;

it.each([
  ['101', 'Pavel'],
  ['id:4', 'Nina'],
  ['zoe', 'Zoë'],
  ['MULLER', 'Zoë'],
  ['pavel patel', 'Pavel'],
  ['Priya.Patel@Example.com', 'Priya'],
  ['nov', 'Nina'],
])('%s → %s, in one request with $top', async (ref, first) => {
  const { read, asked } = pbx(PEOPLE);
  expect(nameOf(await resolveRef({ read }, users, ref))).toBe(first);
  expect(asked).toHaveLength(1);
  expect(Number(asked[0]?.$top)).toBeLessThanOrEqual(50);
});

it('several matches: the candidates, for the person to pick', async () => {
  const { read } = pbx(PEOPLE);
  const found = await resolveRef({ read }, users, 'patel');
  expect(found.kind).toBe('many');
  if (found.kind === 'many') expect(found.candidates.map((c) => c.FirstName)).toEqual(['Pavel', 'Priya']);
});

it('more than ten: at most ten, and a flag to ask for more words', async () => {
  const many = Array.from({ length: 30 }, (_, i) => ({
    Id: i + 1,
    Number: String(200 + i),
    FirstName: 'Sam',
    LastName: `S${i}`,
  }));
  const { read } = pbx(many);
  const found = await resolveRef({ read }, users, 'sam');
  expect(found).toMatchObject({ kind: 'many', more: true });
  if (found.kind === 'many') expect(found.candidates).toHaveLength(10);
});

it('a whole name among longer ones is the one meant', async () => {
  const { read } = pbx([
    { Id: 1, Number: '800', Name: 'Sales' },
    { Id: 2, Number: '801', Name: 'Sales Queue' },
  ]);
  expect(await resolveRef({ read }, queues, 'sales')).toMatchObject({ kind: 'one', object: { Id: 1 } });
});

it('none: did-you-mean over the nearest names, in a second request of at most 50 rows', async () => {
  const { read, asked } = pbx(PEOPLE);
  const found = await resolveRef({ read }, users, 'patle');
  expect(found.kind).toBe('none');
  if (found.kind === 'none') expect(found.suggestions.join(' ')).toMatch(/Patel/);
  expect(asked).toHaveLength(2);
  expect(Number(asked[1]?.$top)).toBeLessThanOrEqual(50);
});

it('a mention is the user with the Slack email; without one, the reason', async () => {
  const { read } = pbx(PEOPLE);
  const slackEmail = async (id: string) => (id === 'U0NINA' ? 'nina.novak@example.com' : undefined);
  expect(nameOf(await resolveRef({ read, slackEmail }, users, '<@U0NINA|nina>'))).toBe('Nina');
  const none = await resolveRef({ read, slackEmail }, users, '<@U0OTHER>');
  expect(none.kind === 'none' && none.message).toContain('users:read.email');
});

it('a PBX failure is passed on, not taken for "none"', async () => {
  const read = async () => ({ ok: false as const, reason: 'down' });
  expect(await resolveRef({ read }, users, 'nina')).toEqual({ kind: 'failed', reason: 'down' });
});
