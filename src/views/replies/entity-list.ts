import type { Column } from '../../entities/curated';
import type { EntityRow } from '../../entities/rows';
import { displayName, nameOf } from '../../words/names';
import { countOf, humanValue, pathValue, spaced, stateOf } from '../../words/values';
import { chooseColumns } from './table';

type Obj = Record<string, unknown>;

/**
 * A list's rows in people's words, keyed by the column labels: the curated columns of an everyday set, or for the
 * others its number, name, email and state beside the most telling of its own fields. The existing paged table
 * renders them.
 */
export function peopleRows(row: EntityRow, items: Obj[]): { rows: Obj[]; columns: string[] } {
  const columns = columnsFor(row, items);
  const rows = items.map((item) => {
    const out: Obj = {};
    for (const c of columns) out[c.label] = cellOf(row, item, c);
    return out;
  });
  return { rows, columns: columns.map((c) => c.label) };
}

function columnsFor(row: EntityRow, items: Obj[]): Column[] {
  if (row.curated) return row.columns;
  const taken = new Set(row.columns.map((c) => c.field));
  for (const f of row.nameFields) taken.add(f);
  const extra = chooseColumns(items)
    .filter((k) => !taken.has(k) && k !== row.key)
    .slice(0, Math.max(0, 5 - row.columns.length))
    .map((k) => ({ label: k, field: k }));
  return [...row.columns, ...extra];
}

/** Words the words module computes; any other `@X` column is the list property X. */
const COMPUTED = new Set(['@name', '@display', '@state']);

export function cellOf(row: EntityRow, item: Obj, column: Column): string {
  if (column.field === '@name') return nameOf(item, row);
  if (column.field === '@display') return displayName(item, row);
  if (column.field === '@state') return stateOf(item);
  if (column.field.startsWith('@')) {
    const list = column.field.slice(1);
    if (row.lists.some((l) => l.property === list)) return membersCell(item[list], list.toLowerCase());
    return countOf(item[list], list.toLowerCase());
  }
  const value = pathValue(item, column.field);
  return typeof value === 'string' && isEnumValue(row, column.field) ? spaced(value) : humanValue(value);
}

/**
 * The table cuts a cell wider than this (table.ts's widest cell) mid-name; a member cell stops adding names before
 * it instead, so the cell still reads as whole names.
 */
export const MEMBERS_CELL_WIDTH = 40;

/**
 * A member list in a table cell: how many, then as many first names as fit (`5: Anna Andersen (100), …`); `—`
 * when the PBX did not send the list, `none` when it is empty.
 */
export function membersCell(value: unknown, word: string, width = MEMBERS_CELL_WIDTH): string {
  if (!Array.isArray(value)) return '—';
  const names = value.filter((v): v is Obj => v !== null && typeof v === 'object').map(memberName);
  if (names.length === 0) return value.length === 0 ? 'none' : countOf(value, word);
  let text = `${names.length}:`;
  let shown = 0;
  for (const name of names) {
    const next = `${text}${shown === 0 ? ' ' : ', '}${name}`;
    const more = shown + 1 < names.length ? ', …' : '';
    if (`${next}${more}`.length > width) break;
    text = next;
    shown++;
  }
  if (shown === 0) return countOf(value, word);
  return shown < names.length ? `${text}, …` : text;
}

/**
 * A member by the person's name: a group's member item carries the group's own name in `Name` and the member's in
 * `MemberName`.
 */
function memberName(item: Obj): string {
  const member = item.MemberName;
  return displayName(typeof member === 'string' && member.trim() !== '' ? { ...item, Name: member } : item);
}

/** What a member cell names someone by; the rest of a member item (rights, tags, skills) stays on the PBX. */
const MEMBER_FIELDS = ['Number', 'Name', 'MemberName', 'DisplayName', 'FirstName', 'LastName'];

/**
 * The `$expand` a list read needs so its columns are not empty: 3CX leaves navigation properties (group members,
 * queue agents, an inbound rule's trunk) out of every row unless asked. Each is narrowed by a nested `$select` to
 * what the cell shows, so a page of 100 rows does not carry every member's rights and tags. Undefined when the
 * columns show no navigation property.
 */
export function listExpand(row: EntityRow): string | undefined {
  // Per navigation property, the fields its cells read; undefined: all of them.
  const wanted = new Map<string, Set<string> | undefined>();
  const want = (nav: string, fields: string[] | undefined) => {
    const had = wanted.get(nav);
    const all = fields === undefined || (wanted.has(nav) && had === undefined);
    wanted.set(nav, all ? undefined : new Set([...(had ?? []), ...fields]));
  };
  for (const column of row.columns) {
    if (COMPUTED.has(column.field)) continue;
    if (column.field.startsWith('@')) {
      const nav = column.field.slice(1);
      if (!row.navigation.includes(nav)) continue;
      const list = row.lists.find((l) => l.property === nav);
      // A list shown only as a count needs no field of its items, but OData has no empty `$select`: all of them.
      want(nav, list ? MEMBER_FIELDS.filter((f) => list.itemProperties.includes(f)) : undefined);
      continue;
    }
    const [nav, field] = column.field.split('.');
    if (nav && field && row.navigation.includes(nav)) want(nav, [field]);
  }
  if (wanted.size === 0) return undefined;
  return [...wanted]
    .map(([nav, fields]) => (fields ? `${nav}($select=${[...fields].join(',')})` : nav))
    .join(',');
}

function isEnumValue(row: EntityRow, field: string): boolean {
  const node = row.properties[field];
  return node?.kind === 'ref';
}
