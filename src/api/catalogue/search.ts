import type { Operation } from './types';

/** Splits `SetMultiCompanyMode` or `Pbx.GetMCURow(guid={guid})` into lower-case words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Crude singular form so `service` finds `Services` and `properties` finds `Property`. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('ses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * What people call things → the words the XAPI uses: an admin searches "extension" or "department", the
 * operations say Users and Groups. Each synonym counts as the word itself.
 */
export const SYNONYMS: Record<string, string[]> = {
  extension: ['user'],
  ext: ['user'],
  phone: ['user', 'phone', 'registrar'],
  device: ['phone', 'registrar'],
  department: ['group'],
  agent: ['queue', 'agent'],
  call: ['call'],
  cdr: ['call', 'log'],
  recording: ['recording'],
  backup: ['backup'],
  ivr: ['receptionist'],
  attendant: ['receptionist'],
  did: ['did', 'inbound'],
  hunt: ['ring'],
  licence: ['license'],
  voicemail: ['voicemail', 'vm'],
  sip: ['trunk'],
  provider: ['trunk'],
};

/** A query word with the catalogue words it stands for, all stemmed. */
export function alternatives(term: string): string[] {
  return [...new Set([term, ...(SYNONYMS[term] ?? []).map(stem)])];
}

interface Indexed {
  op: Operation;
  id: string[];
  resource: string[];
  path: string[];
}

const PATH_NOISE = new Set(['pbx', 'id', 'xapi', 'v1']);

export class OperationSearch {
  private readonly index: Indexed[];

  constructor(operations: readonly Operation[]) {
    this.index = operations.map((op) => ({
      op,
      id: words(op.operationId).map(stem),
      resource: words(op.resource).map(stem),
      path: words(op.path)
        .map(stem)
        .filter((w) => !PATH_NOISE.has(w)),
    }));
  }

  /** Best matches first: words in the operation id weigh most, then the resource, then the path. */
  search(query: string, limit = 10): Operation[] {
    const terms = [...new Set(words(query).map(stem))];
    if (terms.length === 0) return [];
    const scored: { op: Operation; score: number }[] = [];
    for (const entry of this.index) {
      let score = 0;
      let matched = 0;
      for (const term of terms) {
        const s = Math.max(
          ...alternatives(term).map((alt) =>
            Math.max(
              weigh(alt, entry.id, 3),
              weigh(alt, entry.resource, 2),
              weigh(alt, entry.path, 1),
              entry.op.key.toLowerCase() === alt ? 10 : 0,
            ),
          ),
        );
        if (s > 0) matched++;
        score += s;
      }
      if (score === 0) continue;
      // Every query word found beats a higher sum from a few; shorter ids are the more direct answer.
      const unmatchedIdWords = entry.id.filter(
        (w) => !terms.some((t) => alternatives(t).some((a) => w === a || w.startsWith(a))),
      ).length;
      scored.push({ op: entry.op, score: matched * 100 + score * 10 - unmatchedIdWords });
    }
    scored.sort(
      (a, b) => b.score - a.score || a.op.key.length - b.op.key.length || a.op.key.localeCompare(b.op.key),
    );
    return scored.slice(0, limit).map((s) => s.op);
  }
}

function weigh(term: string, list: string[], weight: number): number {
  if (list.includes(term)) return weight;
  if (term.length >= 3 && list.some((w) => w.startsWith(term))) return weight / 2;
  return 0;
}
