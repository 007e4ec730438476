import type { EntityRow } from '../../entities/rows';
import { opOnPbx } from '../../views/replies/blocks';
import { entityCard } from '../../views/replies/entity-card';
import { deliverOutcome } from '../deliver';
import { replyPrivately } from '../reply';
import type { EntitySession } from './session';

type Obj = Record<string, unknown>;

/** `<entity> <ref>`: one object as a card, its member lists by name. */
export async function showEntity(s: EntitySession, ref: string): Promise<void> {
  const found = await s.one(ref, 'ref');
  if (!found) return;
  const full = await fullObject(s, s.row, found, s.intent.flags.json);
  if (!full) return;
  if (full.outcome && s.intent.flags.json)
    return deliverOutcome(s.ctx, s.target, full.outcome, s.intent.flags);
  const about = opOnPbx(full.opKey, full.outcome?.request.pbx ?? s.ctx.pbx);
  const time = { timeZone: s.ctx.timeZone ?? 'UTC', now: (s.ctx.now ?? Date.now)() };
  return replyPrivately(s.target, entityCard(s.row, full.object, about, time), s.ctx.logger);
}

/**
 * The object with everything 3CX keeps on it: by key, with `$expand` for the member lists the catalogue marks as
 * navigation properties (a real 3CX sends those only when asked). Without a get operation, the list's row is all.
 */
export async function fullObject(s: EntitySession, row: EntityRow, found: Obj, _json = false) {
  const get = row.ops.get;
  if (!get) return { object: found, opKey: row.ops.list, outcome: undefined };
  const args: Record<string, unknown> = { [row.key]: String(found[row.key]) };
  const expand = row.lists.filter((l) => l.navigation).map((l) => l.property);
  if (expand.length > 0) args.$expand = expand.join(',');
  const outcome = await s.run(get, args);
  if (outcome.kind !== 'done') {
    await s.fail(outcome);
    return undefined;
  }
  const data = outcome.result.data;
  const object = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Obj) : found;
  return { object, opKey: get, outcome };
}
