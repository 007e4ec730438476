import { userMessage } from '../../api/errors';
import type { Outcome } from '../../pipeline/types';
import { context, message, opOnPbx, type SlackMessage, section } from './blocks';
import { escapeMrkdwn, fitEscaped, inlineCode, LIMITS, truncate } from './limits';

type Failure = Extract<Outcome, { kind: 'failed' | 'invalid' | 'denied' }>;

/** Enough issues to fix the request; a form with more wrong fields is better fixed a screenful at a time. */
const MAX_ISSUES = 15;
const ISSUE_MAX = 300;
const MAX_SUGGESTIONS = 5;

/**
 * What went wrong, to the invoker only: the cause and the fix in plain words. 3CX errors are worded by
 * `userMessage` alone; nothing here re-words them, and no stack trace ever reaches Slack.
 */
export function failureMessage(outcome: Failure): SlackMessage {
  switch (outcome.kind) {
    case 'failed':
      return failed(outcome);
    case 'invalid':
      return invalid(outcome);
    case 'denied':
      return denied(outcome);
  }
}

function failed(outcome: Extract<Outcome, { kind: 'failed' }>): SlackMessage {
  const sentence = userMessage(outcome.error);
  const where = opOnPbx(outcome.operation.key, outcome.request.pbx);
  return message(escapeMrkdwn(`${outcome.operation.key} failed: ${sentence}`), [
    section(`❌ ${fitEscaped(sentence, 2000)}`),
    context(`${where} · request ${escapeMrkdwn(outcome.request.id)}`),
  ]);
}

function invalid(outcome: Extract<Outcome, { kind: 'invalid' }>): SlackMessage {
  const key = outcome.operation?.key ?? outcome.request.key;
  const shown = outcome.issues.slice(0, MAX_ISSUES);
  const bullets = shown.map((issue) => `• ${fitEscaped(issue.message, ISSUE_MAX)}`);
  const more = outcome.issues.length - shown.length;
  if (more > 0) bullets.push(`• …and ${more} more`);
  const lines = [`⚠️ ${inlineCode(key, 200)} was not run:`, ...bullets];
  const suggestions = (outcome.suggestions ?? []).slice(0, MAX_SUGGESTIONS);
  if (suggestions.length > 0)
    lines.push(`Did you mean ${suggestions.map((s) => inlineCode(s, 200)).join(', ')}?`);
  const first = outcome.issues[0]?.message ?? 'the request is not valid';
  const text =
    suggestions.length > 0 ? `${asSentence(first)} Did you mean ${suggestions.join(', ')}?` : first;
  return message(escapeMrkdwn(`${key} was not run: ${text}`), [
    section(truncate(lines.join('\n'), LIMITS.sectionText)),
  ]);
}

function denied(outcome: Extract<Outcome, { kind: 'denied' }>): SlackMessage {
  const missing = outcome.missing;
  // Roles may apply to some PBXs only: the denial says where it holds.
  const sentence = `You may not run ${missing} on ${outcome.request.pbx}. Nothing was sent to 3CX. To get it, ask an admin to give you a role that allows it in BOT_CONFIG.`;
  const note = outcome.note ? asSentence(outcome.note) : undefined;
  const lines = [`🚫 ${fitEscaped(sentence, 1500)}`];
  if (note) lines.push(fitEscaped(note, 1000));
  const text = note ? `${sentence} ${note}` : sentence;
  return message(escapeMrkdwn(text), [section(lines.join('\n'))]);
}

/** `this plan has no user groups` → `This plan has no user groups.`: notes are written as clauses. */
export function asSentence(clause: string): string {
  const t = clause.trim();
  if (t === '') return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A problem sentence (grammar, an expired button …). mrkdwn as given: callers may mention people. */
export function errorMessage(text: string): SlackMessage {
  return message(text, [section(`⚠️ ${truncate(text, LIMITS.sectionText - 3)}`)]);
}

/** A neutral note to the invoker. mrkdwn as given. */
export function infoMessage(text: string): SlackMessage {
  return message(text, [section(truncate(text, LIMITS.sectionText))]);
}
