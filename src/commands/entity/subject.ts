import type { Operation } from '../../api/catalogue';
import { entitiesOf } from '../../entities/rows';
import { odataText } from '../../entities/search';
import type { OperationRequest } from '../../pipeline';
import { objectPhrase } from '../../words/names';
import type { BotContext } from '../context';
import { makeRequest } from '../intent-handler';

/**
 * The object an operation on one entity is about (`api Users.DeleteUser Id=26` → `user Nina Novak (125)`), read
 * with one filtered request through the pipeline, so a confirmation can say what will go by name. Undefined when
 * the operation is not on one object of a set, or the PBX does not name it.
 */
export async function subjectOf(
  ctx: BotContext,
  op: Operation,
  request: OperationRequest,
): Promise<string | undefined> {
  const row = entitiesOf(ctx.catalogue).rows.find(
    (r) => r.ops.delete === op.key || r.ops.update === op.key || op.path.startsWith(`/${r.set}({`),
  );
  if (!row) return undefined;
  const given = Object.entries(request.args).find(([k]) => k.toLowerCase() === row.key.toLowerCase())?.[1];
  if (given === undefined) return undefined;
  const text = String(given);
  if (row.keyKind === 'integer' && !/^\d+$/.test(text)) return undefined;
  const filter = `${row.key} eq ${row.keyKind === 'integer' ? text : odataText(text)}`;
  const read = makeRequest(
    ctx,
    request,
    row.ops.list,
    { $filter: filter, $top: '1' },
    undefined,
    request.source,
  );
  const outcome = await ctx.pipeline.run(read);
  if (outcome.kind !== 'done') return undefined;
  const found = (outcome.result.data as { value?: unknown[] } | undefined)?.value?.[0];
  return found !== null && typeof found === 'object'
    ? objectPhrase(found as Record<string, unknown>, row)
    : undefined;
}
