import type { Button, KnownBlock } from '@slack/types';
import { actions, button, section } from './blocks';
import { isAnnotation, isEmpty, isScalar, type Row, rankKeys, summarise } from './fields';
import { codeBlock, LIMITS } from './limits';

const MAX_COLUMNS = 6;
// Wide enough for a whole company e-mail address (`firstname.lastname@company-domain.co.uk`).
const WIDEST_CELL = 40;
const NARROWEST_CELL = 6;
/** Room in a section for the fences and the escaping of a few `&`. */
const TABLE_BUDGET = LIMITS.sectionText - 60;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** Columns a person scans a list by: the useful ones present, then scalars; never a column empty on every row. */
export function chooseColumns(rows: Row[]): string[] {
  const seen = new Map<string, unknown>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (isAnnotation(k)) continue;
      if (!seen.has(k) || isEmpty(seen.get(k))) seen.set(k, v);
    }
  }
  const filled = [...seen.keys()].filter((k) => !isEmpty(seen.get(k)));
  const ranked = rankKeys(filled, (k) => seen.get(k));
  const scalarFirst = [
    ...ranked.filter((k) => isScalar(seen.get(k))),
    ...ranked.filter((k) => !isScalar(seen.get(k))),
  ];
  return scalarFirst.slice(0, MAX_COLUMNS);
}

function cell(value: unknown, width: number): string {
  const text = summarise(value).replace(/\s+/g, ' ');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function render(rows: Row[], columns: string[], cap: number): string[] {
  const cells = rows.map((row) => columns.map((c) => cell(row[c], cap)));
  const heads = columns.map((c) => cell(c, cap));
  const widths = columns.map((_, i) =>
    Math.max(heads[i]?.length ?? 0, ...cells.map((r) => r[i]?.length ?? 0)),
  );
  const line = (parts: string[]) =>
    parts
      .map((p, i) => p.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(heads), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

/**
 * The rows as monospace text, narrowed until it fits one section; a page too tall even then continues in further
 * sections, each repeating nothing but staying aligned.
 */
export function tableBlocks(rows: Row[], columns: string[]): KnownBlock[] {
  let lines: string[] = [];
  for (let cap = WIDEST_CELL; cap >= NARROWEST_CELL; cap -= 2) {
    lines = render(rows, columns, cap);
    if (codeBlock(lines.join('\n'), Number.MAX_SAFE_INTEGER).length <= TABLE_BUDGET) {
      return [section(codeBlock(lines.join('\n'), LIMITS.sectionText))];
    }
  }
  const blocks: KnownBlock[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length > 0) blocks.push(section(codeBlock(chunk.join('\n'), LIMITS.sectionText)));
    chunk = [];
  };
  for (const l of lines) {
    if (codeBlock([...chunk, l].join('\n'), Number.MAX_SAFE_INTEGER).length > TABLE_BUDGET) flush();
    chunk.push(l);
  }
  flush();
  return blocks;
}

export interface PageView {
  page: number;
  pages: number;
  from: number;
  rows: Row[];
}

export function pageOf(rows: Row[], page = 0, pageSize = DEFAULT_PAGE_SIZE): PageView {
  const size = Math.min(Math.max(1, Math.floor(pageSize) || DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  return { page: p, pages, from: p * size, rows: rows.slice(p * size, p * size + size) };
}

/** Previous/Next carry only the kept result's id and the page to show; the rows stay in the bot. */
export function pagingBlock(view: PageView, resultId: string | undefined): KnownBlock | undefined {
  if (!resultId || view.pages <= 1) return undefined;
  const buttons: Button[] = [];
  const value = (target: number) => `${resultId}:${target}`;
  if (value(view.pages).length > LIMITS.buttonValue) return undefined;
  if (view.page > 0) buttons.push(button('◀ Previous', 'page_prev', value(view.page - 1)));
  if (view.page < view.pages - 1) buttons.push(button('Next ▶', 'page_next', value(view.page + 1)));
  return actions('paging', buttons);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** `25 items (130 in all on the PBX) · rows 21–25 · page 2 of 2` */
export function collectionHeadline(total: number, count: number | undefined, view: PageView): string {
  const parts = [`*${plural(total, 'item')}*`];
  if (count !== undefined && count !== total)
    parts[0] += ` (${count.toLocaleString('en-US')} in all on the PBX)`;
  if (view.pages > 1) {
    parts.push(
      `rows ${view.from + 1}–${view.from + view.rows.length}`,
      `page ${view.page + 1} of ${view.pages}`,
    );
  }
  return parts.join(' · ');
}

export function collectionHints(
  total: number,
  count: number | undefined,
  view: PageView,
  paged: boolean,
): string[] {
  const hints: string[] = [];
  if (view.pages > 1 && !paged) hints.push(`Showing ${view.rows.length} of ${total}.`);
  if (view.pages > 1) hints.push(`Add \`--file\` for all ${total} rows as CSV.`);
  if (count !== undefined && count > total) {
    hints.push(`3CX sent ${total} of ${count}: ask it for the others with \`$skip=\` and \`$top=\`.`);
  }
  return hints;
}
