import { alternatives, stem, words } from '../../api/catalogue/search';
import type { EntityIndex } from '../../entities/rows';

/**
 * Teaching the everyday grammar from where people start: a word they would say (`agent`, `phone`, `did`) → the
 * everyday command that does it, for `api search` (shown before the raw operations) and for an unknown command.
 */

/** Words that are not an entity set's name but have an everyday command. */
const EVERYDAY_FOR_WORD: Record<string, string[]> = {
  call: ['calls', 'history [number or name] [today|24h|7d]'],
  cdr: ['history [number or name] [today|24h|7d]'],
  history: ['history [number or name] [today|24h|7d]'],
  log: ['history [number or name] [today|24h|7d]'],
  phone: ['phones', 'user <number or name>'],
  registration: ['phones', 'trunks'],
  trunk: ['trunks', 'trunk <number or name>'],
  sip: ['trunks'],
  provider: ['trunks'],
  backup: ['backups', 'backup now'],
  agent: ['queue <number or name> agents add <number or name>', 'queues'],
  member: [
    'ring-group <number or name> members add <number or name>',
    'group <name> members add <number or name>',
  ],
  status: ['status'],
  health: ['status'],
  licence: ['status', 'license edit'],
  license: ['status', 'license edit'],
  service: ['services', 'services restart <name>'],
  restart: ['services restart <name>'],
  find: ['find <words>'],
  search: ['find <words>'],
  hunt: ['ring-groups'],
  attendant: ['ivrs'],
  did: ['did-numbers', 'inbound-rules'],
};

/** The everyday commands that do what the query words name, most direct first (at most six). */
export function everydayFor(query: string, entities: EntityIndex): string[] {
  const out = new Set<string>();
  for (const raw of words(query)) {
    const word = stem(raw);
    for (const line of EVERYDAY_FOR_WORD[word] ?? []) out.add(line);
    const row =
      entities.find(raw) ??
      entities.find(word) ??
      alternatives(word)
        .map((a) => entities.find(a))
        .find(Boolean);
    if (row) {
      out.add(`${row.plural} [words…]`);
      out.add(`${row.singular} <${row.hasNumber ? 'number or name' : 'name'}>`);
    }
  }
  return [...out].slice(0, 6);
}

/** What to say besides did-you-mean when a word is not a command: the everyday command it likely means. */
export function hintFor(word: string): string | undefined {
  const first = EVERYDAY_FOR_WORD[stem(word.toLowerCase())]?.[0];
  return first ? `/3cx ${first}` : undefined;
}
