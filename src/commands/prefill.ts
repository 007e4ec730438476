import type { WebClient } from '@slack/web-api';
import type { Operation, OperationCatalogue } from '../api/catalogue';
import { humanize } from '../api/validation';
import { resolveRef } from '../entities/resolve';
import { type EntityRow, entitiesOf } from '../entities/rows';
import { odataText } from '../entities/search';
import type { Outcome, Requester } from '../pipeline';
import {
  buildMoreFieldsModal,
  buildOperationModal,
  encodeMetadata,
  layoutForm,
  type ModalMetadata,
  type ModalOverrides,
  noticeModal,
} from '../views/modal';
import { fingerprint, initialValues } from '../views/modal/prefill';
import { messageModal } from '../views/modal/preview';
import { errorMessage, failureMessage, type SlackMessage } from '../views/replies';
import { displayName, objectPhrase } from '../words/names';
import type { BotContext } from './context';
import { makeRequest } from './intent-handler';
import { slackError } from './reply';

/**
 * Update forms filled with today's values (DESIGN §3: "no fields: a form prefilled with today's values"). The form
 * opens at once with a wait, because a trigger_id lives 3 s; then the object is read through the pipeline, as the
 * person and audited, and `views.update` puts its values in the inputs. Pickers show the current reference by name.
 */

type Obj = Record<string, unknown>;
type Who = { requester: Requester; channel: string };

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface PrefillPlan {
  op: Operation;
  /** The GET at the same address, which answers what the PATCH changes. */
  read: Operation;
  row?: EntityRow;
  /** `/3cx user 115 set`: the object as the person named it, resolved once the form is open. */
  ref?: string;
}

function pathParams(op: Operation) {
  return op.params.filter((p) => p.in === 'path');
}

/**
 * Whether a form for `op` can be prefilled, decided locally (nothing may be asked of the PBX before views.open): an
 * update with a read at its address, and the address known (given, or a reference to resolve).
 */
export function prefillPlan(
  catalogue: OperationCatalogue,
  op: Operation,
  args: Record<string, string>,
  ref?: string,
): PrefillPlan | undefined {
  if (op.method !== 'PATCH' || !op.body) return undefined;
  const read = catalogue.operations.find((o) => o.method === 'GET' && o.path === op.path);
  if (!read) return undefined;
  const row = entitiesOf(catalogue).rows.find((r) => r.ops.update === op.key);
  const params = pathParams(op);
  if (ref !== undefined) {
    if (!row || params.length !== 1 || params[0]?.name !== row.key) return undefined;
    return { op, read, row, ref };
  }
  const given = new Set(Object.keys(args).map((k) => k.toLowerCase()));
  if (!params.every((p) => given.has(p.name.toLowerCase()))) return undefined;
  return row ? { op, read, row } : { op, read };
}

/** The wait the form opens with. */
export function loadingForm(op: Operation, pbx: string): ReturnType<typeof messageModal> {
  return messageModal(
    humanize(op.operationId),
    `Reading today's values from *${pbx}*… The form fills in as soon as the PBX answers.`,
  );
}

/** `user Nina Novak (125)` for an entity, the resource's name (`AI Settings`) for a singleton. */
export function subjectPhrase(plan: Pick<PrefillPlan, 'op' | 'row'>, object: Obj): string {
  if (plan.row) return objectPhrase(object, plan.row);
  return humanize(/^\/(\w+)/.exec(plan.op.path)?.[1] ?? plan.op.key);
}

export type Current = { ok: true; object: Obj } | { ok: false; outcome: Outcome };

