/** Percentiles and medians for the benchmark figures; nearest-rank, on a sorted copy. */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The median of each field over several repetitions. */
export function medianSummary(runs: readonly LatencySummary[]): LatencySummary {
  const of = (pick: (s: LatencySummary) => number) => median(runs.map(pick));
  return {
    count: runs.reduce((sum, s) => sum + s.count, 0),
    p50: of((s) => s.p50),
    p95: of((s) => s.p95),
    p99: of((s) => s.p99),
    max: of((s) => s.max),
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
