import { entitiesOf } from '../entities/rows';
import { odataText, wordsFilter } from '../entities/search';
import type { Requester } from '../pipeline';
import { closest } from '../text/did-you-mean';
import { type Reference, referenceByName } from '../views/modal/references';
import { displayName } from '../words/names';
import type { BotContext } from './context';
import { makeRequest } from './intent-handler';

/**
 * What a picker offers and what a command may name, both asked of the PBX through the pipeline (so the person's
 * read permission applies and the read is audited like any other): typeahead with a `contains` `$filter` and
 * `$top`, never the whole list.
 */

/** Slack shows at most 100 options; fewer, closer ones read better while typing. */
export const SUGGEST_TOP = 25;
/** Slack waits 3 s for options; the answer must leave before that with whatever is known. */
export const SUGGEST_DEADLINE_MS = 2500;

export interface Suggestion {
  text: string;
  value: string;
}

export type Suggested = { kind: 'options'; options: Suggestion[] } | { kind: 'none'; why: string };

type Who = { requester: Requester; channel: string };
type Obj = Record<string, unknown>;

async function readRows(ctx: BotContext, who: Who, key: string, args: Record<string, unknown>) {
  const outcome = await ctx.pipeline.run(makeRequest(ctx, who, key, args, undefined, 'modal'));
  if (outcome.kind !== 'done') return undefined;
  const value = (outcome.result.data as { value?: unknown } | undefined)?.value;
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Obj[]) : [];
}

function asOption(obj: Obj, ref: Reference): Suggestion | undefined {
  const raw = obj[ref.value];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = String(raw);
  const name = displayName(obj);
  const text = ref.value === 'Id' && !name.includes(value) ? `${name} · #${value}` : name;
  return { text: text.length > 75 ? `${text.slice(0, 74)}…` : text, value: value.slice(0, 150) };
}

async function query(ctx: BotContext, who: Who, ref: Reference, typed: string): Promise<Suggested> {
  const row = entitiesOf(ctx.catalogue).bySetName(ref.set);
  if (!row) return { kind: 'none', why: `this PBX has no ${ref.set} to choose from` };
  const args: Record<string, unknown> = { $top: SUGGEST_TOP };
  const words = typed.trim().split(/\s+/).filter(Boolean);
  const filter = words.length > 0 ? wordsFilter(row, words) : undefined;
  if (filter) args.$filter = filter;
  const rows = await readRows(ctx, who, row.ops.list, args);
  if (!rows) return { kind: 'none', why: 'the PBX did not answer the search' };
  const options = rows.map((r) => asOption(r, ref)).filter((o): o is Suggestion => o !== undefined);
  if (options.length === 0)
    return { kind: 'none', why: words.length > 0 ? `nothing matches "${typed.trim()}"` : 'none yet' };
  return { kind: 'options', options };
}

/** The options for a picker, or why there are none; never later than the deadline. */
export async function suggest(
  ctx: BotContext,
  who: Who,
  ref: Reference,
  typed: string,
  deadlineMs: number = SUGGEST_DEADLINE_MS,
): Promise<Suggested> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Suggested>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: 'none', why: 'the PBX is slow to answer; type again' }),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([query(ctx, who, ref, typed), late]);
  } finally {
    clearTimeout(timer);
  }
}

const MAX_DEPTH = 6;
const MAX_ITEMS = 100;

/** Names a command gave for a field that refers to PBX objects by name (`ServiceNames`), found in a body. */
function namedReferences(
  body: unknown,
  out: Map<string, { ref: Reference; names: string[] }>,
  depth = 0,
): void {
  // Named references sit near the top of a body (`options.ServiceNames`); a deeper body is left to validation,
  // which refuses absurd nesting with a sentence.
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(body)) {
    for (const item of body.slice(0, MAX_ITEMS)) namedReferences(item, out, depth + 1);
    return;
  }
  if (typeof body !== 'object' || body === null) return;
  for (const [key, value] of Object.entries(body)) {
    const ref = referenceByName(key);
    const names = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (ref?.value === 'Name' && names.length > 0) {
      const entry = out.get(ref.set) ?? { ref, names: [] };
      entry.names.push(...names);
      out.set(ref.set, entry);
    } else namedReferences(value, out, depth + 1);
  }
}

/**
 * Refuses, before any confirmation or approval is asked, a command that names an object the PBX does not have
 * (`services restart 3CXQueueManager`), with the closest real name. Undefined when every name is real or the PBX
 * could not be asked (3CX then answers for itself).
 */
export async function unknownNames(ctx: BotContext, who: Who, body: unknown): Promise<string | undefined> {
  const found = new Map<string, { ref: Reference; names: string[] }>();
  namedReferences(body, found);
  for (const { ref, names } of found.values()) {
    const row = entitiesOf(ctx.catalogue).bySetName(ref.set);
    if (!row) continue;
    const exact = names.map((n) => `${ref.value} eq ${odataText(n)}`).join(' or ');
    const matching = await readRows(ctx, who, row.ops.list, { $filter: exact, $top: names.length });
    if (!matching) continue;
    const real = new Set(matching.map((r) => String(r[ref.value])));
    const missing = names.filter((n) => !real.has(n));
    if (missing.length === 0) continue;
    const all = (await readRows(ctx, who, row.ops.list, { $top: 100 })) ?? [];
    const known = all.map((r) => String(r[ref.value] ?? '')).filter(Boolean);
    const lower = known.map((k) => k.toLowerCase());
    const lines = missing.map((name) => {
      const hit = closest(name, lower);
      const near = hit === undefined ? undefined : known[lower.indexOf(hit)];
      return near ? `"${name}" (did you mean ${near}?)` : `"${name}"`;
    });
    const list = known.length > 0 ? ` The PBX has: ${known.slice(0, 20).join(', ')}.` : '';
    return `The PBX has no ${row.label} named ${lines.join(', ')}. Nothing was sent.${list}`;
  }
  return undefined;
}
