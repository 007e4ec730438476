import type { FileReply } from './blocks';
import { safeJson } from './blocks';
import { isRecord } from './fields';

/** `Users.ListUser` on 22 Nov 2026 → `users-listuser-2026-11-22` (UTC, so replicas agree). */
export function fileStem(operationKey: string, now: number): string {
  const slug =
    operationKey
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'result';
  return `${slug}-${new Date(now).toISOString().slice(0, 10)}`;
}

/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a display name like `=HYPERLINK(…)` from
 * the PBX would become a link or worse. Numbers are left alone: `-5` is data, not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  const text = typeof value === 'string' ? value : safeJson(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every column any row has, in the order they first appear. */
function columnsOf(items: unknown[]): string[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (isRecord(item)) for (const k of Object.keys(item)) seen.add(k);
    else seen.add('Value');
  }
  return [...seen];
}

/** A list as CSV for a spreadsheet: every row and every column 3CX sent, nested values as JSON. */
export function csvFile(operationKey: string, items: unknown[], now: number = Date.now()): FileReply {
  const columns = columnsOf(items);
  const lines = [columns.map((c) => quote(cellText(c))).join(',')];
  for (const item of items) {
    const row: Record<string, unknown> = isRecord(item) ? item : { Value: item };
    lines.push(columns.map((c) => quote(cellText(row[c]))).join(','));
  }
  const rows = `${items.length.toLocaleString('en-US')} row${items.length === 1 ? '' : 's'}`;
  return {
    filename: `${fileStem(operationKey, now)}.csv`,
    content: `${lines.join('\r\n')}\r\n`,
    title: `${operationKey}: ${rows}`,
    comment: `${operationKey}: ${rows} as CSV.`,
  };
}
