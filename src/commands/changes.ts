import type { Requester } from '../pipeline';
import { changesMessage } from '../views/replies';
import { attributed, FEED_OPERATION, parseFeed, sinceFilter } from '../watch/change-feed';
import type { BotContext, ReplyTarget } from './context';
import { deliverOutcome } from './deliver';
import type { WatchIntent } from './grammar/watch';
import { replyPrivately } from './reply';

const SHOWN = 100;

/** `/3cx changes …`: a read through the pipeline like any other, shown in people's words. */
export async function showChanges(
  ctx: BotContext,
  intent: Extract<WatchIntent, { kind: 'changes' }>,
  requester: Requester,
  target: ReplyTarget,
): Promise<void> {
  const now = (ctx.now ?? Date.now)();
  const since = intent.since ?? now - (intent.backMs ?? 86_400_000);
  const outcome = await ctx.pipeline.run({
    id: ctx.newRequestId(),
    pbx: ctx.pbx,
    key: FEED_OPERATION,
    args: { $filter: sinceFilter(since), $top: String(SHOWN) },
    requester,
    channel: target.channel,
    source: 'command',
  });
  if (outcome.kind !== 'done') return deliverOutcome(ctx, target, outcome);
  const entries = await attributed(ctx.store, ctx.catalogue, parseFeed(outcome.result.data));
  await replyPrivately(target, changesMessage(entries, ctx.pbx, intent.label), ctx.logger);
}
