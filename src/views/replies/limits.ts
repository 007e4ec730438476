/**
 * Block Kit's hard limits and the text helpers that keep every reply inside them. Slack refuses a whole message
 * (`invalid_blocks`) when one part is too long, so a reply that would overflow is cut here, visibly, instead.
 */

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  /** Slack truncates the top-level `text` far later; a notification only needs the first lines. */
  fallbackText: 3000,
} as const;

export const ELLIPSIS = '…';

/** Slack reads `&`, `<` and `>` as markup in every text field, code blocks included. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts plain text to `max` characters, the last being an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  return `${text.slice(0, max - 1)}${ELLIPSIS}`;
}

/**
 * Escapes text from 3CX or a person and cuts it so the ESCAPED form fits `max`; cutting after escaping could leave
 * half an entity (`&am`) that Slack would show as garbage.
 */
export function fitEscaped(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of text) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}${ELLIPSIS}`;
}

/** A value shown inside `inline code`: a backtick in it would end the code span early. */
export function inlineCode(text: string, max: number): string {
  return `\`${fitEscaped(text.replace(/`/g, 'ˋ'), max - 2)}\``;
}

/** A fenced code block whose content cannot close the fence. */
export function codeBlock(text: string, max: number): string {
  const safe = text.replace(/```/g, '`\u200b``');
  return `\`\`\`${fitEscaped(safe, max - 6)}\`\`\``;
}

/** Plain text for `text` fallbacks and headers: one line, no markup that Slack would read. */
export function plainLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}
