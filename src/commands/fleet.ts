import { userMessage } from '../api/errors';
import { type EntityRow, entitiesOf } from '../entities/rows';
import { wordsFilter } from '../entities/search';
import { maskSecrets, type Outcome } from '../pipeline';
import { csvFile, errorMessage } from '../views/replies';
import { peopleRows } from '../views/replies/entity-list';
import { type FleetAnswer, fleetMessage, fleetStatusRow } from '../views/replies/fleet';
import { chooseColumns } from '../views/replies/table';
import { type BotContext, onPbx, type ReplyTarget } from './context';
import { FIND_TOP, openCommand } from './everyday/find';
import type { FleetIntent, Intent } from './grammar/intent';
import { FIND_SETS } from './grammar/views';
import { firstDelivery, type Invocation, makeRequest } from './intent-handler';
import { replyPrivately, slackError, uploadFile } from './reply';

/**
 * `fleet status` and `fleet <read>`: the same read on every PBX the person may read, in parallel within a bound,
 * as one table with a PBX column. A PBX that is slow or down does not hold up the others: past a second the table
 * so far is posted in the person's direct messages with the bot and updated (chat.update) as PBXs answer, and
 * the ones that did not are named with the reason.
 */

/** PBXs read at once: each PBX's own client also keeps its own cap. */
export const FLEET_CONCURRENCY = 16;
/** An answer not complete by then is shown as it grows. */
export const FLEET_PROGRESS_MS = 1_000;
/** Progress edits at most this often (Slack allows about one update a second per message). */
const UPDATE_EVERY_MS = 1_000;

type Obj = Record<string, unknown>;

/** One PBX's part of the answer: rows, or why there are none. */
type Part = { pbx: string; rows: Obj[]; columns: string[]; total?: number } | { pbx: string; failed: string };

interface FleetRead {
  /** The command's words for the title. */
  title: string;
  /** Names the CSV file. */
  fileKey: string;
  read(ctx: BotContext, inv: Invocation): Promise<Part>;
}

export async function runFleet(
  bot: BotContext,
  intent: FleetIntent,
  inv: Invocation,
  target: ReplyTarget,
): Promise<void> {
  const plan = planFor(bot, intent);
  if (typeof plan === 'string') return replyPrivately(target, errorMessage(plan), bot.logger);
  if (!(await firstDelivery(bot, inv, target))) return;
  const lookup = await bot.groups.groupsOf(inv.requester.userId);
  const who = { userId: inv.requester.userId, groups: lookup.groups };
  const pbxs = bot.pbxs.names().filter((pbx) => bot.policy.appliesOn(who, pbx));
  if (pbxs.length === 0) {
    const text =
      'No role of yours applies on any PBX of this bot, so there is nothing to read. Ask an admin to give you a ' +
      `role in BOT_CONFIG (PBXs: ${bot.pbxs.names().join(', ')}).${lookup.unavailable ? ` ${lookup.unavailable}` : ''}`;
    return replyPrivately(target, errorMessage(text), bot.logger);
  }
  const started = bot.now?.() ?? Date.now();
  const parts = new Map<string, Part>();
  const answer = (): FleetAnswer => ({
    title: plan.title,
    pbxs,
    parts: pbxs.map((p) => parts.get(p)).filter((p): p is Part => p !== undefined),
    elapsedMs: (bot.now?.() ?? Date.now()) - started,
  });
  const progress = new Progress(bot, target);
  const all = inParallel(pbxs, FLEET_CONCURRENCY, async (pbx) => {
    const part = await plan
      .read(onPbx(bot, pbx), inv)
      .catch(
        (err: unknown): Part => ({ pbx, failed: `the bot failed reading it (${(err as Error).message})` }),
      );
    parts.set(pbx, part);
    progress.changed(answer());
  });
  const quick = await Promise.race([
    all.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), FLEET_PROGRESS_MS).unref()),
  ]);
  if (!quick) await progress.begin(answer());
  await all;
  const done = answer();
  if (intent.flags.file) {
    const rows = done.parts.flatMap((p) => ('rows' in p ? p.rows.map((r) => ({ PBX: p.pbx, ...r })) : []));
    await uploadFile(target, csvFile(`fleet ${plan.fileKey}`, rows, bot.now?.() ?? Date.now()), bot.logger);
  }
  if (progress.started) return progress.finish(done);
  return replyPrivately(target, fleetMessage(done, true), bot.logger);
}

