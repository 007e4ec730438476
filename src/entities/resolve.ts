import { closest } from '../text/did-you-mean';
import { nameOf } from '../words/names';
import { fold } from './names';
import type { EntityRow } from './rows';
import { odataText, spellings, wordsFilter } from './search';

/**
 * A reference as a person says it (DESIGN §3 `<ref>`) → the one object it means, asked of the PBX with `$filter`
 * and `$top`: digits are the extension number where the set has one (else the Id), `id:16` the Id, an email the
 * object with that address, a Slack mention the 3CX user with the person's Slack email, anything else a name or a
 * unique part of one. At most two PBX requests and 50 rows, whatever the size of the set.
 */

export type Obj = Record<string, unknown>;

/** A read through the pipeline: the rows 3CX answered, or why there are none. */
export type Read = (
  opKey: string,
  args: Record<string, unknown>,
) => Promise<{ ok: true; data: unknown } | { ok: false; reason: unknown }>;

export interface ResolveDeps {
  read: Read;
  /** `users.info` → `profile.email`; undefined when Slack has none (or the scope is missing). */
  slackEmail?: (userId: string) => Promise<string | undefined>;
}

export const MAX_CHOICES = 10;
const SUGGEST_ROWS = 50;

export type Resolution =
  | { kind: 'one'; object: Obj }
  | { kind: 'many'; candidates: Obj[]; more: boolean }
  | { kind: 'none'; message: string; suggestions: string[] }
  | { kind: 'failed'; reason: unknown };

const MENTION = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;

export function isMention(ref: string): boolean {
  return MENTION.test(ref.trim());
}

export async function resolveRef(deps: ResolveDeps, row: EntityRow, ref: string): Promise<Resolution> {
  const text = ref.trim();
  if (!(row.key in row.properties) && row.nameFields.length === 0 && !row.hasNumber) {
    const message = `A ${row.label} has no key, name or number to pick one by; \`/3cx ${row.plural}\` lists them.`;
    return { kind: 'none', message, suggestions: [] };
  }
  const mention = MENTION.exec(text);
  if (mention) return byMention(deps, row, mention[1] as string);
  const id = /^id:(.+)$/i.exec(text);
  if (id) return byKey(deps, row, (id[1] as string).trim(), `${row.key} ${id[1]}`);
  if (/^\d+$/.test(text)) {
    if (row.hasNumber) return byFilter(deps, row, `Number eq ${odataText(text)}`, `number ${text}`);
    return byKey(deps, row, text, `${row.key} ${text}`);
  }
  if (/^[^\s@]+@[^\s@]+$/.test(text) && row.emailFields.length > 0) {
    const filter = row.emailFields
      .map((f) => `tolower(${f}) eq ${odataText(text.toLowerCase())}`)
      .join(' or ');
    return byFilter(deps, row, filter, `the email ${text}`);
  }
  return byName(deps, row, text);
}

async function rows(deps: ResolveDeps, row: EntityRow, args: Record<string, unknown>) {
  const answer = await deps.read(row.ops.list, args);
  if (!answer.ok) return answer;
  const value = (answer.data as { value?: unknown } | undefined)?.value;
  const list = Array.isArray(value) ? value.filter((v): v is Obj => v !== null && typeof v === 'object') : [];
  return { ok: true as const, rows: list };
}

async function byFilter(
  deps: ResolveDeps,
  row: EntityRow,
  filter: string,
  what: string,
): Promise<Resolution> {
  const found = await rows(deps, row, { $filter: filter, $top: String(MAX_CHOICES + 1) });
  if (!found.ok) return { kind: 'failed', reason: found.reason };
  return pick(found.rows, `No ${row.label} has ${what}.`);
}

async function byKey(deps: ResolveDeps, row: EntityRow, key: string, what: string): Promise<Resolution> {
  if (row.keyKind === 'integer' && !/^\d+$/.test(key))
    return {
      kind: 'none',
      message: `${row.key} is a number for a ${row.label} (got "${key}").`,
      suggestions: [],
    };
  const value = row.keyKind === 'integer' ? key : odataText(key);
  return byFilter(deps, row, `${row.key} eq ${value}`, what);
}

async function byMention(deps: ResolveDeps, row: EntityRow, userId: string): Promise<Resolution> {
  const email = await deps.slackEmail?.(userId);
  if (!email) {
    return {
      kind: 'none',
      message:
        `Slack gave no email address for <@${userId}>, so the 3CX user cannot be found from it (the app needs ` +
        'the users:read.email scope). Use their extension number or name instead.',
      suggestions: [],
    };
  }
  if (row.emailFields.length === 0)
    return {
      kind: 'none',
      message: `A ${row.label} has no email address to match <@${userId}> by.`,
      suggestions: [],
    };
  const resolved = await resolveRef(deps, row, email);
  if (resolved.kind === 'none')
    return { kind: 'none', message: `No ${row.label} has <@${userId}>'s email (${email}).`, suggestions: [] };
  return resolved;
}

async function byName(deps: ResolveDeps, row: EntityRow, text: string): Promise<Resolution> {
  const words = text.split(/\s+/).filter(Boolean);
  const filter = wordsFilter(row, words);
  if (!filter) return byKey(deps, row, text, `${row.key} ${text}`);
  const found = await rows(deps, row, { $filter: filter, $top: String(MAX_CHOICES + 1) });
  if (!found.ok) return { kind: 'failed', reason: found.reason };
  if (found.rows.length > 1) {
    // "Sales" is a whole name among "Sales" and "Sales Queue": the exact one is meant.
    const exact = found.rows.filter((r) => fold(nameOf(r, row)) === fold(text));
    if (exact.length === 1) return { kind: 'one', object: exact[0] as Obj };
  }
  if (found.rows.length > 0) return pick(found.rows, '');
  return {
    kind: 'none',
    message: `No ${row.label} matches "${text}".`,
    suggestions: await nearest(deps, row, words),
  };
}

function pick(found: Obj[], none: string): Resolution {
  if (found.length === 0) return { kind: 'none', message: none, suggestions: [] };
  if (found.length === 1) return { kind: 'one', object: found[0] as Obj };
  return { kind: 'many', candidates: found.slice(0, MAX_CHOICES), more: found.length > MAX_CHOICES };
}

/** Did-you-mean over names that share the start of the longest word: one more request, at most 50 rows. */
async function nearest(deps: ResolveDeps, row: EntityRow, words: string[]): Promise<string[]> {
  const longest = [...words].sort((a, b) => b.length - a.length)[0] ?? '';
  const stem = fold(longest).slice(0, Math.min(3, Math.max(1, longest.length - 1)));
  if (!stem) return [];
  const filter = wordsFilter(row, [stem.slice(0, 2)]);
  if (!filter) return [];
  const found = await rows(deps, row, { $filter: filter, $top: String(SUGGEST_ROWS) });
  if (!found.ok) return [];
  const names = [...new Set(found.rows.map((r) => nameOf(r, row)))];
  const folded = new Map<string, string>();
  for (const name of names) {
    folded.set(fold(name), name);
    for (const part of name.split(/\s+/)) if (!folded.has(fold(part))) folded.set(fold(part), name);
  }
  const guesses = new Set<string>();
  for (const word of words) {
    const guess = closest(fold(word), [...folded.keys()]);
    const name = guess ? folded.get(guess) : undefined;
    if (name) guesses.add(name);
  }
  return [...guesses].slice(0, 3);
}

/** For tests and the benchmark: the spellings one word is searched with. */
export { spellings };
