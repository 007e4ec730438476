import { type EntityRow, entitiesOf, type MemberList } from '../../entities/rows';
import { entityWriteMessage } from '../../views/replies/entity-write';
import { displayName, objectPhrase } from '../../words/names';
import { confirmFirst } from '../confirm';
import { deliverOutcome } from '../deliver';
import type { EntityIntent } from '../grammar/entity';
import { replyInChannel } from '../reply';
import type { EntitySession } from './session';
import { fullObject } from './show';
import { keyArgs } from './write';

type Obj = Record<string, unknown>;
type MembersIntent = Extract<EntityIntent, { verb: 'members' }>;

/**
 * `<entity> <ref> <list> add|remove <ref>…`: 3CX replaces a list with what it is sent, so the current list is
 * read, changed, read again just before the PATCH (refused when someone changed it meanwhile), and sent whole.
 * Members are extensions: each reference is resolved among the users.
 */
export async function changeMembers(s: EntitySession, intent: MembersIntent): Promise<void> {
  const { row, ctx } = s;
  const list = row.lists.find((l) => l.word === intent.list);
  if (!list) return s.say(`A ${row.label} has no list "${intent.list}".`);
  if (!row.ops.update) return s.say(`A ${row.label}'s ${intent.list} cannot be changed through the API.`);
  const users = entitiesOf(ctx.catalogue).bySetName('Users');
  if (!users) return s.say('This API version has no Users set to find members in.');
  const found = await s.one(intent.ref, 'ref');
  if (!found) return;
  const members: Obj[] = [];
  for (const [i, ref] of intent.members.entries()) {
    const member = await s.one(ref, { member: i }, users);
    if (!member) return;
    members.push(member);
  }
  const before = await currentList(s, row, list, found);
  if (!before) return;
  const { next, changed, unchanged } = applyChange(before, members, list, intent.change);
  const subject = objectPhrase(found, row);
  const listName = intent.list;
  if (changed.length === 0) {
    const why = intent.change === 'add' ? `already in ${listName}` : `not in ${listName}`;
    return s.say(
      `Nothing to change: ${unchanged.map((m) => displayName(m)).join(', ')} ${unchanged.length === 1 ? 'is' : 'are'} ${why} of ${subject}.`,
    );
  }
  const again = await currentList(s, row, list, found);
  if (!again) return;
  if (JSON.stringify(keysOf(again)) !== JSON.stringify(keysOf(before)))
    return s.say(
      `The list changed meanwhile, try again: someone else changed the ${listName} of ${subject} while this ran. Nothing was sent.`,
    );
  const verb = intent.change === 'add' ? 'Added' : 'Removed';
  const names = changed.map((m) => displayName(m)).join(', ');
  const done = `${verb} ${names} ${intent.change === 'add' ? 'to' : 'from'} the ${listName} of ${subject}`;
  const lines = [
    ...listChange(listName, before, next),
    ...(unchanged.length > 0
      ? [
          `${unchanged.map((m) => displayName(m)).join(', ')}: ${intent.change === 'add' ? 'already in' : 'not in'} the list`,
        ]
      : []),
  ];
  const words = { done, tried: `change the ${listName} of ${subject}`, lines };
  const request = s.request(row.ops.update, keyArgs(row, found), { [list.property]: next });
  request.subject = subject;
  // An operation BOT_CONFIG's `confirm:` names asks here too; the confirmed run posts these same words.
  const op = ctx.catalogue.get(row.ops.update);
  if (op && (await confirmFirst(ctx, s.target, op, request, words))) return;
  const outcome = await ctx.pipeline.run(request);
  if (outcome.kind !== 'done') return deliverOutcome(ctx, s.target, outcome);
  await replyInChannel(s.target, entityWriteMessage(outcome, words), ctx.logger);
}

/** Longest line that still reads as one `before → after`; longer lists are said in two lines. */
const ONE_LINE = 380;

/** The list before → after, by name (DESIGN §4): who else is in it is as telling as who was added. */
function listChange(listName: string, before: Obj[], after: Obj[]): string[] {
  const said = (items: Obj[]) =>
    items.length === 0 ? 'nobody' : items.map((m) => displayName(m)).join(', ');
  const line = `${listName}: ${said(before)} → ${said(after)}`;
  if (line.length <= ONE_LINE) return [line];
  return [
    `${listName} before (${before.length}): ${said(before)}`,
    `${listName} after (${after.length}): ${said(after)}`,
  ];
}

async function currentList(
  s: EntitySession,
  row: EntityRow,
  list: MemberList,
  found: Obj,
): Promise<Obj[] | undefined> {
  const full = await fullObject(s, row, found);
  if (!full) return undefined;
  const items = full.object[list.property];
  return Array.isArray(items) ? items.filter((i): i is Obj => i !== null && typeof i === 'object') : [];
}

const keyOf = (m: Obj): string => String(m.Number ?? m.Id ?? m.Name);
const keysOf = (items: Obj[]): string[] => items.map(keyOf).sort();

/** The list after the change, items shaped as the list's own (Id, Name, Number as the item type has them). */
function applyChange(before: Obj[], users: Obj[], list: MemberList, change: 'add' | 'remove') {
  const present = new Set(before.map(keyOf));
  const asItem = (u: Obj): Obj => {
    const item: Obj = {};
    if (list.itemProperties.includes('Id')) item.Id = u.Id;
    if (list.itemProperties.includes('Number')) item.Number = u.Number;
    if (list.itemProperties.includes('Name')) item.Name = displayName({ ...u, Number: undefined });
    return item;
  };
  const changed: Obj[] = [];
  const unchanged: Obj[] = [];
  let next = [...before];
  for (const user of users) {
    const key = keyOf(user);
    const isIn = present.has(key);
    if (change === 'add' ? isIn : !isIn) {
      unchanged.push(user);
      continue;
    }
    changed.push(user);
    if (change === 'add') {
      next.push(asItem(user));
      present.add(key);
    } else {
      next = next.filter((m) => keyOf(m) !== key);
      present.delete(key);
    }
  }
  return { next, changed, unchanged };
}
