import { WATCH_KINDS, watchKind } from '../../watch/kinds';

/** `watch <what> [options]`, `watch list`, `unwatch <id>`. */
export type WatchIntent =
  | { kind: 'watch'; what: string; options: Record<string, unknown> }
  | { kind: 'watch-list' }
  | { kind: 'unwatch'; id: string }
  /** `changes [24h|7d|since …]`: `since` is epoch ms when absolute, `backMs` a span before now otherwise. */
  | { kind: 'changes'; backMs?: number; since?: number; label: string };

const KINDS = WATCH_KINDS.map((k) => k.name).join(', ');

export function parseWatch(words: string[]): WatchIntent | { kind: 'error'; message: string } {
  const [what, ...options] = words;
  if (what === undefined) {
    return {
      kind: 'error',
      message: `Say what to watch: one of ${KINDS}, e.g. \`/3cx watch trunks\`. \`/3cx watch list\` shows what is watched here.`,
    };
  }
  if (what.toLowerCase() === 'list' && options.length === 0) return { kind: 'watch-list' };
  const kind = watchKind(what);
  if (!kind)
    return { kind: 'error', message: `"${what}" is not something I can watch; I can watch ${KINDS}.` };
  const parsed = kind.parseOptions(options);
  if (typeof parsed === 'string') return { kind: 'error', message: parsed };
  return { kind: 'watch', what: kind.name, options: parsed };
}

export function parseUnwatch(words: string[]): WatchIntent | { kind: 'error'; message: string } {
  const [id, ...extra] = words;
  if (!id || extra.length > 0) {
    return {
      kind: 'error',
      message: 'Say which watch to stop: `/3cx unwatch <id>` (ids are in `/3cx watch list`).',
    };
  }
  return { kind: 'unwatch', id: id.toLowerCase() };
}

const SPAN = /^(\d+)([hd])$/i;

/** `changes`, `changes 24h`, `changes 7d`, `changes since 2026-12-01 [08:00]` (UTC, as 3CX stores it). */
export function parseChanges(words: string[]): WatchIntent | { kind: 'error'; message: string } {
  const usage =
    'Use `/3cx changes`, `/3cx changes 24h`, `/3cx changes 7d` or `/3cx changes since 2026-12-01`.';
  const [first, ...rest] = words;
  if (first === undefined) return { kind: 'changes', backMs: 86_400_000, label: 'in the last 24 h' };
  const span = SPAN.exec(first);
  if (span && rest.length === 0) {
    const n = Number(span[1]);
    const unit = (span[2] ?? 'h').toLowerCase();
    const ms = n * (unit === 'd' ? 86_400_000 : 3_600_000);
    if (n < 1 || ms > 90 * 86_400_000)
      return { kind: 'error', message: `Give a span from 1h to 90d. ${usage}` };
    return { kind: 'changes', backMs: ms, label: `in the last ${n} ${unit === 'd' ? 'days' : 'h'}` };
  }
  if (first.toLowerCase() === 'since' && rest.length >= 1 && rest.length <= 2) {
    const text = `${rest[0]}T${rest[1] ?? '00:00'}:00Z`;
    const since = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/.test(text) ? Date.parse(text) : Number.NaN;
    if (!Number.isFinite(since))
      return { kind: 'error', message: `"${rest.join(' ')}" is not a date and time. ${usage}` };
    return { kind: 'changes', since, label: `since ${rest.join(' ')} UTC` };
  }
  return { kind: 'error', message: `"${words.join(' ')}" is not a span. ${usage}` };
}

export const WATCH_HELP = {
  name: 'watch',
  usage: ['watch <what> [options]', 'watch list', 'unwatch <id>'],
  example: 'watch trunks',
  summary: `alerts in this channel when the PBX changes: ${KINDS} (permission \`watch\`)`,
};

export const CHANGES_HELP = {
  name: 'changes',
  usage: ['changes [24h|7d|since <YYYY-MM-DD> [HH:MM]]'],
  example: 'changes 24h',
  summary: "who changed what on the PBX, field by field before → after, from the PBX's own audit log",
};
