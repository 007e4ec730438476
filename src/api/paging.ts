import type { Operation, OperationCatalogue } from './catalogue';
import { findParam } from './odata';

/**
 * Walking a collection with `$top`/`$skip`. Without an `$orderby` the PBX may return rows in a different order
 * from one page to the next (new rows, a different query plan), so items would be skipped or repeated; a stable
 * order by the entity key prevents that.
 */

export interface PageOptions {
  /** Items per request; default 100. */
  pageSize?: number;
  /** Stop after this many items in all. */
  max?: number;
}

export const DEFAULT_PAGE_SIZE = 100;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The key of the collection's entity: the `{Key}` of a sibling path such as `/Users({Id})`; otherwise `Id` when
 * the item type has it, else its first property. Undefined when the operation takes no `$orderby`.
 */
export function stableOrderBy(op: Operation, catalogue: OperationCatalogue): string | undefined {
  const orderParam = findParam(op, '$orderby');
  if (!orderParam) return undefined;
  const keyed = new RegExp(`^${escapeRegExp(op.path)}\\(\\{([^}]+)\\}\\)$`);
  const sibling = catalogue.operations.find((o) => o.resource === op.resource && keyed.test(o.path));
  const siblingKey = sibling?.path.match(keyed)?.[1];
  const item = op.response.type ? catalogue.resolve(op.response.type) : undefined;
  const properties = item?.kind === 'object' ? Object.keys(item.properties) : [];
  const choice = siblingKey ?? (properties.includes('Id') ? 'Id' : properties[0]);
  const itemsType = orderParam.type.kind === 'array' ? catalogue.resolve(orderParam.type.items) : undefined;
  const allowed = itemsType?.kind === 'string' ? itemsType.enum : undefined;
  // Some documents list the sortable columns; pick one of those when ours is not among them.
  if (allowed && (!choice || !allowed.includes(choice))) return allowed.find((v) => !/ desc$/i.test(v));
  return choice;
}

/** Removes every spelling of an OData option from `params` and returns the value given, if any. */
function take(params: Record<string, unknown>, option: string): unknown {
  let value: unknown;
  for (const name of Object.keys(params)) {
    if (name.toLowerCase() === option) {
      value = params[name];
      delete params[name];
    }
  }
  return value;
}

const count = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
};

/**
 * Items across pages. A `$top` in `params` limits the total (as it would for one call), `$skip` is where to
 * start. Stops on a short page, at `max`, or when the PBX ignores `$top` (a page longer than asked for).
 */
export async function* pageItems(
  fetchPage: (params: Record<string, unknown>) => Promise<unknown[]>,
  params: Record<string, unknown>,
  orderBy: string | undefined,
  options: PageOptions = {},
): AsyncGenerator<unknown> {
  const rest = { ...params };
  const limit = Math.min(
    count(take(rest, '$top')) ?? Number.POSITIVE_INFINITY,
    options.max ?? Number.POSITIVE_INFINITY,
  );
  let skip = count(take(rest, '$skip')) ?? 0;
  const givenOrder = take(rest, '$orderby');
  const order = givenOrder ?? orderBy;
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
  let left = limit;
  while (left > 0) {
    const top = Math.min(pageSize, left);
    const items = await fetchPage({
      ...rest,
      $top: top,
      $skip: skip,
      ...(order !== undefined ? { $orderby: order } : {}),
    });
    const page = items.slice(0, Math.min(items.length, left));
    for (const item of page) yield item;
    left -= page.length;
    skip += page.length;
    if (items.length !== top) return;
  }
}
