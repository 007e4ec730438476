import { typeFields } from '../../entities/fields';
import type { EntityRow } from '../../entities/rows';
import { isSecretName, maskSecrets } from '../../pipeline';
import { entityWriteMessage } from '../../views/replies/entity-write';
import { changeLine, changesOf } from '../../words/changes';
import { displayName, objectPhrase } from '../../words/names';
import { askToConfirm, confirmFirst } from '../confirm';
import { deliverOutcome } from '../deliver';
import { replyInChannel } from '../reply';
import type { EntitySession } from './session';

type Obj = Record<string, unknown>;

function noOperation(s: EntitySession, verb: string): Promise<void> {
  return s.say(
    `A ${s.row.label} cannot be ${verb} through the API (the catalogue has no such operation for ${s.row.set}).`,
  );
}

/** `<entity> add field=value…` (no fields: the create form, opened before this runs). */
export async function addEntity(s: EntitySession): Promise<void> {
  const { row, ctx, intent } = s;
  if (!row.ops.create) return noOperation(s, 'created');
  const typed = typeFields(ctx.catalogue, row, intent.pairs);
  if (!typed.ok) return s.say(typed.problems.join('\n'));
  const request = s.request(row.ops.create, {}, typed.body);
  request.subject = `new ${row.label} ${displayName(typed.body, row)}`;
  // Created objects are not dangerous by 3CX's rules, but a `confirm:` pattern of BOT_CONFIG may say otherwise.
  const op = ctx.catalogue.get(row.ops.create);
  const asked = { done: `Created ${request.subject}`, tried: `create a ${row.label}`, lines: [] };
  if (op && (await confirmFirst(ctx, s.target, op, request, asked))) return;
  const outcome = await ctx.pipeline.run(request);
  if (outcome.kind !== 'done') return deliverOutcome(ctx, s.target, outcome);
  const created = outcome.result.data;
  const obj: Obj = created !== null && typeof created === 'object' ? (created as Obj) : typed.body;
  const id = obj[row.key];
  const done = `Created ${objectPhrase(obj, row)}${id !== undefined && row.key === 'Id' ? `, Id ${String(id)}` : ''}`;
  const lines = changesOf(undefined, maskSecrets(typed.body) as Obj).map((c) =>
    changeLine(c, isSecretName, isEnumOf(row)),
  );
  await replyInChannel(
    s.target,
    entityWriteMessage(outcome, { done, tried: `create a ${row.label}`, lines }),
    ctx.logger,
  );
}

/** `<entity> <ref> set field=value…`: sends only the fields named, and shows each before → after. */
export async function setEntity(s: EntitySession, ref: string): Promise<void> {
  const { row, ctx, intent } = s;
  if (!row.ops.update) return noOperation(s, 'changed');
  if (intent.pairs.length === 0) {
    const fields = Object.keys(row.aliases).join(', ');
    return s.say(
      `Say what to change: \`/3cx ${row.singular} ${ref} set field=value…\`. Fields: ${fields}, or any property (\`/3cx help ${row.singular}\`).`,
    );
  }
  const typed = typeFields(ctx.catalogue, row, intent.pairs);
  if (!typed.ok) return s.say(typed.problems.join('\n'));
  const found = await s.one(ref, 'ref');
  if (!found) return;
  const subject = objectPhrase(found, row);
  const request = s.request(row.ops.update, keyArgs(row, found), typed.body);
  request.subject = subject;
  const lines = changesOf(found, typed.body).map((c) => changeLine(c, isSecretName, isEnumOf(row)));
  const words = { done: `Updated ${subject}`, tried: `update ${subject}`, lines };
  const op = ctx.catalogue.get(row.ops.update);
  if (op && (await confirmFirst(ctx, s.target, op, request, words))) return;
  const outcome = await ctx.pipeline.run(request);
  if (outcome.kind !== 'done') return deliverOutcome(ctx, s.target, outcome);
  await replyInChannel(s.target, entityWriteMessage(outcome, words), ctx.logger);
}

/** `<entity> <ref> delete`: says what will go, by name, and waits for the asker's Confirm. */
export async function deleteEntity(s: EntitySession, ref: string): Promise<void> {
  const { row, ctx } = s;
  if (!row.ops.delete) return noOperation(s, 'deleted');
  const found = await s.one(ref, 'ref');
  if (!found) return;
  const subject = objectPhrase(found, row);
  const request = s.request(row.ops.delete, keyArgs(row, found));
  request.subject = subject;
  await askToConfirm(ctx, s.target, {
    request,
    question: `Delete ${subject} on ${request.pbx}`,
    words: { done: `Deleted ${subject}`, tried: `delete ${subject}`, lines: [] },
  });
}

/** Enum members are named types in the catalogue; their values read spaced (`RingAll` → `ring all`). */
const isEnumOf = (row: EntityRow) => (field: string) => row.properties[field]?.kind === 'ref';

export function keyArgs(row: EntityRow, obj: Obj): Record<string, unknown> {
  return { [row.key]: String(obj[row.key]) };
}
