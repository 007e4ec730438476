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

export function cellOf(row: EntityRow, item: Obj, column: Column): string {
  if (column.field === '@name') return nameOf(item, row);
  if (column.field === '@display') return displayName(item, row);
  if (column.field === '@state') return stateOf(item);
  if (column.field === '@members') return countOf(item.Members, 'members');
  if (column.field.startsWith('@')) {
    const list = column.field.slice(1);
    return countOf(item[list], list.toLowerCase());
  }
  const value = pathValue(item, column.field);
  return typeof value === 'string' && isEnumValue(row, column.field) ? spaced(value) : humanValue(value);
}

function isEnumValue(row: EntityRow, field: string): boolean {
  const node = row.properties[field];
  return node?.kind === 'ref';
}
