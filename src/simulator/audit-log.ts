import type { Entity, SimState } from './types';

/**
 * The PBX audit log as 3CX keeps it for admin changes: who (UserName, Ip), what (ObjectType, ObjectName), how
 * (Action), and the changed fields before and after as JSON text. Served newest first by
 * `ReportAuditLog.GetAuditLogData`.
 */

export const AUDIT_REPORT = 'ReportAuditLog.GetAuditLogData';

/** Action codes of an audit row. */
export const AUDIT_ACTION = { create: 0, update: 1, delete: 2, execute: 3 } as const;
export type AuditAction = keyof typeof AUDIT_ACTION;

/** Where the change came from: the XAPI, or a person in the admin console. */
export const AUDIT_SOURCE = { xapi: 0, console: 1 } as const;

export interface Actor {
  userName: string;
  ip: string;
  source: keyof typeof AUDIT_SOURCE;
}

/** Object type codes: one per kind of object, stable across runs (sorted set names, from 1). */
export function objectTypeCode(kinds: readonly string[], kind: string): number {
  const at = kinds.indexOf(kind);
  return at < 0 ? 0 : at + 1;
}

export interface AuditEntry {
  actor: Actor;
  objectType: number;
  objectName: string;
  action: AuditAction;
  prev?: Entity | null;
  next?: Entity | null;
  at: number;
}

/** Only the fields that differ, from each side. */
export function changedFields(before: Entity, after: Entity): { prev: Entity; next: Entity } {
  const prev: Entity = {};
  const next: Entity = {};
  for (const name of Object.keys(after)) {
    if (JSON.stringify(before[name]) === JSON.stringify(after[name])) continue;
    prev[name] = before[name] ?? null;
    next[name] = after[name];
  }
  return { prev, next };
}

export function appendAudit(state: SimState, entry: AuditEntry): Entity {
  const rows = state.reports[AUDIT_REPORT] ?? [];
  state.reports[AUDIT_REPORT] = rows;
  const newest = rows[0]?.Id;
  const id = typeof newest === 'number' ? newest + 1 : 1;
  const row: Entity = {
    Id: id,
    Timestamp: new Date(entry.at).toISOString(),
    UserName: entry.actor.userName,
    Ip: entry.actor.ip,
    Source: AUDIT_SOURCE[entry.actor.source],
    ObjectType: entry.objectType,
    ObjectName: entry.objectName,
    Action: AUDIT_ACTION[entry.action],
    PrevData: entry.prev ? JSON.stringify(entry.prev) : null,
    NewData: entry.next ? JSON.stringify(entry.next) : null,
  };
  // Newest first, as the console's audit log lists it.
  rows.unshift(row);
  return row;
}
