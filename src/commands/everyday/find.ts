import { type EntityRow, entitiesOf } from '../../entities/rows';
import { wordsFilter } from '../../entities/search';
import type { Outcome } from '../../pipeline';
import { type FindGroup, findMessage } from '../../views/replies/everyday-find';
import { FIND_SETS } from '../grammar/views';
import type { Obj, ViewSession } from './session';

/** Each kind shows its best few; `/3cx <kind> <words>` lists the rest. */
export const FIND_TOP = 5;

/**
 * `find <words>`: one `$filter` read per kind (users, groups, queues, ring groups, IVRs, trunks, parkings, fax,
 * contacts, DIDs), all at once; the client keeps them within the PBX's concurrency cap. Each asks for at most
 * FIND_TOP rows and the count, so a 10,000-user PBX sends five users and a number, never the list.
 */
export async function findEverything(s: ViewSession, words: string[]): Promise<void> {
  const entities = entitiesOf(s.ctx.catalogue);
  const rows = FIND_SETS.map((set) => entities.bySetName(set)).filter((r): r is EntityRow => r !== undefined);
  const searched = await Promise.all(rows.map((row) => searchKind(s, row, words)));
  const groups = searched.filter((g): g is FindGroup => g !== undefined && 'items' in g);
  const failures = searched.filter((g): g is { failed: Outcome } => g !== undefined && 'failed' in g);
  // Every kind refused or failed: the person hears why from the first, as for any other read.
  if (groups.length === 0 && failures.length > 0 && failures[0]) return s.fail(failures[0].failed);
  const skipped = failures.map((f) => (f.failed.kind === 'denied' ? 'denied' : 'failed'));
  return s.reply(
    findMessage(words.join(' '), groups, {
      pbx: s.ctx.pbx,
      denied: skipped.filter((k) => k === 'denied').length,
      failed: skipped.filter((k) => k === 'failed').length,
    }),
  );
}

async function searchKind(
  s: ViewSession,
  row: EntityRow,
  words: string[],
): Promise<FindGroup | { failed: Outcome } | undefined> {
  const filter = wordsFilter(row, words);
  if (!filter) return undefined;
  const found = await s.rows(
    row.ops.list,
    s.known(row.ops.list, { $filter: filter, $top: String(FIND_TOP), $count: 'true' }),
  );
  if (!found.ok) return { failed: found.outcome };
  if (found.rows.length === 0) return { row, items: [], total: 0 };
  return {
    row,
    items: found.rows.slice(0, FIND_TOP).map((item) => ({ item, command: openCommand(row, item) })),
    total: found.count ?? found.rows.length,
  };
}

/** What to type to open it: the number where it has one, else its key. */
export function openCommand(row: EntityRow, item: Obj): string {
  const number = item.Number;
  // Only digits are read back as a number (`GRP0001` would be taken for a name).
  if (
    row.hasNumber &&
    (typeof number === 'string' || typeof number === 'number') &&
    /^\d+$/.test(String(number))
  )
    return `/3cx ${row.singular} ${String(number)}`;
  const key = item[row.key];
  if (key === undefined || key === null) return `/3cx ${row.plural}`;
  return `/3cx ${row.singular} id:${String(key)}`;
}
