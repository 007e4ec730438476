import { z } from 'zod';
import { type OperationCatalogue, operationClass } from '../api/catalogue';
import { maskSecrets } from '../pipeline';
import type { AuditRow, Store } from '../store';

/**
 * The PBX's own audit log (`ReportAuditLog.GetAuditLogData`) as a change feed: who (3CX user, IP), what (object
 * type and name, action), and field by field what changed (PrevData → NewData, parsed, secrets masked).
 */

export const FEED_OPERATION = 'ReportAuditLog.GetAuditLogData';
/** One page per poll; a busier minute than this is read on the next poll, from where this one ended. */
export const FEED_PAGE = 50;

const entry = z.object({
  Id: z.union([z.number(), z.string()]),
  Timestamp: z.string(),
  UserName: z.string().nullish(),
  Ip: z.string().nullish(),
  Action: z.number().nullish(),
  ObjectType: z.number().nullish(),
  ObjectName: z.string().nullish(),
  PrevData: z.string().nullish(),
  NewData: z.string().nullish(),
});

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** A secret that changed: said, never shown. */
  hidden?: boolean;
}

export interface ChangeEntry {
  id: string;
  at: number;
  user: string;
  ip?: string;
  objectType?: number;
  objectName: string;
  action: 'created' | 'changed' | 'deleted';
  changes: FieldChange[];
  /** The Slack person, when the bot made this change itself. */
  bySlackUser?: string;
}

export function sinceFilter(since: number): string {
  return `Timestamp ge ${new Date(since).toISOString()}`;
}

function parseData(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Only the fields that differ (compared as 3CX sent them, shown masked); a whole value when not an object. */
export function diffFields(prev: unknown, next: unknown): FieldChange[] {
  const before = maskSecrets(prev);
  const after = maskSecrets(next);
  if (!isObject(prev) || !isObject(next) || !isObject(before) || !isObject(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '(value)', before, after }];
  }
  const fields = [...new Set([...Object.keys(prev), ...Object.keys(next)])];
  return fields
    .filter((f) => JSON.stringify(prev[f]) !== JSON.stringify(next[f]))
    .map((field) => {
      const change: FieldChange = { field, before: before[field], after: after[field] };
      if (JSON.stringify(before[field]) === JSON.stringify(after[field])) change.hidden = true;
      return change;
    });
}

/** Entries oldest first; rows 3CX sent that lack an Id or a time are left out. */
export function parseFeed(answer: unknown): ChangeEntry[] {
  const value = z.object({ value: z.array(z.unknown()) }).safeParse(answer);
  if (!value.success) return [];
  const out: ChangeEntry[] = [];
  for (const raw of value.data.value) {
    const parsed = entry.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    const at = Date.parse(e.Timestamp);
    if (!Number.isFinite(at)) continue;
    const prev = parseData(e.PrevData);
    const next = parseData(e.NewData);
    const action = prev === undefined ? 'created' : next === undefined ? 'deleted' : 'changed';
    const item: ChangeEntry = {
      id: String(e.Id),
      at,
      user: e.UserName ?? 'unknown',
      objectName: e.ObjectName ?? '(unnamed)',
      action,
      changes: action === 'changed' ? diffFields(prev, next) : [],
    };
    if (e.Ip) item.ip = e.Ip;
    if (typeof e.ObjectType === 'number') item.objectType = e.ObjectType;
    out.push(item);
  }
  return out.sort((a, b) => a.at - b.at);
}

/** How close in time the bot's own audit row and the PBX's entry must be to be the same change. */
const MATCH_WINDOW_MS = 2 * 60_000;

/**
 * The bot's own write that made this change, if any: a finished write whose parameters or body name the object,
 * within two minutes. Its Slack person is who really made the change (3CX only knows the API client).
 */
export function attribute(entryRow: ChangeEntry, ownRows: AuditRow[]): AuditRow | undefined {
  const name = entryRow.objectName.toLowerCase();
  if (name === '' || name === '(unnamed)') return undefined;
  const candidates = ownRows.filter(
    (row) =>
      row.outcome === 'done' &&
      Math.abs(row.at - entryRow.at) <= MATCH_WINDOW_MS &&
      JSON.stringify([row.params, row.body ?? null])
        .toLowerCase()
        .includes(name),
  );
  return candidates.sort((a, b) => Math.abs(a.at - entryRow.at) - Math.abs(b.at - entryRow.at))[0];
}

/** Names the Slack person behind each change the bot made itself, from the bot's own audit rows. */
export async function attributed(
  store: Store,
  catalogue: OperationCatalogue,
  entries: ChangeEntry[],
): Promise<ChangeEntry[]> {
  const first = entries[0];
  if (!first) return [];
  const rows = await store
    .auditList({ limit: 500, since: first.at - 5 * 60_000 })
    .catch((): AuditRow[] => []);
  const writes = rows.filter((row) => {
    const op = catalogue.get(row.operation);
    return op !== undefined && operationClass(op) === 'write';
  });
  return entries.map((e) => {
    const own = attribute(e, writes);
    return own ? { ...e, bySlackUser: own.userId } : e;
  });
}
