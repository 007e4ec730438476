/** One line of BENCHMARKS.md: what was measured, the figure, the goal, and whether it was met. */
export interface Figure {
  id: string;
  measure: string;
  result: string;
  goal: string;
  /** null: a diagnostic figure with no goal of its own. */
  met: boolean | null;
}

/** Details of a scenario, for the sections below the table. */
export interface ScenarioReport {
  title: string;
  figures: Figure[];
  /** Markdown: how it was measured and the raw numbers of each repetition. */
  details: string[];
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

export function table(headers: string[], rows: (string | number)[][]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

export const status = (met: boolean | null): string => (met === null ? 'info' : met ? 'MET' : '**MISSED**');
