import { fieldValue, ValidationError } from '../../api/validation';
import { propertyFor } from '../../entities/fields';
import { odataText, wordsFilter } from '../../entities/search';
import { maskSecrets } from '../../pipeline';
import { infoMessage, resultMessage } from '../../views/replies';
import { listExpand, peopleRows } from '../../views/replies/entity-list';
import { COLUMNS_ANNOTATION } from '../../views/replies/result';
import { deliverOutcome } from '../deliver';
import { replyPrivately } from '../reply';
import type { EntitySession } from './session';

/** How many rows one list asks 3CX for unless `$top=` says otherwise: a page of them, not the whole PBX. */
export const LIST_TOP = 100;

/**
 * `<entity> [words…] [key=value…]`: words become a `$filter` on names, numbers and emails the PBX runs;
 * `$…=` pairs are OData options as typed; other pairs are equality on that property (`enabled=no`). Navigation
 * properties the columns show (group members, queue agents) are `$expand`ed, unless `$expand=` was typed.
 */
export async function listEntities(s: EntitySession, words: string[]): Promise<void> {
  const { row, intent, ctx } = s;
  const args: Record<string, unknown> = { $top: String(LIST_TOP), $count: 'true' };
  const filters: string[] = [];
  if (words.length > 0) {
    const filter = wordsFilter(row, words);
    if (!filter)
      return s.say(
        `A ${row.label} has no name, number or email to search; list them all with \`/3cx ${row.plural}\`.`,
      );
    filters.push(filter);
  }
  for (const { key, value } of intent.pairs) {
    if (key.startsWith('$')) {
      args[key] = value;
      continue;
    }
    const property = propertyFor(row, key);
    if (!property)
      return s.say(`"${key}" is not a field of a ${row.label}; \`/3cx help ${row.singular}\` lists them.`);
    try {
      const typed = fieldValue(ctx.catalogue, row.properties[property] ?? { kind: 'any' }, property, value);
      filters.push(`${property} eq ${typeof typed === 'string' ? odataText(typed) : String(typed)}`);
    } catch (err) {
      if (err instanceof ValidationError) return s.say(err.issues.map((i) => i.message).join(' '));
      throw err;
    }
  }
  if (filters.length > 0) {
    const given = args.$filter;
    args.$filter = [
      ...(typeof given === 'string' ? [`(${given})`] : []),
      ...filters.map((f) => `(${f})`),
    ].join(' and ');
  }
  const accepted = new Set(ctx.catalogue.get(row.ops.list)?.params.map((p) => p.name));
  if (!accepted.has('$count')) delete args.$count;
  if (!accepted.has('$top')) delete args.$top;
  const expand = listExpand(row);
  const typed = Object.keys(args).some((k) => k.toLowerCase() === '$expand');
  if (expand !== undefined && accepted.has('$expand') && !typed) args.$expand = expand;
  const outcome = await s.run(row.ops.list, args);
  if (outcome.kind !== 'done' || intent.flags.json || intent.flags.file)
    return deliverOutcome(ctx, s.target, outcome, intent.flags);
  const data = outcome.result.data as { value?: unknown; '@odata.count'?: unknown } | undefined;
  const items = Array.isArray(data?.value) ? (maskSecrets(data.value) as Record<string, unknown>[]) : [];
  const people = peopleRows(row, items);
  const shown = {
    ...outcome,
    result: {
      ...outcome.result,
      data: { ...data, value: people.rows, [COLUMNS_ANNOTATION]: people.columns },
    },
  };
  const resultId = ctx.pages.keep(s.target.userId, shown, false);
  const reply = resultMessage(shown, { page: 0, resultId });
  if ('file' in reply) return deliverOutcome(ctx, s.target, outcome, { json: false, file: true });
  if (items.length === 0) {
    const what = words.length > 0 ? ` match "${words.join(' ')}"` : '';
    const text = `No ${row.plural.replace(/-/g, ' ')}${what} on ${outcome.request.pbx}.`;
    return replyPrivately(s.target, infoMessage(text), ctx.logger);
  }
  return replyPrivately(s.target, reply, ctx.logger);
}
