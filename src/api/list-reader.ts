import type { Operation } from './catalogue';
import { findParam } from './odata';
import { collectionShape } from './responses';

/**
 * A list the bot reads for a person (`/3cx users`, `api Users.ListUser`) comes page by page, so that a PBX with
 * 20,000 users is neither asked for one unbounded answer nor held in memory whole: `$top` rows per request, in a
 * stable order, following `@odata.nextLink` when 3CX gives one, and stopping at a cap that the reply names
 * ("first 1,000 shown"). A person's own `$top` or `$skip` is sent as typed, in one call.
 */

export const LIST_PAGE_SIZE = 100;
/** Rows the bot reads of one list at most; the reply says when there were more. */
export const LIST_ROW_CAP = 1_000;

/** The part of an XapiResult the reader looks at and fills. */
export interface PageResult {
  status: number;
  data: unknown;
  durationMs: number;
  attempts: number;
  path: string;
}

export interface ListRead<R extends PageResult> {
  /** The first page's answer, with every row read in `value` and the page links removed. */
  result: R;
  /** Set when the list had more rows than the cap. */
  truncatedAt?: number;
}

/** Paged reading applies to GET collections that take `$top` and `$skip`, when the person gave neither. */
export function readsInPages(op: Operation, params: Record<string, unknown>): boolean {
  if (op.method !== 'GET' || op.response.kind !== 'collection') return false;
  if (!findParam(op, '$top') || !findParam(op, '$skip')) return false;
  return !Object.keys(params).some((k) => ['$top', '$skip'].includes(k.toLowerCase()));
}

export interface ListFetch<R extends PageResult> {
  /** One page by query parameters. */
  byParams(params: Record<string, unknown>): Promise<R>;
  /** The page an `@odata.nextLink` names; undefined when the link leaves this PBX's XAPI (it is not followed). */
  byLink(link: string): Promise<R> | undefined;
  /** A page that is not a collection; thrown. */
  notACollection(page: R): Error;
}

export async function readList<R extends PageResult>(
  fetch: ListFetch<R>,
  params: Record<string, unknown>,
  orderBy: string | undefined,
  cap = LIST_ROW_CAP,
  pageSize = LIST_PAGE_SIZE,
): Promise<ListRead<R>> {
  const givenOrder = Object.keys(params).some((k) => k.toLowerCase() === '$orderby');
  const base = { ...params, ...(orderBy !== undefined && !givenOrder ? { $orderby: orderBy } : {}) };
  const rows: unknown[] = [];
  let first: R | undefined;
  let durationMs = 0;
  let attempts = 0;
  let next: Promise<R> | undefined;
  let skip = 0;
  let truncated = false;
  for (;;) {
    // One row more than still fits tells whether the cap cut the list.
    const top = Math.min(pageSize, cap - rows.length + 1);
    const page = await (next ?? fetch.byParams({ ...base, $top: top, $skip: skip }));
    first ??= page;
    durationMs += page.durationMs;
    attempts += page.attempts;
    const parsed = collectionShape.safeParse(page.data);
    if (!parsed.success) throw fetch.notACollection(page);
    const value = parsed.data.value;
    const room = cap - rows.length;
    rows.push(...value.slice(0, room));
    if (value.length > room) {
      truncated = true;
      break;
    }
    skip += value.length;
    const link = parsed.data['@odata.nextLink'];
    next = typeof link === 'string' && value.length > 0 ? fetch.byLink(link) : undefined;
    if (next) continue;
    // A short page is the end; so is a longer one (the PBX ignored $top and sent everything) or a link not followed.
    if (typeof link === 'string' || value.length !== top) break;
  }
  if (!first) throw new Error('unreachable: the loop reads at least one page');
  const { '@odata.nextLink': _link, ...rest } = first.data as Record<string, unknown>;
  return {
    result: { ...first, data: { ...rest, value: rows }, durationMs, attempts },
    ...(truncated ? { truncatedAt: cap } : {}),
  };
}
