import type { KnownBlock } from '@slack/types';
import type { Operation } from '../../api/catalogue/types';
import { operationClass } from '../../api/catalogue/types';
import { context, message, packSections, type SlackMessage, section } from './blocks';
import { fitEscaped, inlineCode } from './limits';

/** A screenful; `api search` with more words narrows it further. */
const MAX_SHOWN = 25;

/** What to type to run it: every path parameter, and any other the operation cannot go without. */
export function exampleCommand(op: Operation): string {
  const pairs = op.params.filter((p) => p.in === 'path' || p.required).map((p) => `${p.name}=…`);
  const body = op.body?.required ? ' (a form opens for the body)' : '';
  return `${inlineCode(['/3cx api', op.key, ...pairs].join(' '), 400)}${body}`;
}

function opText(op: Operation): string {
  const kind = operationClass(op);
  return [
    `*${fitEscaped(op.key, 200)}*  ${inlineCode(`${op.method} ${op.path}`, 400)}  _${kind}_`,
    exampleCommand(op),
  ].join('\n');
}

/** The everyday commands first: what a person would type for it, before XAPI's own operations. */
function everydayBlock(everyday: string[]): KnownBlock[] {
  if (everyday.length === 0) return [];
  const lines = everyday.map((line) => `• ${inlineCode(`/3cx ${line}`, 300)}`);
  return [section(`*Everyday command${everyday.length === 1 ? '' : 's'} for it:*\n${lines.join('\n')}`)];
}

/** Catalogue matches: enough per operation to run it without opening the OpenAPI document. */
export function searchMessage(
  query: string,
  ops: Operation[],
  total?: number,
  everyday: string[] = [],
): SlackMessage {
  const q = fitEscaped(query, 200);
  if (ops.length === 0 && everyday.length > 0) {
    const text = `No operation matches “${q}”, but there is an everyday command for it.`;
    return message(text, [...everydayBlock(everyday), section(`🔎 ${text}`)]);
  }
  if (ops.length === 0) {
    const text = `No operation matches “${q}”; try fewer or other words.`;
    return message(text, [section(`🔎 ${text}`)]);
  }
  const shown = ops.slice(0, MAX_SHOWN);
  const all = Math.max(total ?? ops.length, ops.length);
  const head =
    all > shown.length
      ? `${all} operations match “${q}”; the first ${shown.length}:`
      : `${all} operation${all === 1 ? '' : 's'} match${all === 1 ? 'es' : ''} “${q}”:`;
  const blocks: KnownBlock[] = [...everydayBlock(everyday), section(`🔎 ${head}`)];
  blocks.push(...packSections(shown.map(opText)));
  if (all > shown.length) blocks.push(context('Add words to narrow the search.'));
  const first = everyday.length > 0 ? `Everyday: /3cx ${everyday[0]}. ` : '';
  return message(`${first}${head} ${shown.map((op) => op.key).join(', ')}`, blocks);
}
