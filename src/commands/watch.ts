import { randomBytes } from 'node:crypto';
import type { Requester } from '../pipeline';
import type { WatchRecord } from '../store';
import {
  type AlertView,
  alertMessage,
  errorMessage,
  unwatchedMessage,
  type WatchLine,
  watchListMessage,
  watchSetMessage,
} from '../views/replies';
import { watchKind } from '../watch/kinds';
import type { BotContext, ReplyTarget } from './context';
import type { WatchIntent } from './grammar/watch';
import { replyInChannel, replyPrivately } from './reply';

const MUTE_MS = 3_600_000;

/**
 * `/3cx watch …` and `unwatch`: a watch needs the `watch` permission word and every read operation its kind
 * polls, so nobody learns through an alert what they could not read themselves.
 */
export async function handleWatch(
  ctx: BotContext,
  intent: WatchIntent,
  requester: Requester,
  target: ReplyTarget,
): Promise<void> {
  const log = ctx.logger;
  const book = ctx.store.watches;
  switch (intent.kind) {
    case 'watch-list': {
      const list = await book.listByChannel(target.channel, ctx.pbx);
      return replyPrivately(target, watchListMessage(ctx.pbx, list.map(line)), log);
    }
    case 'unwatch': {
      const w = await book.get(intent.id);
      if (!w || w.channel !== target.channel || w.pbx !== ctx.pbx) {
        return replyPrivately(
          target,
          errorMessage(
            `No watch ${intent.id} in this channel. \`/3cx watch list\` shows what is watched here.`,
          ),
          log,
        );
      }
      const denied = await missing(ctx, requester.userId, w.kind);
      if (denied && w.createdBy !== requester.userId) {
        return replyPrivately(
          target,
          errorMessage(`Stopping watch ${w.id} needs the \`${denied}\` permission.`),
          log,
        );
      }
      if (await book.remove(w.id, now(ctx)))
        await replyInChannel(target, unwatchedMessage(line(w), requester.userId), log);
      return;
    }
    case 'watch': {
      const denied = await missing(ctx, requester.userId, intent.what);
      if (denied) {
        return replyPrivately(
          target,
          errorMessage(
            `You may not set this watch: it needs the \`${denied}\` permission. Nothing is watched. Ask an admin to give you a role that allows it in BOT_CONFIG.`,
          ),
          log,
        );
      }
      const existing = (await book.listByChannel(target.channel, ctx.pbx)).find(
        (w) => w.kind === intent.what && JSON.stringify(w.options) === JSON.stringify(intent.options),
      );
      if (existing) {
        return replyPrivately(
          target,
          errorMessage(
            `This channel already watches that (watch ${existing.id}). \`/3cx unwatch ${existing.id}\` stops it.`,
          ),
          log,
        );
      }
      const rec: WatchRecord = {
        id: `w${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6)}`,
        pbx: ctx.pbx,
        channel: target.channel,
        kind: intent.what,
        options: intent.options,
        createdBy: requester.userId,
        createdAt: now(ctx),
      };
      await book.add(rec);
      ctx.logger.info(
        { watch: rec.id, kind: rec.kind, channel: rec.channel, user: rec.createdBy },
        'watch set',
      );
      await replyInChannel(target, watchSetMessage(line(rec)), log);
      return;
    }
  }
}

/** An alert's buttons: the first Acknowledge names who; Mute 1 h holds back a new alert of it for an hour. */
export async function handleAlertButton(
  ctx: BotContext,
  action: 'ack' | 'mute',
  value: string,
  target: ReplyTarget,
  messageTs: string | undefined,
): Promise<void> {
  const log = ctx.logger;
  const [watchId = '', subject = ''] = value.split('|');
  const w = await ctx.store.watches.get(watchId);
  const state = w ? await ctx.store.watches.state(watchId, subject) : undefined;
  if (!w || !state) {
    return replyPrivately(target, errorMessage('That watch has been stopped; nothing to do.'), log);
  }
  const denied = await missing(ctx, target.userId, w.kind);
  if (denied) {
    return replyPrivately(
      target,
      errorMessage(`Acting on this alert needs the \`${denied}\` permission.`),
      log,
    );
  }
  if (action === 'ack') {
    if (!(await ctx.store.watches.acknowledge(watchId, subject, target.userId))) {
      return replyPrivately(
        target,
        errorMessage(`<@${state.ackedBy ?? 'someone'}> has already acknowledged it.`),
        log,
      );
    }
    state.ackedBy = target.userId;
  } else {
    state.mutedUntil = now(ctx) + MUTE_MS;
    await ctx.store.watches.mute(watchId, subject, state.mutedUntil);
  }
  const ts = state.alertTs ?? messageTs;
  if (!ts) return;
  const view: AlertView = {
    watchId,
    subject,
    pbx: w.pbx,
    label: state.label ?? subject,
    detail: state.detail ?? '',
    since: state.alertAt ?? now(ctx),
  };
  if (state.ackedBy) view.ackedBy = state.ackedBy;
  if (state.mutedUntil && state.mutedUntil > now(ctx)) view.mutedUntil = state.mutedUntil;
  const msg = alertMessage(view);
  await target.client.chat
    .update({ channel: w.channel, ts, text: msg.text, blocks: msg.blocks })
    .catch((err: unknown) => log.warn({ err }, 'alert could not be updated after a click'));
}

/** The first permission a person lacks for a watch kind, or undefined. */
async function missing(ctx: BotContext, userId: string, kindName: string): Promise<string | undefined> {
  const kind = watchKind(kindName);
  if (!kind) return kindName;
  const { groups } = await ctx.groups.groupsOf(userId);
  const who = { userId, groups };
  const word = ctx.policy.checkWord(who, 'watch', ctx.pbx);
  if (!word.allowed) return 'watch';
  for (const key of kind.operations) {
    const op = ctx.catalogue.get(key);
    if (!op || !ctx.policy.checkOperation(who, op, ctx.pbx).allowed) return key;
  }
  return undefined;
}

function line(w: WatchRecord): WatchLine {
  return {
    id: w.id,
    what: watchKind(w.kind)?.describe(w.options) ?? w.kind,
    pbx: w.pbx,
    createdBy: w.createdBy,
  };
}

const now = (ctx: BotContext) => (ctx.now ?? Date.now)();