/** What `fleet …` reads on each PBX; a string says why the command cannot run on a fleet. */
function planFor(bot: BotContext, intent: FleetIntent): FleetRead | string {
  const inner = intent.inner;
  if (!inner || (inner.kind === 'view' && inner.view === 'status')) return statusPlan();
  const refuse = `\`fleet ${intent.text}\` is not a read the fleet can run. ${FLEET_USAGE}`;
  switch (inner.kind) {
    case 'entity': {
      if (inner.verb !== 'list') return refuse;
      const words = inner.words[0]?.toLowerCase() === 'find' ? inner.words.slice(1) : inner.words;
      return entityPlan(bot, inner.set, words, intent.text);
    }
    case 'view':
      if (inner.view === 'find') return findPlan(inner.words, intent.text);
      if (inner.view === 'trunks') return entityPlan(bot, 'Trunks', [], intent.text);
      if (inner.view === 'calls') return entityPlan(bot, 'ActiveCalls', [], intent.text);
      if (inner.view === 'backups') return entityPlan(bot, 'Backups', [], intent.text);
      if (inner.view === 'phones') return entityPlan(bot, 'Users', [], intent.text, 'IsRegistered eq false');
      return refuse;
    case 'run': {
      // A change is refused before any PBX is asked, not reported as every PBX failing.
      const op = bot.catalogue.get(inner.key);
      if (op && op.method !== 'GET') return `${refuse} (${op.key} is a change.)`;
      return apiPlan(inner, intent.text);
    }
    default:
      return refuse;
  }
}

export const FLEET_USAGE =
  'It runs `fleet status`, `fleet <entity> [words]` (e.g. `fleet users ann`), `fleet find <words>`, `fleet calls`, ' +
  '`fleet trunks`, `fleet phones`, `fleet backups` and `fleet api <Resource.Operation>` for reads.';

function statusPlan(): FleetRead {
  return {
    title: 'status',
    fileKey: 'status',
    async read(ctx, inv) {
      const outcome = await readAs(ctx, inv, 'SystemStatus.GetSystemStatus', {});
      if (outcome.kind !== 'done') return { pbx: ctx.pbx, failed: reasonOf(outcome) };
      const openAlerts = await ctx.store.watches.openAlerts(ctx.pbx).catch(() => undefined);
      const row = fleetStatusRow((outcome.result.data ?? {}) as Obj, openAlerts, {
        timeZone: ctx.timeZone ?? 'UTC',
        now: ctx.now?.() ?? Date.now(),
      });
      return { pbx: ctx.pbx, rows: [row], columns: Object.keys(row) };
    },
  };
}

function entityPlan(
  bot: BotContext,
  set: string,
  words: string[],
  text: string,
  extraFilter?: string,
): FleetRead | string {
  if (!entitiesOf(bot.catalogue).bySetName(set)) return `\`fleet ${text}\`: ${set} has no list to read.`;
  return {
    title: text,
    fileKey: text,
    async read(ctx, inv) {
      const row = entitiesOf(ctx.catalogue).bySetName(set);
      if (!row) return { pbx: ctx.pbx, failed: `its 3CX version has no ${set}` };
      const filters: string[] = [];
      if (words.length > 0) {
        const filter = wordsFilter(row, words);
        if (filter) filters.push(filter);
      }
      if (extraFilter) filters.push(extraFilter);
      const args = known(ctx, row.ops.list, {
        $top: '100',
        $count: 'true',
        ...(filters.length > 0 ? { $filter: filters.map((f) => `(${f})`).join(' and ') } : {}),
      });
      const outcome = await readAs(ctx, inv, row.ops.list, args);
      if (outcome.kind !== 'done') return { pbx: ctx.pbx, failed: reasonOf(outcome) };
      const { items, total } = itemsOf(outcome);
      const people = peopleRows(row, items);
      return {
        pbx: ctx.pbx,
        rows: people.rows,
        columns: people.columns,
        ...(total !== undefined ? { total } : {}),
      };
    },
  };
}

function findPlan(words: string[], text: string): FleetRead | string {
  if (words.length === 0) return '`fleet find` needs words to look for, e.g. `fleet find ann`.';
  return {
    title: text,
    fileKey: text,
    async read(ctx, inv) {
      const entities = entitiesOf(ctx.catalogue);
      const rows: Obj[] = [];
      const failures: string[] = [];
      for (const set of FIND_SETS) {
        const row = entities.bySetName(set);
        const filter = row ? wordsFilter(row, words) : undefined;
        if (!row || !filter) continue;
        const outcome = await readAs(
          ctx,
          inv,
          row.ops.list,
          known(ctx, row.ops.list, { $filter: filter, $top: String(FIND_TOP) }),
        );
        if (outcome.kind !== 'done') {
          failures.push(reasonOf(outcome));
          continue;
        }
        for (const item of itemsOf(outcome).items.slice(0, FIND_TOP)) rows.push(findRow(row, item));
      }
      if (rows.length === 0 && failures.length > 0) return { pbx: ctx.pbx, failed: failures[0] as string };
      return { pbx: ctx.pbx, rows, columns: ['Kind', 'Name', 'Open with'] };
    },
  };
}

function findRow(row: EntityRow, item: Obj): Obj {
  const people = peopleRows(row, [item]);
  const first = people.rows[0] ?? {};
  const name = first.Name ?? first[people.columns[0] ?? ''] ?? '';
  return { Kind: row.label, Name: name, 'Open with': `${openCommand(row, item)}` };
}

