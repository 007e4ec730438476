/**
 * Slack mrkdwn as a terminal shows it: mentions by name, links by their label, dates as their fallback text,
 * bold markers dropped, HTML entities decoded. Code (inline or fenced) is left exactly as the bot wrote it.
 */

export interface MrkdwnNames {
  user(id: string): string;
  channel(id: string): string;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/;

function special(inner: string, names: MrkdwnNames): string {
  const [target = '', label] = splitLabel(inner);
  if (target.startsWith('@')) return `@${names.user(target.slice(1))}`;
  if (target.startsWith('#')) return label ? `#${label}` : names.channel(target.slice(1));
  if (target.startsWith('!date^')) return dateText(label ?? '');
  if (target.startsWith('!subteam^')) return `@${label ?? target.slice('!subteam^'.length)}`;
  if (target.startsWith('!')) return `@${label ?? target.slice(1)}`;
  return label ?? target;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

function dateText(fallback: string): string {
  const iso = ISO_DATE.exec(fallback);
  return iso ? `${iso[1]} ${iso[2]} UTC` : fallback;
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function prose(text: string, names: MrkdwnNames): string {
  const linked = text.replace(/<([^<>]+)>/g, (_all, inner: string) => special(inner, names));
  const unbolded = linked.replace(/(^|[\s(])\*(\S(?:[^*\n]*\S)?)\*(?=[\s).,:;!?]|$)/gm, '$1$2');
  return decode(unbolded.replace(/(^|[\s(])_(\S(?:[^_\n]*\S)?)_(?=[\s).,:;!?]|$)/gm, '$1$2'));
}

/** Fenced code keeps its content; inline code keeps its backticks; the rest is read as prose. */
export function mrkdwnToText(text: string, names: MrkdwnNames): string {
  const parts = text.split(/(```[\s\S]*?```)/);
  return parts
    .map((part, i) => {
      if (part.startsWith('```') && part.endsWith('```') && part.length >= 6) {
        const body = decode(part.slice(3, -3).replace(/\u200b/g, '')).replace(/^\n|\n$/g, '');
        const before = parts[i - 1] ?? '';
        const after = parts[i + 1] ?? '';
        return `${before === '' || before.endsWith('\n') ? '' : '\n'}${body}${after === '' || after.startsWith('\n') ? '' : '\n'}`;
      }
      return part
        .split(/(`[^`\n]+`)/)
        .map((piece) => (piece.startsWith('`') && piece.endsWith('`') ? decode(piece) : prose(piece, names)))
        .join('');
    })
    .join('');
}