/** The object as 3CX holds it now, read as the person; member lists expanded where the form has them. */
export async function readCurrent(
  ctx: BotContext,
  who: Who,
  plan: Pick<PrefillPlan, 'op' | 'read' | 'row'>,
  args: Record<string, unknown>,
): Promise<Current> {
  const readArgs: Record<string, unknown> = {};
  for (const p of pathParams(plan.read)) {
    const given = Object.entries(args).find(([k]) => k.toLowerCase() === p.name.toLowerCase());
    if (given) readArgs[p.name] = String(given[1]);
  }
  const inForm = new Set(layoutForm(ctx.catalogue, plan.op).body.map((f) => f.path[0]));
  const expand = (plan.row?.navigation ?? []).filter((n) => inForm.has(n));
  if (expand.length > 0 && plan.read.params.some((p) => p.name === '$expand'))
    readArgs.$expand = expand.join(',');
  const outcome = await ctx.pipeline.run(makeRequest(ctx, who, plan.read.key, readArgs, undefined, 'modal'));
  if (outcome.kind !== 'done') return { ok: false, outcome };
  const data = outcome.result.data;
  if (!isObj(data)) return { ok: false, outcome };
  const { '@odata.context': _context, ...object } = data;
  return { ok: true, object };
}

/** Why a read gave no object, in the words of any failure. */
export function readFailureMessage(outcome: Outcome): SlackMessage {
  if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied')
    return failureMessage(outcome);
  return errorMessage('3CX did not answer with the object; nothing was changed. Try again in a minute.');
}

/** The same, as the view that waited for the object says it. */
export function readFailure(outcome: Outcome): ReturnType<typeof noticeModal> {
  return noticeModal('Could not read it', readFailureMessage(outcome));
}

