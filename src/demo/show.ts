import { isObject, type Json, str } from './json';
import { channelName, nameOf } from './people';
import { type ButtonSeen, type RenderContext, renderMessage, textOf } from './render';
import type { RecordedCall, SlackStandIn } from './slack/slack-stand-in';

/**
 * What the bot did in Slack, as the console prints it: each recorded Web API call or response_url post that a
 * person would see becomes a framed block of lines. Calls nobody sees (auth.test, users.info…) print nothing.
 */

export interface ButtonPlace {
  button: ButtonSeen;
  channel: string;
  /** The message the button sits in; absent for private (ephemeral) replies. */
  ts?: string;
  message: { text: string; blocks: unknown[] };
  /** Names the message, so its buttons can be dropped when it is replaced. */
  messageKey: string;
}

export interface Shown {
  lines: string[];
  /** How many calls a person would have seen. */
  visible: number;
  /** views.open / views.push / views.update: the modal to fill in, newest last. */
  views: Record<string, unknown>[];
}

export interface ShowContext {
  slack: SlackStandIn;
  /** Who the private replies are for: the person who acted. */
  invoker: string;
  /** Where that person acted. */
  channel: string;
  /** Numbers a button for `click N`. */
  addButton(place: ButtonPlace): number;
  /** Buttons of a message that was replaced stop working. */
  forgetMessage(messageKey: string): void;
  /** The message whose button was pressed in this step: a reply with replace_original takes its place. */
  pressedIn?: string;
}

export const NAMES = { user: nameOf, channel: channelName };

function frame(title: string, body: string[]): string[] {
  return [`  ┌─ ${title}`, ...body.map((line) => `  │ ${line}`.trimEnd()), '  └─'];
}

interface Where {
  channel: string;
  ts?: string;
  key: string;
}

const channelKey = (channel: string, ts: string) => `${channel}:${ts}`;

function renderAt(ctx: ShowContext, body: Json, where: Where): string[] {
  const message = { text: str(body.text), blocks: Array.isArray(body.blocks) ? body.blocks : [] };
  const render: RenderContext = {
    ...NAMES,
    button: (button) =>
      ctx.addButton({
        button,
        channel: where.channel,
        ...(where.ts !== undefined ? { ts: where.ts } : {}),
        message,
        messageKey: where.key,
      }),
  };
  return renderMessage(body, render);
}

function fileLines(ctx: ShowContext, body: Json): string[] {
  const wanted = Array.isArray(body.files) ? body.files.filter(isObject) : [];
  return wanted.flatMap((entry) => {
    const file = ctx.slack.files().find((f) => f.id === entry.id);
    if (!file) return [];
    const content = file.bytes?.toString('utf8') ?? '';
    const lines = content.split('\n').filter((l) => l !== '');
    const head = lines.slice(0, 8);
    const more = lines.length - head.length;
    return frame(`file for ${nameOf(ctx.invoker)}, in the direct message with the bot: ${file.filename}`, [
      ...(typeof body.initial_comment === 'string' ? [body.initial_comment] : []),
      ...head,
      ...(more > 0 ? [`… ${more} more line(s)`] : []),
    ]);
  });
}

function showCall(ctx: ShowContext, call: RecordedCall, shown: Shown, index: number): void {
  const body = call.body;
  const privateKey = `private:${index}`;
  const replaced = body.replace_original === true || body.delete_original === true;
  if (call.method === 'response_url' && replaced && ctx.pressedIn) ctx.forgetMessage(ctx.pressedIn);
  const add = (lines: string[]) => {
    shown.lines.push(...lines);
    shown.visible++;
  };
  switch (call.method) {
    case 'response_url': {
      if (body.delete_original === true) {
        add([`  (the bot removed its earlier reply to ${nameOf(ctx.invoker)})`]);
        return;
      }
      const note = body.replace_original === true ? ', replacing the earlier reply' : '';
      const everyone = body.response_type === 'in_channel';
      const title = everyone ? `in ${channelName(ctx.channel)}` : `to ${nameOf(ctx.invoker)} only${note}`;
      add(frame(title, renderAt(ctx, body, { channel: ctx.channel, key: privateKey })));
      return;
    }
    case 'chat.postEphemeral':
      add(
        frame(
          `to ${nameOf(str(body.user))} only`,
          renderAt(ctx, body, { channel: str(body.channel), key: privateKey }),
        ),
      );
      return;
    case 'chat.postMessage': {
      const channel = str(body.channel);
      const ts = isObject(call.answer) ? str(call.answer.ts) : '';
      add(
        frame(
          `in ${channelName(channel)}`,
          renderAt(ctx, body, { channel, ts, key: channelKey(channel, ts) }),
        ),
      );
      return;
    }
    case 'chat.update': {
      const channel = str(body.channel);
      const ts = str(body.ts);
      const key = channelKey(channel, ts);
      ctx.forgetMessage(key);
      add(frame(`in ${channelName(channel)}, message updated`, renderAt(ctx, body, { channel, ts, key })));
      return;
    }
    case 'views.open':
    case 'views.push':
    case 'views.update':
      // The newest view of the step is the form to fill in: an update (choices filled in) replaces the opened one.
      if (isObject(call.answer) && isObject(call.answer.view)) {
        shown.views.push(call.answer.view);
        shown.visible++;
      }
      return;
    case 'files.completeUploadExternal':
      add(fileLines(ctx, body));
      return;
    default:
      return;
  }
}

const SEEN_BY_PEOPLE = new Set([
  'response_url',
  'chat.postEphemeral',
  'chat.postMessage',
  'chat.update',
  'views.open',
  'views.push',
  'views.update',
  'files.completeUploadExternal',
]);

/** The calls recorded since `from`, as lines. A call Slack refused is shown as refused, with Slack's error. */
export function showCalls(ctx: ShowContext, calls: RecordedCall[]): Shown {
  const shown: Shown = { lines: [], visible: 0, views: [] };
  for (const call of calls) {
    if (!call.ok && SEEN_BY_PEOPLE.has(call.method)) {
      const error = isObject(call.answer) ? str(call.answer.error) : `HTTP ${call.status}`;
      shown.lines.push(`  ✗ Slack refused ${call.method}: ${error}`);
      continue;
    }
    showCall(ctx, call, shown, ctx.slack.calls.indexOf(call));
  }
  return shown;
}

export function modalTitle(view: Json): string {
  return textOf(view.title, NAMES) || 'form';
}
