import type { KnownBlock } from '@slack/types';
import type { EntityRow } from '../../entities/rows';
import { displayName } from '../../words/names';
import { context, message, packSections, type SlackMessage, section } from './blocks';
import { fitEscaped, inlineCode } from './limits';

type Obj = Record<string, unknown>;

export interface FindGroup {
  row: EntityRow;
  items: { item: Obj; command: string }[];
  /** How many of this kind match on the PBX (3CX's count), at least the items shown. */
  total: number;
}

const detail = (item: Obj): string | undefined => {
  for (const f of ['EmailAddress', 'Email', 'CompanyName', 'PhoneNumber']) {
    const v = item[f];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  const host = (item.Gateway as Obj | undefined)?.Host;
  return typeof host === 'string' && host !== '' ? host : undefined;
};

/** `Users`, `Ring groups`, `IVRs`, `Fax`: a heading names the kind, whatever the count. */
function kindTitle(row: EntityRow): string {
  const label =
    row.label === row.label.toUpperCase() ? row.label : row.label.replace(/^./, (c) => c.toUpperCase());
  return label.endsWith('s') || /fax$/i.test(label) ? label : `${label}s`;
}

/** `find` answers: grouped by kind, the best few of each with the command that opens it. */
export function findMessage(
  query: string,
  groups: FindGroup[],
  opts: { pbx: string; denied: number; failed: number },
): SlackMessage {
  const q = fitEscaped(query, 200);
  const hits = groups.filter((g) => g.items.length > 0);
  const notes: string[] = [];
  if (opts.denied > 0)
    notes.push(`${opts.denied} kind${opts.denied === 1 ? '' : 's'} not searched: you may not read them.`);
  if (opts.failed > 0)
    notes.push(`${opts.failed} kind${opts.failed === 1 ? '' : 's'} did not answer; try again.`);
  if (hits.length === 0) {
    const text = `Nothing on ${opts.pbx} matches “${q}”. Try fewer letters, or \`/3cx api search ${query}\` for an operation.`;
    return message(text, [section(`🔎 ${text}`), ...(notes.length ? [context(notes.join(' '))] : [])]);
  }
  const total = hits.reduce((n, g) => n + g.total, 0);
  const head = `🔎 ${total} match${total === 1 ? '' : 'es'} for “${q}” on ${fitEscaped(opts.pbx, 100)}`;
  const texts = hits.map((g) => {
    const lines = [`*${kindTitle(g.row)}* (${g.total})`];
    for (const { item, command } of g.items) {
      const extra = detail(item);
      lines.push(
        `• ${fitEscaped(displayName(item, g.row), 200)}${extra ? ` · ${fitEscaped(extra, 200)}` : ''} — ${inlineCode(command, 200)}`,
      );
    }
    if (g.total > g.items.length)
      lines.push(`_${g.total - g.items.length} more:_ ${inlineCode(`/3cx ${g.row.plural} ${query}`, 300)}`);
    return lines.join('\n');
  });
  const blocks: KnownBlock[] = [section(head), ...packSections(texts)];
  if (notes.length) blocks.push(context(notes.join(' ')));
  const fallback = hits.map(
    (g) => `${kindTitle(g.row)}: ${g.items.map((i) => displayName(i.item, g.row)).join(', ')}`,
  );
  return message(`${total} matches for “${query}”. ${fallback.join('; ')}`, blocks);
}