/** Names for the references the form's pickers hold today, one filtered read per set; unknown ones keep their value. */
export async function pickerLabels(
  ctx: BotContext,
  who: Who,
  op: Operation,
  initial: Record<string, unknown>,
): Promise<Record<string, Record<string, string>>> {
  const labels: Record<string, Record<string, string>> = {};
  for (const field of layoutForm(ctx.catalogue, op).body) {
    const ref = field.reference;
    const value = initial[field.key];
    if (!ref || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
    const row = entitiesOf(ctx.catalogue).bySetName(ref.set);
    if (!row || values.length === 0) continue;
    const literal = (v: string) => (ref.value === 'Id' ? (/^\d+$/.test(v) ? v : undefined) : odataText(v));
    const terms = values.map(literal).filter((t): t is string => t !== undefined);
    if (terms.length === 0) continue;
    const filter = terms.map((t) => `${ref.value} eq ${t}`).join(' or ');
    const outcome = await ctx.pipeline.run(
      makeRequest(
        ctx,
        who,
        row.ops.list,
        { $filter: filter, $top: String(terms.length) },
        undefined,
        'modal',
      ),
    );
    if (outcome.kind !== 'done') continue;
    const rows = (outcome.result.data as { value?: unknown } | undefined)?.value;
    const named: Record<string, string> = {};
    for (const r of Array.isArray(rows) ? rows.filter(isObj) : []) {
      const v = String(r[ref.value] ?? '');
      const name = displayName(r);
      // As the suggestions name them, so the prefilled option reads like the ones offered while typing.
      named[v] = ref.value === 'Id' && !name.includes(v) ? `${name} · #${v}` : name;
    }
    labels[field.key] = named;
  }
  return labels;
}

interface FillTarget {
  ctx: BotContext;
  client: WebClient;
  who: Who;
  viewId: string;
}

async function update(
  t: FillTarget,
  view: Parameters<WebClient['views']['update']>[0]['view'],
): Promise<void> {
  await t.client.views.update({ view_id: t.viewId, view }).catch((err: unknown) => {
    t.ctx.logger.warn({ err: slackError(err) }, 'could not update the form');
  });
}

/** The object the plan's reference names, or the view says why there is none. */
async function resolveTarget(t: FillTarget, plan: PrefillPlan & { row: EntityRow; ref: string }) {
  const { ctx, who } = t;
  const found = await resolveRef(
    {
      read: async (key, args) => {
        const outcome = await ctx.pipeline.run(makeRequest(ctx, who, key, args, undefined, 'modal'));
        return outcome.kind === 'done'
          ? { ok: true, data: outcome.result.data }
          : { ok: false, reason: outcome };
      },
    },
    plan.row,
    plan.ref,
  );
  const title = humanize(plan.op.operationId);
  switch (found.kind) {
    case 'one':
      return found.object;
    case 'failed':
      await update(t, readFailure(found.reason as Outcome));
      return undefined;
    case 'none': {
      const guesses = found.suggestions.map((s) => `\`${s}\``).join(', ');
      const text = `${found.message || `No ${plan.row.label} matches "${plan.ref}".`}${guesses ? ` Did you mean ${guesses}?` : ''}`;
      await update(t, messageModal(title, text));
      return undefined;
    }
    case 'many': {
      const names = found.candidates.map((c) => `• ${displayName(c, plan.row)}`).join('\n');
      const text = `Several ${plan.row.plural} match "${plan.ref}":\n${names}\nRun the command again with the number or \`id:…\` of one.`;
      await update(t, messageModal(title, text));
      return undefined;
    }
  }
}

/** After views.open: resolves the object, reads it, and puts today's values in the form. */
export async function fillForm(
  t: FillTarget,
  plan: PrefillPlan,
  meta: Omit<ModalMetadata, 'seal' | 'prefill'>,
  overrides: ModalOverrides = {},
): Promise<void> {
  const { ctx } = t;
  let args = meta.args;
  if (plan.ref !== undefined && plan.row) {
    const object = await resolveTarget(t, { ...plan, row: plan.row, ref: plan.ref });
    if (!object) return;
    args = { ...args, [plan.row.key]: String(object[plan.row.key]) };
  }
  const current = await readCurrent(ctx, t.who, plan, args);
  if (!current.ok) return update(t, readFailure(current.outcome));
  const initial = initialValues(ctx.catalogue, plan.op, current.object);
  const optionLabels = await pickerLabels(ctx, t.who, plan.op, initial);
  const unsealed = { ...meta, args, prefill: fingerprint(ctx.catalogue, plan.op, initial) };
  const sealed = { ...unsealed, seal: ctx.forms.seal(unsealed) };
  const intro =
    `Today's values of *${subjectPhrase(plan, current.object)}* on *${meta.pbx}*. Change what you want: only the ` +
    'fields you change are sent, and you see them before anything runs.';
  try {
    const view = buildOperationModal(ctx.catalogue, plan.op, sealed, {
      ...overrides,
      initial: { ...initial, ...overrides.initial },
      optionLabels,
      intro: overrides.intro ? `${overrides.intro}\n\n${intro}` : intro,
      submit: 'Review changes',
    });
    await update(t, view);
  } catch (err) {
    // Only encodeMetadata throws here: arguments too long to carry with the form.
    await update(t, messageModal(humanize(plan.op.operationId), (err as Error).message));
  }
}

/** "More fields" of a prefilled form: the object is read again for the second page's values. */
export async function fillMoreFields(
  t: FillTarget,
  op: Operation,
  meta: ModalMetadata & { carried: NonNullable<ModalMetadata['carried']> },
): Promise<void> {
  const { ctx } = t;
  const plan = prefillPlan(ctx.catalogue, op, meta.args);
  if (!plan)
    return update(
      t,
      messageModal('More fields', 'This form can no longer be filled in; run the command again.'),
    );
  const current = await readCurrent(ctx, t.who, plan, meta.args);
  if (!current.ok) return update(t, readFailure(current.outcome));
  const initial = initialValues(ctx.catalogue, op, current.object);
  const optionLabels = await pickerLabels(ctx, t.who, op, initial);
  try {
    encodeMetadata(meta);
    await update(
      t,
      buildMoreFieldsModal(ctx.catalogue, op, meta, { initial, optionLabels, submit: 'Review changes' }),
    );
  } catch (err) {
    await update(t, messageModal('More fields', (err as Error).message));
  }
}
