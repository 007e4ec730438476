import { WATCH_KINDS, watchKind } from '../../watch/kinds';

/** `watch <what> [options]`, `watch list`, `unwatch <id>`. */
export type WatchIntent =
  | { kind: 'watch'; what: string; options: Record<string, unknown> }
  | { kind: 'watch-list' }
  | { kind: 'unwatch'; id: string };

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
