import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID } from './slack-methods';

/**
 * Signed requests and the bodies Slack posts to an app: slash commands, block actions and view submissions,
 * shaped as Slack sends them so the bot's real receiver (and Bolt behind it) can be driven over HTTP.
 */

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** The legacy verification token Slack still puts in every body; apps must not rely on it. */
export const VERIFICATION_TOKEN = 'legacy-verification-token';
export const TEAM_DOMAIN = 'test';

/** Signs `body` as Slack does: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{body}`). */
export function signRequest(
  secret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

/** A trigger id shaped like Slack's (`<digits>.<digits>.<hex>`), different on every call. */
export function newTriggerId(): string {
  return `${randomInt(1e9, 1e10)}.${randomInt(1e9, 1e10)}.${randomBytes(16).toString('hex')}`;
}

const nowActionTs = () => (Date.now() / 1000).toFixed(6);
const userOf = (userId: string, userName?: string) => ({
  id: userId,
  username: userName ?? userId.toLowerCase(),
  name: userName ?? userId.toLowerCase(),
  team_id: TEAM_ID,
});
const team = { id: TEAM_ID, domain: TEAM_DOMAIN };
const payloadBody = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export interface SlashCommandOptions {
  text: string;
  responseUrl: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  triggerId?: string;
  command?: string;
}

/** A slash command as Slack posts it: form-urlencoded, fields in Slack's order. */
export function slashCommandBody(options: SlashCommandOptions): string {
  const userId = options.userId ?? 'U0ADMIN';
  return new URLSearchParams([
    ['token', VERIFICATION_TOKEN],
    ['team_id', options.teamId ?? TEAM_ID],
    ['team_domain', TEAM_DOMAIN],
    ['channel_id', options.channelId ?? 'C0OPS'],
    ['channel_name', options.channelName ?? 'ops'],
    ['user_id', userId],
    ['user_name', options.userName ?? userId.toLowerCase()],
    ['command', options.command ?? '/3cx'],
    ['text', options.text],
    ['api_app_id', APP_ID],
    ['is_enterprise_install', 'false'],
    ['response_url', options.responseUrl],
    ['trigger_id', options.triggerId ?? newTriggerId()],
  ]).toString();
}

/** Block Kit state values: block id → action id → the element's state (`{type, value}`, `{type, selected_option}`…). */
export type ViewStateValues = Record<string, Record<string, { type: string } & Record<string, unknown>>>;

interface ActionCommon {
  userId: string;
  userName?: string;
  actionId: string;
  value: string;
  blockId?: string;
  triggerId?: string;
}

/** A button pressed in a message the bot posted. */
export interface MessageActionOptions extends ActionCommon {
  channelId: string;
  responseUrl: string;
  messageTs?: string;
  /** The blocks of the message the button sits in, as Slack echoes them back. */
  messageBlocks?: unknown[];
  messageText?: string;
}

/** A button pressed inside an open modal: no channel, no message and no response_url. */
export interface ViewActionOptions extends ActionCommon {
  view: { id: string; callbackId?: string; privateMetadata?: string; stateValues?: ViewStateValues };
}

export function blockActionsBody(options: MessageActionOptions | ViewActionOptions): string {
  const action = {
    action_id: options.actionId,
    block_id: options.blockId ?? 'actions',
    text: { type: 'plain_text', text: options.value, emoji: true },
    value: options.value,
    type: 'button',
    action_ts: nowActionTs(),
  };
  const common = {
    type: 'block_actions',
    user: userOf(options.userId, options.userName),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: options.triggerId ?? newTriggerId(),
    team,
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if ('view' in options) {
    const { view } = options;
    return payloadBody({
      ...common,
      container: { type: 'view', view_id: view.id },
      view: modalView(view.id, view.callbackId ?? '', view.privateMetadata ?? '', view.stateValues ?? {}),
      state: { values: view.stateValues ?? {} },
    });
  }
  const messageTs = options.messageTs ?? '1700000000.000100';
  return payloadBody({
    ...common,
    container: { type: 'message', message_ts: messageTs, channel_id: options.channelId, is_ephemeral: false },
    channel: { id: options.channelId, name: 'ops' },
    message: {
      type: 'message',
      ts: messageTs,
      text: options.messageText ?? '',
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: TEAM_ID,
      blocks: options.messageBlocks ?? [],
    },
    state: { values: {} },
    response_url: options.responseUrl,
  });
}

/** A picker in an open modal asking for its options as the person types. */
export interface BlockSuggestionOptions {
  userId: string;
  blockId: string;
  actionId?: string;
  /** What the person has typed so far. */
  value: string;
  view: { id: string; callbackId?: string; privateMetadata: string };
}

export function blockSuggestionBody(options: BlockSuggestionOptions): string {
  const { view } = options;
  return payloadBody({
    type: 'block_suggestion',
    user: userOf(options.userId),
    container: { type: 'view', view_id: view.id },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    action_id: options.actionId ?? 'value',
    block_id: options.blockId,
    value: options.value,
    team,
    enterprise: null,
    is_enterprise_install: false,
    view: modalView(view.id, view.callbackId ?? 'op_modal', view.privateMetadata, {}),
  });
}

export interface ViewSubmissionOptions {
  userId: string;
  userName?: string;
  callbackId: string;
  privateMetadata: string;
  stateValues: ViewStateValues;
  viewId?: string;
  triggerId?: string;
}

export function viewSubmissionBody(options: ViewSubmissionOptions): string {
  const viewId = options.viewId ?? 'V00000001';
  return payloadBody({
    type: 'view_submission',
    team,
    user: userOf(options.userId, options.userName),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: options.triggerId ?? newTriggerId(),
    view: modalView(viewId, options.callbackId, options.privateMetadata, options.stateValues),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

function modalView(id: string, callbackId: string, privateMetadata: string, values: ViewStateValues) {
  return {
    id,
    team_id: TEAM_ID,
    type: 'modal',
    blocks: [],
    private_metadata: privateMetadata,
    callback_id: callbackId,
    state: { values },
    hash: `1700000000.${id}`,
    title: { type: 'plain_text', text: '3CX', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: { type: 'plain_text', text: 'Submit', emoji: true },
    previous_view_id: null,
    root_view_id: id,
    app_id: APP_ID,
    external_id: '',
    app_installed_team_id: TEAM_ID,
    bot_id: BOT_ID,
  };
}
