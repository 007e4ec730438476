import { entitiesOf } from '../../entities/rows';
import { errorMessage } from '../../views/replies';
import type { BotContext, ReplyTarget } from '../context';
import type { EntityIntent } from '../grammar/entity';
import type { Invocation } from '../intent-handler';
import { prefillPlan } from '../prefill';
import { replyPrivately } from '../reply';
import { listEntities } from './list';
import { changeMembers } from './members';
import { EntitySession } from './session';
import { showEntity } from './show';
import { addEntity, deleteEntity, setEntity } from './write';

/**
 * A verb with no fields opens a form: `<entity> add` the create form, `<entity> <ref> set` the update form
 * prefilled with the object's values (the reference is resolved once the form is open). The operation it runs
 * and the reference, or undefined.
 */
export function entityForm(ctx: BotContext, intent: EntityIntent): { key: string; ref?: string } | undefined {
  if (intent.pairs.length > 0) return undefined;
  const row = entitiesOf(ctx.catalogue).bySetName(intent.set);
  if (intent.verb === 'add') return row?.ops.create ? { key: row.ops.create } : undefined;
  if (intent.verb !== 'set' || !row?.ops.update) return undefined;
  const op = ctx.catalogue.get(row.ops.update);
  // Without a read at its address the form could not show today's values: the command says what to type instead.
  if (!op || !prefillPlan(ctx.catalogue, op, {}, intent.ref)) return undefined;
  return { key: op.key, ref: intent.ref };
}

/** An everyday entity command, after the ack and the exactly-once claim. */
export async function handleEntity(
  ctx: BotContext,
  intent: EntityIntent,
  inv: Invocation,
  target: ReplyTarget,
): Promise<void> {
  const row = entitiesOf(ctx.catalogue).bySetName(intent.set);
  if (!row) {
    const text = `${intent.set} is not an entity set of this PBX's API version. \`/3cx api search ${intent.set}\` finds its operations.`;
    return replyPrivately(target, errorMessage(text), ctx.logger);
  }
  const s = new EntitySession(ctx, inv, target, row, intent);
  switch (intent.verb) {
    case 'list':
      return listEntities(s, intent.words);
    case 'show':
      return showEntity(s, intent.ref);
    case 'add':
      return addEntity(s);
    case 'set':
      return setEntity(s, intent.ref);
    case 'delete':
      return deleteEntity(s, intent.ref);
    case 'members':
      return changeMembers(s, intent);
  }
}
