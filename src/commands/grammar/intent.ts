import type { ModalOverrides } from '../../views/modal';
import type { EntityIntent } from './entity';
import type { ScheduleIntent } from './schedule';
import type { Tokens } from './tokenize';
import type { ViewIntent } from './views';
import type { WatchIntent } from './watch';

/** What a `/3cx` text asks for, before any permission check or 3CX call. */
export type Intent =
  | { kind: 'run'; key: string; args: Record<string, unknown>; body?: unknown; flags: OutputFlags }
  | {
      kind: 'modal';
      key: string;
      args: Record<string, string>;
      overrides?: ModalOverrides;
      fill?: 'services';
    }
  | { kind: 'help'; topic?: string }
  | { kind: 'search'; query: string }
  | { kind: 'mcu' }
  | { kind: 'audit'; limit: number; userId?: string; operation?: string }
  | EntityIntent
  | ViewIntent
  | ScheduleIntent
  | WatchIntent
  | FleetIntent
  | { kind: 'error'; message: string };

/**
 * `fleet status`, or `fleet <read command>`: the same read on every PBX the person may read. `inner` is the read,
 * parsed as if typed alone; `text` is that command as typed.
 */
export interface FleetIntent {
  kind: 'fleet';
  inner?: Intent;
  text: string;
  flags: OutputFlags;
}

export interface OutputFlags {
  /** `--json`: 3CX's raw answer. */
  json: boolean;
  /** `--file`: a long list as a CSV file. */
  file: boolean;
}

/** A curated command: a thin alias that turns words into an Intent for one or a few operations. */
export interface CuratedCommand {
  name: string;
  /** Operation keys it can run: help lists the command only to people allowed at least one. */
  operations: string[];
  usage: string[];
  example: string;
  summary: string;
  parse(tokens: Tokens, rest: string[]): Intent;
}

export function flagsOf(tokens: Tokens): OutputFlags {
  return { json: tokens.flags.has('json'), file: tokens.flags.has('file') };
}

export function pairsToArgs(tokens: Tokens): Record<string, string> {
  const args: Record<string, string> = {};
  for (const { key, value } of tokens.pairs) args[key] = value;
  return args;
}

/** Curated commands take the inner object (`{"CompanyName":…}`); a JSON that already has the outer key is whole. */
export function wrapBody(json: string | undefined, outerKey: string): unknown {
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && outerKey in parsed)
      return parsed;
    return { [outerKey]: parsed };
  } catch {
    // Left as text: validation reports the JSON error with its position.
    return { [outerKey]: json };
  }
}
