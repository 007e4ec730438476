import { fold } from './names';
import type { EntityRow } from './rows';

/**
 * Words → an OData `$filter` the PBX runs: every word must appear (contains, lower-cased) in one of the set's
 * name, number or email fields. OData has no accent folding, so a word typed without accents also looks for its
 * one-accent spellings (`zoe` → `zoë`, `zoé` …): what people type finds `Zoë Müller` without the list ever
 * leaving the PBX.
 */

const ACCENTED: Record<string, string[]> = {
  a: ['á', 'à', 'â', 'ä', 'ã', 'å'],
  c: ['ç'],
  e: ['é', 'è', 'ê', 'ë'],
  i: ['í', 'ì', 'î', 'ï'],
  n: ['ñ'],
  o: ['ó', 'ò', 'ô', 'ö', 'ø'],
  s: ['ß', 'š'],
  u: ['ú', 'ù', 'û', 'ü'],
  y: ['ý', 'ÿ'],
  z: ['ž'],
};
const MAX_VARIANTS = 24;

export function odataText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The word as typed, folded, and with one letter accented at a time; at most MAX_VARIANTS of them. */
export function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  const plain = fold(word);
  const out = new Set([lower, plain]);
  if (plain === lower) {
    for (let i = 0; i < plain.length && out.size < MAX_VARIANTS; i++) {
      for (const accented of ACCENTED[plain[i] as string] ?? []) {
        out.add(plain.slice(0, i) + accented + plain.slice(i + 1));
        if (out.size >= MAX_VARIANTS) break;
      }
    }
  }
  return [...out];
}

export function searchFields(row: EntityRow): { names: string[]; plain: string[] } {
  const names = row.nameFields.filter((f) => f !== 'DisplayName' || !row.nameFields.includes('FirstName'));
  const plain = [...(row.hasNumber ? ['Number'] : []), ...row.emailFields];
  if (names.length === 0 && plain.length === 0 && row.keyKind === 'string') plain.push(row.key);
  return { names, plain };
}

/** Undefined when the set has nothing to search in (the caller says so). */
export function wordsFilter(row: EntityRow, words: string[]): string | undefined {
  const { names, plain } = searchFields(row);
  if (names.length + plain.length === 0) return undefined;
  const clauses = words
    .filter((w) => w.trim() !== '')
    .map((word) => {
      const parts: string[] = [];
      for (const field of names)
        for (const s of spellings(word)) parts.push(`contains(tolower(${field}),${odataText(s)})`);
      for (const field of plain) parts.push(`contains(tolower(${field}),${odataText(fold(word))})`);
      return `(${parts.join(' or ')})`;
    });
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}
