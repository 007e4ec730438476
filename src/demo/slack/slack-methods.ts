import { isRecord } from './request-body';

/**
 * The Web API methods the Slack stand-in answers, each a small function from the call's arguments to Slack's
 * answer. They check what real Slack checks when a missing check would hide a bug in the bot (no channel, no
 * text, a reused trigger_id, a file never uploaded) and nothing more.
 */

export const TEAM_ID = 'T0TEST';
export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0TEST';

export interface SlackUserProfile {
  name: string;
  real_name: string;
  tz: string;
  /** profile.email, which Slack gives only to apps with users:read.email; omitted when unset. */
  email: string;
}

/** A file announced with files.getUploadURLExternal; `bytes` once uploaded, `completed` once completed. */
export interface StoredFile {
  id: string;
  filename: string;
  length: number;
  bytes?: Buffer;
  title?: string;
  channelId?: string;
  completed: boolean;
}

export interface StandInState {
  /** The stand-in's base URL, without a trailing slash. */
  url: string;
  userGroups: Record<string, string[]>;
  userGroupsError?: string;
  users: Record<string, Partial<SlackUserProfile>>;
  files: Map<string, StoredFile>;
  usedTriggerIds: Set<string>;
  /** Trigger ids handed out by the stand-in itself, with when: they expire as Slack's do. */
  issuedTriggerIds: Map<string, number>;
  now: () => number;
  /** A new id with this prefix, e.g. `V00000001`. */
  nextId(prefix: string): string;
  /** A new message timestamp, greater than every one before it. */
  nextTs(): string;
}

/** A trigger_id is good for views.open this long after Slack sent it. */
export const TRIGGER_ID_TTL_MS = 3_000;

export type Answer = Record<string, unknown>;
type Args = Record<string, unknown>;
type Method = (args: Args, state: StandInState) => Answer;

const fail = (error: string): Answer => ({ ok: false, error });
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const hasContent = (args: Args) =>
  text(args.text) !== undefined || Array.isArray(args.blocks) || Array.isArray(args.attachments);

function botMessage(args: Args, ts: string): Answer {
  return {
    type: 'message',
    text: typeof args.text === 'string' ? args.text : '',
    user: BOT_USER_ID,
    bot_id: BOT_ID,
    app_id: APP_ID,
    team: TEAM_ID,
    ts,
    ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
    ...(args.thread_ts !== undefined ? { thread_ts: args.thread_ts } : {}),
  };
}

function openView(args: Args, state: StandInState): Answer {
  const trigger = text(args.trigger_id);
  if (trigger === undefined) return fail('invalid_arguments');
  if (state.usedTriggerIds.has(trigger)) return fail('exchanged_trigger_id');
  const issued = state.issuedTriggerIds.get(trigger);
  if (issued !== undefined && state.now() - issued > TRIGGER_ID_TTL_MS) return fail('expired_trigger_id');
  if (!isRecord(args.view)) return fail('invalid_arguments');
  state.usedTriggerIds.add(trigger);
  return { ok: true, view: shownView(args.view, state.nextId('V')) };
}

function shownView(view: Record<string, unknown>, id: string): Answer {
  return {
    type: 'modal',
    callback_id: '',
    private_metadata: '',
    external_id: '',
    blocks: [],
    ...view,
    id,
    team_id: TEAM_ID,
    app_id: APP_ID,
    bot_id: BOT_ID,
    state: { values: {} },
    hash: `1700000000.${id}`,
    root_view_id: id,
    previous_view_id: null,
  };
}

const METHODS: Record<string, Method> = {
  'auth.test': (_args, state) => ({
    ok: true,
    url: `${state.url}/`,
    team: 'Test',
    team_id: TEAM_ID,
    user: 'bot',
    user_id: BOT_USER_ID,
    bot_id: BOT_ID,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (args, state) => {
    const channel = text(args.channel);
    if (channel === undefined) return fail('channel_not_found');
    if (!hasContent(args)) return fail('no_text');
    const ts = state.nextTs();
    return { ok: true, channel, ts, message: botMessage(args, ts) };
  },

  'chat.postEphemeral': (args, state) => {
    if (text(args.channel) === undefined) return fail('channel_not_found');
    if (text(args.user) === undefined) return fail('user_not_found');
    if (!hasContent(args)) return fail('no_text');
    return { ok: true, message_ts: state.nextTs() };
  },

  'chat.update': (args) => {
    const channel = text(args.channel);
    const ts = text(args.ts);
    if (channel === undefined) return fail('channel_not_found');
    if (ts === undefined) return fail('message_not_found');
    if (!hasContent(args)) return fail('no_text');
    const message = botMessage(args, ts);
    return { ok: true, channel, ts, text: message.text, message };
  },

  'views.open': openView,
  'views.push': openView,

  'views.update': (args) => {
    const id = text(args.view_id) ?? text(args.external_id);
    if (id === undefined) return fail('not_found');
    if (!isRecord(args.view)) return fail('invalid_arguments');
    return { ok: true, view: shownView(args.view, id) };
  },

  'usergroups.users.list': (args, state) => {
    if (state.userGroupsError !== undefined) return fail(state.userGroupsError);
    const users = state.userGroups[text(args.usergroup) ?? ''];
    return users ? { ok: true, users: [...users] } : fail('no_such_subteam');
  },

  'conversations.open': (args) => {
    const users = text(args.users);
    if (users === undefined || !/^[UW][A-Z0-9]+$/.test(users)) return fail('user_not_found');
    return { ok: true, channel: { id: `D${users.slice(1)}` } };
  },

  'users.info': (args, state) => {
    const id = text(args.user);
    if (id === undefined || !/^[UW]/.test(id)) return fail('user_not_found');
    const known = state.users[id] ?? {};
    const name = known.name ?? id.toLowerCase();
    const realName = known.real_name ?? `User ${id}`;
    return {
      ok: true,
      user: {
        id,
        team_id: TEAM_ID,
        name,
        real_name: realName,
        tz: known.tz ?? 'Europe/London',
        is_bot: false,
        profile: {
          real_name: realName,
          display_name: name,
          ...(known.email ? { email: known.email } : {}),
        },
      },
    };
  },

  'files.getUploadURLExternal': (args, state) => {
    const filename = text(args.filename);
    const length = Number(args.length);
    if (filename === undefined || !Number.isInteger(length) || length < 0) return fail('invalid_arguments');
    const id = state.nextId('F');
    state.files.set(id, { id, filename, length, completed: false });
    return { ok: true, upload_url: `${state.url}/upload/${id}`, file_id: id };
  },

  'files.completeUploadExternal': (args, state) => {
    if (!Array.isArray(args.files) || args.files.length === 0) return fail('invalid_arguments');
    const wanted = args.files.filter(isRecord);
    const found = wanted.map((entry) => state.files.get(text(entry.id) ?? ''));
    if (found.some((file) => file?.bytes === undefined)) return fail('file_not_found');
    const channelId = text(args.channel_id);
    const files = found.flatMap((file, index) => {
      if (!file) return [];
      file.title = text(wanted[index]?.title) ?? file.filename;
      file.completed = true;
      if (channelId !== undefined) file.channelId = channelId;
      return [{ id: file.id, title: file.title, name: file.filename, size: file.bytes?.length ?? 0 }];
    });
    return { ok: true, files };
  },
};

/** Slack's answer to a Web API call; an unknown method gets `unknown_method`, as from Slack. */
export function answerMethod(method: string, args: Args, state: StandInState): Answer {
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  return handler ? handler(args, state) : fail('unknown_method');
}