function apiPlan(inner: Extract<Intent, { kind: 'run' }>, text: string): FleetRead | string {
  return {
    title: text,
    fileKey: inner.key,
    async read(ctx, inv) {
      const op = ctx.catalogue.get(inner.key);
      if (op && op.method !== 'GET')
        return { pbx: ctx.pbx, failed: `${op.key} is a change, and fleet runs reads only` };
      const outcome = await readAs(ctx, inv, inner.key, inner.args);
      if (outcome.kind !== 'done') return { pbx: ctx.pbx, failed: reasonOf(outcome) };
      const data = outcome.result.data;
      const { items, total } = itemsOf(outcome);
      const rows = Array.isArray((data as { value?: unknown } | undefined)?.value)
        ? items
        : [maskSecrets(data ?? {}) as Obj];
      return { pbx: ctx.pbx, rows, columns: chooseColumns(rows), ...(total !== undefined ? { total } : {}) };
    },
  };
}

/** Each read goes through the one pipeline as the person who asked: validated, authorized on that PBX, audited. */
function readAs(
  ctx: BotContext,
  inv: Invocation,
  key: string,
  args: Record<string, unknown>,
): Promise<Outcome> {
  return ctx.pipeline.run(makeRequest(ctx, inv, key, args, undefined, 'command'));
}

function known(ctx: BotContext, key: string, args: Record<string, unknown>): Record<string, unknown> {
  const op = ctx.catalogue.get(key);
  if (!op) return args;
  const names = new Set(op.params.map((p) => p.name));
  return Object.fromEntries(Object.entries(args).filter(([k]) => names.has(k)));
}

function itemsOf(outcome: Extract<Outcome, { kind: 'done' }>): { items: Obj[]; total?: number } {
  const data = outcome.result.data as { value?: unknown; '@odata.count'?: unknown } | undefined;
  const value = Array.isArray(data?.value) ? (maskSecrets(data.value) as unknown[]) : [];
  const items = value.filter((v): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v));
  const count = data?.['@odata.count'];
  return typeof count === 'number' ? { items, total: count } : { items };
}

/** Why a PBX gave no rows, in a few words (the denial names what is missing, on which PBX). */
function reasonOf(outcome: Outcome): string {
  if (outcome.kind === 'failed') return userMessage(outcome.error);
  if (outcome.kind === 'denied') return `you may not run ${outcome.missing} there`;
  if (outcome.kind === 'invalid') return outcome.issues.map((i) => i.message).join('; ');
  if (outcome.kind === 'needs_approval') return 'it needs a second person there; run it on that PBX alone';
  return 'no answer';
}

/** Runs `work` over `items`, at most `limit` at once; resolves when all have settled. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * The growing answer in the person's direct message with the bot: posted once past the first second, then edited
 * as PBXs answer (at most once a second), and a last time when every PBX has answered or timed out.
 */
class Progress {
  started = false;
  private channel: string | undefined;
  private ts: string | undefined;
  private latest: FleetAnswer | undefined;
  private lastUpdate = 0;
  private pending: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly bot: BotContext,
    private readonly target: ReplyTarget,
  ) {}

  async begin(answer: FleetAnswer): Promise<void> {
    this.started = true;
    this.latest = answer;
    try {
      const dm = await this.target.client.conversations.open({ users: this.target.userId });
      this.channel = dm.channel?.id;
      if (!this.channel) throw new Error('no direct message channel');
      const message = fleetMessage(answer, false);
      const posted = await this.target.client.chat.postMessage({ channel: this.channel, ...message });
      this.ts = typeof posted.ts === 'string' ? posted.ts : undefined;
      this.lastUpdate = Date.now();
      await replyPrivately(
        this.target,
        {
          text: 'Some PBXs are slow to answer: the table is in your direct messages with the bot, updated as they answer.',
          blocks: [
            {
              type: 'context',
              elements: [
                {
                  type: 'mrkdwn',
                  text: '⏳ Some PBXs are slow to answer: the table is in your direct messages with the bot, updated as they answer.',
                },
              ],
            },
          ],
        },
        this.bot.logger,
      );
    } catch (err) {
      this.bot.logger.warn(
        { err: slackError(err) },
        'fleet progress could not be posted; answering at the end',
      );
      this.channel = undefined;
    }
  }

  changed(answer: FleetAnswer): void {
    this.latest = answer;
    if (!this.ts || this.pending) return;
    const wait = Math.max(0, this.lastUpdate + UPDATE_EVERY_MS - Date.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.chain = this.chain.then(() => this.update(false));
    }, wait);
    this.pending.unref();
  }

  async finish(answer: FleetAnswer): Promise<void> {
    this.latest = answer;
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    await this.chain;
    if (!this.ts) return replyPrivately(this.target, fleetMessage(answer, true), this.bot.logger);
    await this.update(true);
  }

  private async update(final: boolean): Promise<void> {
    if (!this.channel || !this.ts || !this.latest) return;
    this.lastUpdate = Date.now();
    try {
      await this.target.client.chat.update({
        channel: this.channel,
        ts: this.ts,
        ...fleetMessage(this.latest, final),
      });
    } catch (err) {
      this.bot.logger.warn({ err: slackError(err) }, 'fleet progress could not be updated');
    }
  }
}
