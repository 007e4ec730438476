import type { KnownBlock } from '@slack/types';
import { formatDate, relativeTime, type TimeWords, toInstant } from '../../words/time';
import { context, message, type SlackMessage, section } from './blocks';
import { fitEscaped } from './limits';
import { tableBlocks } from './table';

type Obj = Record<string, unknown>;

/** One PBX's part of a fleet answer. */
export type FleetPart =
  | { pbx: string; rows: Obj[]; columns: string[]; total?: number }
  | { pbx: string; failed: string };

export interface FleetAnswer {
  /** The read, as typed after `fleet`. */
  title: string;
  /** Every PBX asked, in order. */
  pbxs: string[];
  /** Those that have answered (or failed) so far. */
  parts: FleetPart[];
  elapsedMs: number;
}

/** Rows shown in the message; the rest are in `--file`. */
const SHOWN_ROWS = 60;

/**
 * One table for the whole fleet, the PBX in the first column; below it the PBXs that gave no rows, each with its
 * reason, and while not `final`, the ones still being waited for.
 */
export function fleetMessage(answer: FleetAnswer, final: boolean): SlackMessage {
  const answered = answer.parts.filter((p): p is Extract<FleetPart, { rows: Obj[] }> => 'rows' in p);
  const failed = answer.parts.filter((p): p is Extract<FleetPart, { failed: string }> => 'failed' in p);
  const waiting = answer.pbxs.filter((pbx) => !answer.parts.some((p) => p.pbx === pbx));
  const columns = ['PBX'];
  for (const part of answered) for (const c of part.columns) if (!columns.includes(c)) columns.push(c);
  const rows = answered.flatMap((p) => p.rows.map((r) => ({ PBX: p.pbx, ...r })));
  const head = `🏢 fleet ${answer.title}: ${answered.length} of ${answer.pbxs.length} PBXs answered${
    final ? '' : ', still reading'
  } · ${rows.length} row${rows.length === 1 ? '' : 's'}`;
  const blocks: KnownBlock[] = [section(fitEscaped(head, 500))];
  if (rows.length > 0) blocks.push(...tableBlocks(rows.slice(0, SHOWN_ROWS), columns.slice(0, 8)));
  const more = answered.reduce((n, p) => n + Math.max(0, (p.total ?? p.rows.length) - p.rows.length), 0);
  if (rows.length > SHOWN_ROWS || more > 0)
    blocks.push(
      context(
        `${rows.length > SHOWN_ROWS ? `${rows.length - SHOWN_ROWS} more rows not shown. ` : ''}${
          more > 0 ? `${more} more on the PBXs beyond the first page of each. ` : ''
        }Add \`--file\` for every row as CSV, or add words to narrow it down.`,
      ),
    );
  if (failed.length > 0)
    blocks.push(
      section(
        fitEscaped(
          `⚠️ No answer from ${failed.length} PBX${failed.length === 1 ? '' : 's'}:\n${failed
            .map((f) => `• *${f.pbx}*: ${f.failed}`)
            .join('\n')}`,
          2900,
        ),
      ),
    );
  if (!final && waiting.length > 0)
    blocks.push(
      context(`⏳ Waiting for ${waiting.slice(0, 20).join(', ')}${waiting.length > 20 ? ' …' : ''}`),
    );
  blocks.push(context(`Read on ${answer.pbxs.length} PBXs in ${Math.round(answer.elapsedMs)} ms.`));
  return message(head, blocks, 2);
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `fleet status`, one PBX: what an engineer looking after many PBXs checks first. */
export function fleetStatusRow(status: Obj, openAlerts: number | undefined, words: TimeWords): Obj {
  const ratio = (up: unknown, total: unknown) =>
    num(up) !== undefined && num(total) !== undefined ? `${num(up)}/${num(total)}` : '—';
  const expires = toInstant(typeof status.ExpirationDate === 'string' ? status.ExpirationDate : undefined);
  const backup = toInstant(
    typeof status.LastBackupDateTime === 'string' ? status.LastBackupDateTime : undefined,
  );
  return {
    Version: typeof status.Version === 'string' ? status.Version : '—',
    'Trunks up': ratio(status.TrunksRegistered, status.TrunksTotal),
    Phones: ratio(status.ExtensionsRegistered, status.ExtensionsTotal),
    Calls: num(status.CallsActive) ?? '—',
    'Licence until': expires ? formatDate(expires, words) : '—',
    'Last backup': backup ? relativeTime(backup, words) : 'none',
    'Open alerts': openAlerts ?? '—',
  };
}
