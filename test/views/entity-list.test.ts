import { defaultCatalogue } from '../../src/api/catalogue';
import { entitiesOf } from '../../src/entities/rows';
import {
  cellOf,
  listExpand,
  MEMBERS_CELL_WIDTH,
  membersCell,
  peopleRows,
} from '../../src/views/replies/entity-list';

/** A list's member cells, and the `$expand` that brings the navigation properties those cells show. */

const index = entitiesOf(defaultCatalogue());
const row = (set: string) => {
  const r = index.bySetName(set);
  if (!r) throw new Error(`no row for ${set}`);
  return r;
};
const member = (name: string, number: string) => ({ Id: number, Name: name, Number: number });

describe('membersCell', () => {
  it('is the count, then the names that fit', () => {
    expect(membersCell([member('Anna Andersen', '100'), member('Ben Brown', '101')], 'members')).toBe(
      '2: Anna Andersen (100), Ben Brown (101)',
    );
  });

  it('stops at a whole name within the table width, and says there are more', () => {
    const many = ['Ann Ash', 'Ben Bo', 'Cy Cole', 'Dev Das', 'Eva Ek'].map((n, i) =>
      member(n, String(100 + i)),
    );
    const cell = membersCell(many, 'members');
    // A third name would make it 48 characters.
    expect(cell).toBe('5: Ann Ash (100), Ben Bo (101), …');
    expect(cell.length).toBeLessThanOrEqual(MEMBERS_CELL_WIDTH);
  });

  it('falls back to the count when not even the first name fits', () => {
    const long = member('Maximiliane Alexandra von Hohenberg-Wittelsbach', '100');
    expect(membersCell([long, member('Ben Brown', '101')], 'agents')).toBe('2 agents');
  });

  it('says none for an empty list and — when the PBX sent no list', () => {
    expect(membersCell([], 'members')).toBe('none');
    expect(membersCell(undefined, 'members')).toBe('—');
  });

  it('names a group member by MemberName: its Name is the group’s own', () => {
    const item = { Id: 4, GroupId: 2, Name: 'Sales', MemberName: 'Daniel Doyle', Number: '104' };
    expect(membersCell([item], 'members')).toBe('1: Daniel Doyle (104)');
  });
});

describe('list cells and their $expand', () => {
  it('a curated member column shows names; a list that is not of members stays a count', () => {
    const groups = row('Groups');
    const column = groups.columns.find((c) => c.label === 'Members');
    if (!column) throw new Error('Groups has no Members column');
    const item = { Name: 'Sales', Members: [{ Name: 'Sales', MemberName: 'Anna Andersen', Number: '100' }] };
    expect(cellOf(groups, item, column)).toBe('1: Anna Andersen (100)');
    const rules = row('OutboundRules');
    const routes = rules.columns.find((c) => c.field === '@Routes');
    if (!routes) throw new Error('OutboundRules has no Routes column');
    expect(cellOf(rules, { Routes: [{}, {}] }, routes)).toBe('2 routes');
  });

  it('expands the navigation properties the columns show, selecting only what the cell reads', () => {
    expect(listExpand(row('Groups'))).toBe('Members($select=Number,Name,MemberName)');
    expect(listExpand(row('Queues'))).toBe('Agents($select=Number,Name)');
    expect(listExpand(row('RingGroups'))).toBe('Members($select=Number,Name)');
    expect(listExpand(row('InboundRules'))).toBe('TrunkDN($select=Name)');
  });

  it('asks no $expand where no column is a navigation property (users: resolution stays small)', () => {
    for (const set of ['Users', 'Trunks', 'OutboundRules', 'Contacts', 'Parkings'])
      expect(listExpand(row(set))).toBeUndefined();
  });

  it('peopleRows puts the member cell under its label', () => {
    const rows = peopleRows(row('RingGroups'), [
      { Number: '700', Name: 'Reception', RingStrategy: 'RingAll', Members: [member('Zoë Müller', '100')] },
    ]);
    expect(rows.rows[0]).toMatchObject({ Number: '700', Name: 'Reception', Members: '1: Zoë Müller (100)' });
  });
});
