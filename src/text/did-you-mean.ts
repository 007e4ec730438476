/** Damerau-free edit distance, enough to catch `stauts` or `servces`. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

let scratch = new Int32Array(64);

/** The distance when it is at most `max`, else `max + 1`: stops as soon as every path is over the bound. */
export function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (scratch.length < b.length + 1) scratch = new Int32Array(b.length + 1);
  const prev = scratch;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const left = prev[j - 1] as number;
      const v = Math.min(up + 1, left + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      prev[j] = v;
      if (v < rowMin) rowMin = v;
      diag = up;
    }
    if (rowMin > max) return max + 1;
  }
  return Math.min(prev[b.length] as number, max + 1);
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d =
      name.startsWith(w) && w.length >= 2 ? 0 : distanceWithin(w, name, Math.min(limit, best?.d ?? limit));
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= limit ? best.name : undefined;
}
