import { randomUUID } from 'node:crypto';
import type { Outcome } from '../pipeline';

type Done = Extract<Outcome, { kind: 'done' }>;

interface Entry {
  owner: string;
  outcome: Done;
  json: boolean;
  expires: number;
}

/**
 * Read results kept for a while so Next/Previous can page through them without asking 3CX again. Buttons carry
 * only an id; the rows stay here, and only the person who asked may page them.
 */
export class ResultPages {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = 200,
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  keep(owner: string, outcome: Done, json: boolean): string {
    const id = randomUUID();
    this.entries.set(id, { owner, outcome, json, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return id;
  }

  get(id: string, user: string): { outcome: Done; json: boolean } | 'expired' | 'not_owner' {
    const entry = this.entries.get(id);
    if (!entry || entry.expires <= this.now()) {
      this.entries.delete(id);
      return 'expired';
    }
    if (entry.owner !== user) return 'not_owner';
    return { outcome: entry.outcome, json: entry.json };
  }
}
