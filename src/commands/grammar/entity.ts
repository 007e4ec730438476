import { defaultCatalogue } from '../../api/catalogue';
import { type EntityIndex, entitiesOf } from '../../entities/rows';
import { flagsOf, type Intent, type OutputFlags } from './intent';
import type { Tokens } from './tokenize';

/**
 * The everyday grammar (DESIGN §3): `<entity> [words…] [key=value…]`, `<entity> <ref>`, `<entity> add …`,
 * `<entity> <ref> set …`, `<entity> <ref> delete`, `<entity> <ref> <list> add|remove <ref>…`. Which words name a
 * set comes from the catalogue's entity rows; everything after is read here, the PBX is asked nothing.
 */

export type EntityVerb =
  | { verb: 'list'; words: string[] }
  | { verb: 'show'; ref: string }
  | { verb: 'add' }
  | { verb: 'set'; ref: string }
  | { verb: 'delete'; ref: string }
  | { verb: 'members'; ref: string; list: string; change: 'add' | 'remove'; members: string[] };

export type EntityIntent = {
  kind: 'entity';
  /** The entity set, as the catalogue names it (`Users`). */
  set: string;
  pairs: { key: string; value: string }[];
  flags: OutputFlags;
} & EntityVerb;

/** The rows of the committed catalogue, for parsing; the handler reads the rows of the bot's own catalogue. */
export function defaultEntities(): EntityIndex {
  return entitiesOf(defaultCatalogue());
}

export function parseEntity(
  tokens: Tokens,
  first: string,
  rest: string[],
  entities: EntityIndex = defaultEntities(),
): Intent | undefined {
  const row = entities.find(first);
  if (!row) return undefined;
  const base = { kind: 'entity' as const, set: row.set, pairs: tokens.pairs, flags: flagsOf(tokens) };
  const lower = rest.map((w) => w.toLowerCase());
  if (rest.length === 0) return { ...base, verb: 'list', words: [] };
  if (lower[0] === 'add' && rest.length === 1) return { ...base, verb: 'add' };
  if (lower[0] === 'add' || lower[0] === 'set' || lower[0] === 'delete') {
    if (lower[0] === 'add') return { ...base, verb: 'add' };
    return {
      kind: 'error',
      message: `Say which ${row.label} first: \`/3cx ${row.singular} <number or name> ${lower[0]}${lower[0] === 'set' ? ' field=value' : ''}\`.`,
    };
  }
  const listAt = lower.findIndex(
    (w, i) =>
      i > 0 && row.lists.some((l) => l.word === w) && (lower[i + 1] === 'add' || lower[i + 1] === 'remove'),
  );
  if (listAt > 0) {
    const members = rest.slice(listAt + 2);
    const list = lower[listAt] as string;
    const change = lower[listAt + 1] as 'add' | 'remove';
    if (members.length === 0) {
      return {
        kind: 'error',
        message: `Say who to ${change}: \`/3cx ${row.singular} ${rest.slice(0, listAt).join(' ')} ${list} ${change} <number or name>…\`.`,
      };
    }
    return { ...base, verb: 'members', ref: rest.slice(0, listAt).join(' '), list, change, members };
  }
  const last = lower[lower.length - 1];
  if (last === 'set' || (lower.includes('set') && tokens.pairs.length > 0)) {
    const at = lower.lastIndexOf('set');
    if (at === 0) return { kind: 'error', message: `Say which ${row.label} to change before \`set\`.` };
    return { ...base, verb: 'set', ref: rest.slice(0, at).join(' ') };
  }
  if (last === 'delete' && rest.length > 1)
    return { ...base, verb: 'delete', ref: rest.slice(0, -1).join(' ') };
  // A plural asks for a list (`users patel`); a singular for one object (`user patel`).
  if (entities.isPlural(first)) return { ...base, verb: 'list', words: rest };
  return { ...base, verb: 'show', ref: rest.join(' ') };
}
