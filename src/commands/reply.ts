import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OperationRequest } from '../pipeline';
import { postToResponseUrl, ResponseUrlRefused } from '../slack/response-url';
import { errorMessage, type FileReply, type SlackMessage } from '../views/replies';
import type { ReplyTarget } from './context';

/**
 * The three ways a listener answers. Whatever fails on the way, the person still learns the outcome: a channel
 * post that Slack refuses falls back to a private message, and a private message falls back from response_url to
 * chat.postEphemeral.
 */

/** To the invoker only. */
export async function replyPrivately(
  target: ReplyTarget,
  message: SlackMessage,
  logger: Logger,
  replaceOriginal = false,
): Promise<void> {
  if (target.responseUrl) {
    try {
      await postToResponseUrl(
        target.responseUrl,
        {
          response_type: 'ephemeral',
          replace_original: replaceOriginal,
          text: message.text,
          blocks: message.blocks,
        },
        { slackApiUrl: target.client.slackApiUrl },
      );
      return;
    } catch (err) {
      if (err instanceof ResponseUrlRefused)
        logger.warn(
          { origin: err.origin, user: target.userId },
          'response_url refused: not a Slack address; answering with chat.postEphemeral',
        );
      else
        logger.warn(
          { err: (err as Error).message },
          'response_url refused the reply; trying chat.postEphemeral',
        );
    }
  }
  try {
    await target.client.chat.postEphemeral({
      channel: target.channel,
      user: target.userId,
      text: message.text,
      blocks: message.blocks,
    });
  } catch (err) {
    logger.error({ err: slackError(err), channel: target.channel }, 'could not reach the invoker at all');
  }
}

/** To the channel, for everyone; returns the message ts when it was posted. */
export async function replyInChannel(
  target: ReplyTarget,
  message: SlackMessage,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const posted = await target.client.chat.postMessage({
      channel: target.channel,
      text: message.text,
      blocks: message.blocks,
    });
    return typeof posted.ts === 'string' ? posted.ts : undefined;
  } catch (err) {
    const code = slackError(err);
    logger.warn(
      { err: code, channel: target.channel },
      'channel confirmation refused; telling the invoker instead',
    );
    const hint =
      code === 'not_in_channel' || code === 'channel_not_found'
        ? 'invite the bot to this channel (/invite @3CX) so everyone sees these confirmations'
        : 'the confirmation is kept in the audit log';
    await replyPrivately(
      target,
      {
        text: `${message.text} (posted only to you: Slack said ${code}; ${hint})`,
        blocks: [
          ...message.blocks,
          noteBlock(`Only you can see this: Slack refused the channel post (${code}); ${hint}.`),
        ],
      },
      logger,
    );
    return undefined;
  }
}

/** Files hold read results, which are for the invoker only: they go to a direct message with the bot. */
export async function uploadFile(target: ReplyTarget, file: FileReply, logger: Logger): Promise<void> {
  try {
    const dm = await target.client.conversations.open({ users: target.userId });
    const channel = dm.channel?.id;
    if (!channel)
      throw Object.assign(new Error('no direct message channel'), { data: { error: 'channel_not_found' } });
    await target.client.files.uploadV2({
      channel_id: channel,
      filename: file.filename,
      content: file.content,
      title: file.title,
      initial_comment: file.comment,
    });
    await replyPrivately(
      target,
      {
        text: `${file.filename} is in your direct messages with the bot.`,
        blocks: [noteBlock(`📎 ${file.filename} is in your direct messages with the bot.`)],
      },
      logger,
    );
  } catch (err) {
    const code = slackError(err);
    logger.warn({ err: code }, 'file upload failed');
    await replyPrivately(
      target,
      {
        text: `The file could not be uploaded (Slack said ${code}).`,
        blocks: [
          noteBlock(
            `The file ${file.filename} could not be uploaded: Slack said ${code}. The app needs the files:write and im:write scopes.`,
          ),
        ],
      },
      logger,
    );
  }
}

/**
 * The person whose 3CX call was cut off at shutdown hears it privately where they asked (the response_url went
 * with the listener that is being cut off): whether 3CX applied it is unknown, so they should look before running
 * it again.
 */
export async function tellInterrupted(
  client: WebClient,
  request: OperationRequest,
  logger: Logger,
): Promise<void> {
  const message = errorMessage(
    `The bot was stopping while \`${request.key}\` ran on ${request.pbx} and could not wait for 3CX's answer, so ` +
      `it may or may not have been applied. Check on the PBX before running it again (request ${request.id}).`,
  );
  await client.chat
    .postEphemeral({ channel: request.channel, user: request.requester.userId, ...message })
    .catch((err: unknown) =>
      logger.warn(
        { err: slackError(err), requestId: request.id },
        'could not tell of the call cut off at shutdown',
      ),
    );
}

export function slackError(err: unknown): string {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : ((err as Error | undefined)?.message ?? 'unknown error');
}

function noteBlock(text: string) {
  return { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text }] };
}
