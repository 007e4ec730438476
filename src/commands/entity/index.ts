import { entitiesOf } from '../../entities/rows';
import { errorMessage } from '../../views/replies';
import type { BotContext, ReplyTarget } from '../context';
import type { EntityIntent } from '../grammar/entity';
import type { Invocation } from '../intent-handler';
import { replyPrivately } from '../reply';
import { listEntities } from './list';
import { changeMembers } from './members';
import { EntitySession } from './session';
import { showEntity } from './show';
import { addEntity, deleteEntity, setEntity } from './write';

/** `<entity> add` with no fields opens the create form: the operation it runs, or undefined. */
export function entityForm(ctx: BotContext, intent: EntityIntent): string | undefined {
  if (intent.verb !== 'add' || intent.pairs.length > 0) return undefined;
  return entitiesOf(ctx.catalogue).bySetName(intent.set)?.ops.create;
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
