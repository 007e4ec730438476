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
          weigh(term, entry.id, 3),
          weigh(term, entry.resource, 2),
          weigh(term, entry.path, 1),
          entry.op.key.toLowerCase() === term ? 10 : 0,
        );
        if (s > 0) matched++;
        score += s;
      }
      if (score === 0) continue;
      // Every query word found beats a higher sum from a few; shorter ids are the more direct answer.
      const unmatchedIdWords = entry.id.filter((w) => !terms.some((t) => w === t || w.startsWith(t))).length;
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
