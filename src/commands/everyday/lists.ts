import { resolveRef } from '../../entities/resolve';
import { entitiesOf } from '../../entities/rows';
import { odataText } from '../../entities/search';
import {
  backupsMessage,
  callsMessage,
  historyMessage,
  phonesMessage,
  trunksMessage,
} from '../../views/replies/everyday-lists';
import { displayName } from '../../words/names';
import { startOfDay } from '../../words/time';
import type { HistoryPeriod } from '../grammar/views';
import type { Obj, ViewSession } from './session';

/** A screenful of each view; the context line says how many more there are. */
const SHOWN = 25;
/** Phones: the unregistered ones matter, and a big PBX has many registered ones: at most this many of each. */
const PHONES_TOP = 25;

export async function showCalls(s: ViewSession): Promise<void> {
  const found = await s.rows(
    'ActiveCalls.ListActiveCall',
    s.known('ActiveCalls.ListActiveCall', { $top: String(SHOWN), $count: 'true' }),
  );
  if (!found.ok) return s.fail(found.outcome);
  return s.reply(callsMessage(found.rows, found.count ?? found.rows.length, s.ctx.pbx, s.words));
}

export async function showTrunks(s: ViewSession): Promise<void> {
  const found = await s.rows(
    'Trunks.ListTrunk',
    s.known('Trunks.ListTrunk', { $top: '100', $count: 'true' }),
  );
  if (!found.ok) return s.fail(found.outcome);
  return s.reply(trunksMessage(found.rows, found.count ?? found.rows.length, s.ctx.pbx));
}

/**
 * Two filtered reads instead of the whole user list: the extensions whose phones are not registered (what needs
 * attention), then a page of the registered ones, each with 3CX's count.
 */
export async function showPhones(s: ViewSession): Promise<void> {
  const select = 'Id,Number,FirstName,LastName,DisplayName,IsRegistered,Enabled,Phones';
  const ask = (registered: boolean) =>
    s.rows(
      'Users.ListUser',
      s.known('Users.ListUser', {
        $filter: `IsRegistered eq ${registered}`,
        $top: String(PHONES_TOP),
        $count: 'true',
        $orderby: 'Number',
        $select: select,
      }),
    );
  const [down, up] = await Promise.all([ask(false), ask(true)]);
  if (!down.ok) return s.fail(down.outcome);
  if (!up.ok) return s.fail(up.outcome);
  return s.reply(
    phonesMessage(
      { rows: down.rows, total: down.count ?? down.rows.length },
      { rows: up.rows, total: up.count ?? up.rows.length },
      s.ctx.pbx,
    ),
  );
}

export async function showBackups(s: ViewSession): Promise<void> {
  const found = await s.rows(
    'Backups.ListBackups',
    s.known('Backups.ListBackups', { $top: String(SHOWN), $count: 'true', $orderby: 'CreationTime desc' }),
  );
  if (!found.ok) return s.fail(found.outcome);
  return s.reply(backupsMessage(found.rows, found.count ?? found.rows.length, s.ctx.pbx, s.words));
}

const PERIOD_MS: Record<Exclude<HistoryPeriod, 'today'>, number> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

/**
 * `history [ref] [today|24h|7d]` from the call log report. A reference is resolved to an extension first (its
 * number as typed, or a user by name, email or mention) and the report is filtered on that number.
 */
export async function showHistory(s: ViewSession, period: HistoryPeriod, ref?: string): Promise<void> {
  const words = s.words;
  const now = words.now ?? Date.now();
  const from = period === 'today' ? startOfDay(words).getTime() : now - PERIOD_MS[period];
  let who: { number: string; name: string } | undefined;
  if (ref) {
    who = await extensionOf(s, ref);
    if (!who) return;
  }
  const args: Record<string, unknown> = {
    periodFrom: new Date(from).toISOString(),
    periodTo: new Date(now).toISOString(),
    sourceType: '0',
    sourceFilter: null,
    destinationType: '0',
    destinationFilter: null,
    callsType: '0',
    callTimeFilterType: '0',
    callTimeFilterFrom: null,
    callTimeFilterTo: null,
    hidePcalls: 'true',
    $top: String(SHOWN),
    $count: 'true',
    $orderby: 'StartTime desc',
  };
  if (who) args.$filter = `SourceDn eq ${odataText(who.number)} or DestinationDn eq ${odataText(who.number)}`;
  const found = await s.rows(
    'ReportCallLogData.GetCallLogData',
    s.known('ReportCallLogData.GetCallLogData', args),
  );
  if (!found.ok) return s.fail(found.outcome);
  return s.reply(
    historyMessage(found.rows, found.count ?? found.rows.length, {
      pbx: s.ctx.pbx,
      period,
      words,
      ...(who ? { who: who.name } : {}),
    }),
  );
}

async function extensionOf(
  s: ViewSession,
  ref: string,
): Promise<{ number: string; name: string } | undefined> {
  // Digits are a number on the PBX (an extension, queue or trunk): the report is filtered on it as typed.
  if (/^\d+$/.test(ref.trim())) return { number: ref.trim(), name: ref.trim() };
  const row = entitiesOf(s.ctx.catalogue).bySetName('Users');
  if (!row) return { number: ref, name: ref };
  const read = async (key: string, args: Record<string, unknown>) => {
    const outcome = await s.run(key, args);
    return outcome.kind === 'done'
      ? { ok: true as const, data: outcome.result.data }
      : { ok: false as const, reason: outcome };
  };
  const found = await resolveRef({ read }, row, ref);
  switch (found.kind) {
    case 'one': {
      const number = found.object.Number;
      return { number: String(number ?? ''), name: displayName(found.object as Obj, row) };
    }
    case 'many': {
      const names = found.candidates.map(
        (c) => `${displayName(c, row)}: \`/3cx history ${String(c.Number)}\``,
      );
      await s.say(`"${ref}" matches several users:\n${names.join('\n')}`);
      return undefined;
    }
    case 'none': {
      const guesses = found.suggestions.map((g) => `\`${g}\``).join(', ');
      await s.say(
        `${found.message}${guesses ? ` Did you mean ${guesses}?` : ''} \`/3cx find ${ref}\` looks everywhere.`,
      );
      return undefined;
    }
    case 'failed':
      await s.fail(found.reason as Parameters<ViewSession['fail']>[0]);
      return undefined;
  }
}
