import type { WebClient } from '@slack/web-api';
import { errorMessage } from '../../views/replies';
import type { BotContext, ReplyTarget } from '../context';
import { actionKey, claimOnce, STORE_UNAVAILABLE } from '../once';
import { type BlockActionPayload, blockActionPayload } from '../payloads';
import { replyPrivately } from '../reply';

/** What every button listener needs from a `block_actions` payload: who clicked what, and where to answer. */
export interface Click {
  payload: BlockActionPayload;
  action: BlockActionPayload['actions'][number] | undefined;
  /** The button's value; an empty string when the button had none. */
  value: string;
  target: ReplyTarget;
  messageTs: string | undefined;
}

/** Undefined for a payload that is not a click we can answer (already acked; logged for the record). */
export function readClick(body: unknown, client: WebClient, ctx: BotContext): Click | undefined {
  const parsed = blockActionPayload.safeParse(body);
  if (!parsed.success) {
    ctx.logger.warn(
      { problems: parsed.error.issues.length },
      'button click refused: not a block_actions payload',
    );
    return undefined;
  }
  const p = parsed.data;
  const action = p.actions[0];
  return {
    payload: p,
    action,
    value: action?.value ?? '',
    target: {
      client,
      userId: p.user.id,
      channel: p.channel?.id ?? p.container?.channel_id ?? '',
      ...(p.response_url ? { responseUrl: p.response_url } : {}),
    },
    messageTs: p.message?.ts ?? p.container?.message_ts,
  };
}

/**
 * Claims the click so a repeated delivery runs nothing twice. False means stop: a duplicate (already handled)
 * or a store that cannot be reached (the clicker has been told).
 */
export async function claimClick(ctx: BotContext, click: Click): Promise<boolean> {
  const claimed = await claimOnce(ctx, actionKey(click.payload));
  if (claimed === 'unavailable')
    await replyPrivately(click.target, errorMessage(STORE_UNAVAILABLE), ctx.logger);
  return claimed === 'first';
}
