/**
 * One watched thing's alert state. A new state is announced only once two polls in a row have seen it, so a
 * one-poll blip says nothing; everything starts out as `ok`, so a thing already down alerts after two polls.
 */

export const POLLS_TO_CONFIRM = 2;

export interface Tracked {
  confirmed?: string;
  seen?: string;
  seenCount: number;
}

export interface Advanced {
  confirmed: string;
  seen: string;
  seenCount: number;
  /** Set when this poll confirmed a change: announce it. */
  changed?: { from: string; to: string };
}

export function advance(prev: Tracked, observed: string): Advanced {
  const confirmed = prev.confirmed ?? 'ok';
  if (observed === confirmed) return { confirmed, seen: observed, seenCount: 0 };
  const seenCount = prev.seen === observed ? prev.seenCount + 1 : 1;
  if (seenCount >= POLLS_TO_CONFIRM) {
    return { confirmed: observed, seen: observed, seenCount: 0, changed: { from: confirmed, to: observed } };
  }
  return { confirmed, seen: observed, seenCount };
}
