import type { KnownBlock } from '@slack/types';
import { context, header, message, packSections, type SlackMessage, section } from './blocks';
import { asSentence } from './failure';
import { escapeMrkdwn, fitEscaped, inlineCode } from './limits';

export interface HelpEntry {
  name: string;
  usage: string[];
  /** Left out when the person may not run the command's example. */
  example?: string;
  summary: string;
}

export interface HelpOptions {
  topic?: string;
  canUseApi: boolean;
  unknownTopic?: boolean;
  /** Why user groups did not count (a free Slack plan, a missing scope), for someone who may run nothing. */
  note?: string;
}

const SLASH = '/3cx';

function slash(text: string): string {
  const t = text.trim();
  return t.startsWith(SLASH) ? t : `${SLASH} ${t}`;
}

function entryText(entry: HelpEntry): string {
  const lines = [`*${fitEscaped(entry.name, 100)}*: ${fitEscaped(entry.summary, 300)}`];
  for (const u of entry.usage.slice(0, 10)) lines.push(`• ${inlineCode(slash(u), 300)}`);
  if (entry.example) lines.push(`_Example:_ ${inlineCode(slash(entry.example), 500)}`);
  return lines.join('\n');
}

const API_LINES = [
  `• ${inlineCode(`${SLASH} api search <words>`, 100)}: find any of the XAPI operations by what it does`,
  `• ${inlineCode(`${SLASH} api <Resource>.<OperationId> [key=value …] [json body]`, 100)}: run one you may run; without a body, a form opens`,
  `_Example:_ ${inlineCode(`${SLASH} api Users.GetUser Id=12`, 100)}`,
  'Add `--json` to a read for 3CX’s raw answer, `--file` to get a list as CSV.',
];

/**
 * Usage for exactly the entries given: the caller has already left out what this person may not run. Someone who
 * may run nothing learns how to get access instead of a list of things that would be refused.
 */
export function helpMessage(entries: HelpEntry[], options: HelpOptions): SlackMessage {
  if (entries.length === 0 && !options.canUseApi) {
    const base =
      'You may not run any /3cx command yet. Ask an admin to add your Slack user id to the members of BOT_CONFIG, with a role that allows what you need.';
    const text = options.note ? `${base} ${asSentence(options.note)}` : base;
    return message(text, [section(`🔒 ${text}`)]);
  }
  const blocks: KnownBlock[] = [
    header(options.topic && !options.unknownTopic ? `/3cx help: ${options.topic}` : '/3cx: what you can run'),
  ];
  if (options.unknownTopic && options.topic) {
    blocks.push(
      section(`There is no help topic ${inlineCode(options.topic, 100)}; here is everything you may run.`),
    );
  }
  blocks.push(...packSections(entries.map(entryText)));
  // Help on one command is about that command; api comes with the full list, or on its own as `help api`.
  const withApi = options.canUseApi && (!options.topic || options.unknownTopic || options.topic === 'api');
  if (withApi) blocks.push(section(`*api*: any XAPI operation\n${API_LINES.join('\n')}`));
  blocks.push(
    context(`${inlineCode(`${SLASH} help <command>`, 100)} for one command. You see only what you may run.`),
  );
  const names = entries.map((e) => e.name);
  if (withApi) names.push('api');
  return message(`/3cx commands you may run: ${escapeMrkdwn(names.join(', '))}`, blocks);
}
