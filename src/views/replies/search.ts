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

/** Catalogue matches: enough per operation to run it without opening the OpenAPI document. */
export function searchMessage(query: string, ops: Operation[], total?: number): SlackMessage {
  const q = fitEscaped(query, 200);
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
  const blocks: KnownBlock[] = [section(`🔎 ${head}`)];
  blocks.push(...packSections(shown.map(opText)));
  if (all > shown.length) blocks.push(context('Add words to narrow the search.'));
  return message(`${head} ${shown.map((op) => op.key).join(', ')}`, blocks);
}
