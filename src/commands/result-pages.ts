import { randomUUID } from 'node:crypto';
import type { Outcome } from '../pipeline';

type Done = Extract<Outcome, { kind: 'done' }>;

interface Entry {
  owner: string;
  outcome: Done;
  json: boolean;
  expires: number;
  rows: number;
}

/**
 * Read results kept for a while so Next/Previous can page through them without asking 3CX again. Buttons carry
 * only an id; the rows stay here, and only the person who asked may page them. Bounded by the number of lists and
 * by the rows they hold together, so a busy channel listing thousands of users cannot grow the process without
 * limit: the oldest lists go first (the newest is kept even when it alone is over the bound).
 */
export class ResultPages {
  private readonly entries = new Map<string, Entry>();
  private rows = 0;

  constructor(
    private readonly capacity = 200,
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxRows = 100_000,
  ) {}

  keep(owner: string, outcome: Done, json: boolean): string {
    const id = randomUUID();
    const rows = rowCount(outcome.result.data);
    this.entries.set(id, { owner, outcome, json, expires: this.now() + this.ttlMs, rows });
    this.rows += rows;
    while (this.entries.size > 1 && (this.entries.size > this.capacity || this.rows > this.maxRows)) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    return id;
  }

  get(id: string, user: string): { outcome: Done; json: boolean } | 'expired' | 'not_owner' {
    const entry = this.entries.get(id);
    if (!entry || entry.expires <= this.now()) {
      this.drop(id);
      return 'expired';
    }
    if (entry.owner !== user) return 'not_owner';
    return { outcome: entry.outcome, json: entry.json };
  }

  /** Rows held, over every kept list. */
  get size(): { lists: number; rows: number } {
    return { lists: this.entries.size, rows: this.rows };
  }

  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.rows -= entry.rows;
    this.entries.delete(id);
  }
}

/** As the list renderer reads 3CX's answer: an OData `{ value: [...] }`, or a bare array from a function. */
function rowCount(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  const value = (data as { value?: unknown } | null | undefined)?.value;
  return Array.isArray(value) ? value.length : 1;
}
