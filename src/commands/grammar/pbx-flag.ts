/**
 * `--pbx <name>` anywhere in a command (DESIGN §3) says which PBX it runs on. It is taken out of the text before
 * the command itself is parsed, so every command accepts it the same way; quoted text and a trailing JSON body
 * are left alone (`tenant-property set Note "use --pbx later"` keeps its value).
 */

export interface PbxFlag {
  /** The command without the flag. */
  text: string;
  /** The name given, as typed. */
  pbx?: string;
  /** Why the flag could not be read, in a sentence. */
  error?: string;
}

export function extractPbxFlag(input: string): PbxFlag {
  const found: { start: number; end: number; name: string }[] = [];
  let inQuote = false;
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === '"' || c === '“' || c === '”') {
      inQuote = !inQuote;
      i++;
      continue;
    }
    const wordStart = i === 0 || /\s/.test(input[i - 1] as string);
    if (!inQuote && wordStart && (c === '{' || c === '[')) break;
    if (!inQuote && wordStart && input.startsWith('--pbx', i)) {
      const after = input[i + 5];
      if (after === '=' || after === undefined || /\s/.test(after)) {
        let j = i + 5;
        if (after === '=') j++;
        else while (j < input.length && /\s/.test(input[j] as string)) j++;
        let k = j;
        while (k < input.length && !/\s/.test(input[k] as string)) k++;
        found.push({ start: i, end: k, name: input.slice(j, k) });
        i = k;
        continue;
      }
    }
    i++;
  }
  if (found.length === 0) return { text: input };
  let text = input;
  for (const f of [...found].reverse()) text = `${text.slice(0, f.start)}${text.slice(f.end)}`;
  text = text.replace(/\s{2,}/g, ' ').trim();
  const names = [...new Set(found.map((f) => f.name))];
  if (names.some((n) => n === ''))
    return { text, error: '--pbx needs the name of a PBX after it, e.g. `--pbx alpha`.' };
  if (names.length > 1) return { text, error: `--pbx is given twice (${names.join(', ')}); name one PBX.` };
  return { text, pbx: names[0] as string };
}
