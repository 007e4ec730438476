/**
 * Splits the text after `/3cx` into words, `key=value` pairs, flags and a trailing JSON body. Quotes group
 * words (`"two words"`); Slack clients often turn straight quotes into curly ones, so both count.
 */

export interface Tokens {
  words: string[];
  pairs: { key: string; value: string }[];
  flags: Set<string>;
  /** Everything from the first `{` or `[` that starts a word to the end, untouched (parsed later, with position). */
  json?: string;
  /**
   * Words and `key=value` pairs as typed, in order (flags and JSON left out): for free text, where `a=b` is a
   * value, not a parameter (`tenant-property set Greeting a=b`).
   */
  text: string[];
}

export class GrammarError extends Error {
  override readonly name = 'GrammarError';
}

const CURLY: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'" };
const MAX_TEXT = 40_000;

export function normaliseQuotes(text: string): string {
  return text.replace(/[“”„‘’]/g, (c) => CURLY[c] ?? c);
}

export function tokenize(input: string): Tokens {
  if (input.length > MAX_TEXT) {
    throw new GrammarError(
      `The command is ${input.length} characters long; at most ${MAX_TEXT} are accepted.`,
    );
  }
  // Control characters have no business in a command; refusing them keeps them out of 3CX and the logs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(input);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw new GrammarError(
      `The command contains a control character (U+${code}) at position ${bad.index}; remove it.`,
    );
  }
  const text = normaliseQuotes(input.trim());
  const tokens: Tokens = { words: [], pairs: [], flags: new Set(), text: [] };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      tokens.json = text.slice(i);
      break;
    }
    const { word, next } = readWord(text, i);
    i = next;
    if (word.quoted) {
      tokens.words.push(word.text);
      tokens.text.push(word.text);
      continue;
    }
    if (word.text.startsWith('--') && word.text.length > 2) {
      tokens.flags.add(word.text.slice(2).toLowerCase());
      continue;
    }
    tokens.text.push(word.text);
    const eq = word.text.indexOf('=');
    if (eq > 0 && /^[$\w.@-]+$/.test(word.text.slice(0, eq))) {
      tokens.pairs.push({ key: word.text.slice(0, eq), value: word.text.slice(eq + 1) });
      continue;
    }
    tokens.words.push(word.text);
  }
  return tokens;
}

/** Reads one word; a quoted part (anywhere in it, as in `$filter="a b"`) may contain spaces. */
function readWord(text: string, start: number): { word: { text: string; quoted: boolean }; next: number } {
  let out = '';
  let i = start;
  let quotedWhole = false;
  while (i < text.length && !/\s/.test(text[i] as string)) {
    const c = text[i] as string;
    if (c === '"') {
      const end = findClosingQuote(text, i + 1);
      if (end < 0)
        throw new GrammarError(`A quote opened at position ${i} is never closed; add the closing ".`);
      if (i === start && (end + 1 >= text.length || /\s/.test(text[end + 1] as string))) quotedWhole = true;
      out += text.slice(i + 1, end).replace(/\\"/g, '"');
      i = end + 1;
      continue;
    }
    out += text[i];
    i++;
  }
  return { word: { text: out, quoted: quotedWhole }, next: i };
}

function findClosingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && text[i + 1] === '"') {
      i++;
      continue;
    }
    if (c === '"') return i;
  }
  return -1;
}
