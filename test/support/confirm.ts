import type { SlackStandIn } from './slack-stand-in';

/**
 * Dangerous writes (DESIGN §4) first ask the person with Confirm/Cancel. These helpers play the person who reads
 * the question and presses a button, so tests of what happens after the write read as the exchange does.
 */

interface Clicker {
  slack: SlackStandIn;
  click(
    actionId: string,
    value: string,
    opts?: { user?: string },
  ): Promise<{ status: number; replyId: string }>;
}

/** The value of the Confirm button in a reply (as the stand-in recorded it), or undefined when none was asked. */
export function confirmValue(reply: unknown): string | undefined {
  const find = (node: unknown): string | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const v = find(n);
        if (v !== undefined) return v;
      }
      return undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    const o = node as Record<string, unknown>;
    if (o.action_id === 'confirm_run' && typeof o.value === 'string') return o.value;
    return find(Object.values(o));
  };
  return find(reply);
}

/**
 * Waits for the question to the command's response_url, presses the button (Confirm unless told otherwise) as
 * `user`, and answers the click's reply id: where the outcome is told privately.
 */
export async function answerQuestion(
  bot: Clicker,
  replyId: string,
  opts: { user?: string; button?: 'confirm_run' | 'confirm_cancel'; timeoutMs?: number } = {},
): Promise<{ status: number; replyId: string; question: string }> {
  const call = await bot.slack.waitFor(
    (c) => c.kind === 'response_url' && c.id === replyId,
    opts.timeoutMs ?? 5_000,
  );
  const value = confirmValue(call.body);
  if (value === undefined)
    throw new Error(`no confirmation was asked: ${JSON.stringify(call.body).slice(0, 300)}`);
  const click = await bot.click(opts.button ?? 'confirm_run', value, opts.user ? { user: opts.user } : {});
  return { ...click, question: JSON.stringify(call.body) };
}

/**
 * The question asked after a form closed (no response_url then): Slack shows it as an ephemeral message. Waits for
 * it, presses its Confirm as `user` (the asker unless told otherwise) and answers the click.
 */
export async function answerPostedQuestion(
  bot: Clicker,
  opts: { user?: string; timeoutMs?: number } = {},
): Promise<{ status: number; replyId: string; question: string }> {
  const call = await bot.slack.waitFor(
    (c) => c.method === 'chat.postEphemeral' && confirmValue(c.body) !== undefined,
    opts.timeoutMs ?? 5_000,
  );
  const click = await bot.click(
    'confirm_run',
    confirmValue(call.body) as string,
    opts.user ? { user: opts.user } : {},
  );
  return { ...click, question: JSON.stringify(call.body) };
}
