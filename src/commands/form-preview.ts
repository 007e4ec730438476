import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Operation } from '../api/catalogue';
import { humanize } from '../api/validation';
import { isSecretName, type Requester } from '../pipeline';
import { ADVANCED_JSON, encodeMetadata, layoutForm, type ModalMetadata, noticeModal } from '../views/modal';
import { type Change, changesAgainst, changesBody, editedFields, guardOf } from '../views/modal/prefill';
import { messageModal, type PreviewChange, previewModal, removals } from '../views/modal/preview';
import { uncarryState } from '../views/modal/state';
import { failureMessage } from '../views/replies';
import { changeLine } from '../words/changes';
import { listDelta, namesOf } from '../words/lists';
import { pathValue } from '../words/values';
import type { BotContext } from './context';
import { makeRequest } from './intent-handler';
import { prefillPlan, readCurrent, readFailure, subjectPhrase } from './prefill';
import { slackError } from './reply';

/**
 * A prefilled form's submission (issue 14 items 2 and 4): a form that changes nothing sends nothing and says so;
 * otherwise the object is read again, and the changes are shown before → after over the form, with Confirm. A list
 * that would lose members is named and needs "Replace the whole list" ticked. What Confirm runs travels sealed in
 * the preview's metadata; src/commands/listeners/form-preview.ts runs it.
 */

type Obj = Record<string, unknown>;
type Who = { requester: Requester; channel: string };

export type PrefilledAnswer =
  | { kind: 'errors'; errors: Record<string, string> }
  /** Pushed over the form at once; `after` runs once the ack is sent. */
  | { kind: 'push'; view: ModalView; after?: (client: WebClient) => Promise<void> };

const NOTHING =
  'Nothing to change: every field still holds the value it had when the form opened, so nothing was sent to 3CX. ' +
  '*Back* returns to the form.';

export function answerPrefilled(
  ctx: BotContext,
  op: Operation,
  meta: ModalMetadata & { prefill: string },
  submitted: Record<string, Record<string, unknown>>,
  who: Who,
): PrefilledAnswer {
  const values = meta.carried ? { ...uncarryState(meta.carried), ...submitted } : submitted;
  const edited = editedFields(ctx.catalogue, op, values, meta.prefill);
  if (edited.kind === 'stale')
    return {
      kind: 'errors',
      errors: { [ADVANCED_JSON]: 'This form is out of date; run the command again.' },
    };
  if (edited.kind === 'errors') return edited;
  const title = humanize(op.operationId);
  if (edited.edits.length === 0 && !edited.advanced)
    return { kind: 'push', view: messageModal('Nothing to change', NOTHING, { back: true }) };
  // Slack gives the pushed view's id to nobody: the bot names it, to update it once the object is read.
  const externalId = `preview-${ctx.newRequestId()}`;
  const wait = messageModal(title, `Reading the current values from *${meta.pbx}* to compare…`, {
    back: true,
    externalId,
  });
  return {
    kind: 'push',
    view: wait,
    after: async (client) => {
      const view = await previewView(ctx, op, meta, edited, who);
      await client.views.update({ external_id: externalId, view }).catch((err: unknown) => {
        ctx.logger.warn({ err: slackError(err) }, 'could not show the changes before they run');
      });
    },
  };
}

async function previewView(
  ctx: BotContext,
  op: Operation,
  meta: ModalMetadata,
  edited: Parameters<typeof changesAgainst>[2],
  who: Who,
): Promise<ModalView> {
  const plan = prefillPlan(ctx.catalogue, op, meta.args);
  if (!plan) return messageModal('Changes', 'This form can no longer be read back; run the command again.');
  const current = await readCurrent(ctx, who, plan, meta.args);
  if (!current.ok) return readFailure(current.outcome);
  const changes = changesAgainst(ctx.catalogue, op, edited, current.object);
  if (changes.length === 0)
    return messageModal(
      'Nothing to change',
      'The PBX already holds the values you entered (someone may have made the same change): nothing was sent to 3CX.',
      { back: true },
    );
  const body = changesBody(ctx.catalogue, op, changes, meta.args);
  const request = makeRequest(ctx, who, op.key, meta.args, body, 'modal');
  const checked = await ctx.pipeline.check(request);
  if (!checked.ok) {
    const o = checked.outcome;
    return o.kind === 'invalid' || o.kind === 'denied' || o.kind === 'failed'
      ? noticeModal('Cannot send this', failureMessage(o))
      : messageModal('Cannot send this', 'The bot could not check these changes; nothing was sent.');
  }
  const subject = subjectPhrase(plan, current.object);
  const shown = previewChanges(ctx, op, changes);
  const carried: Carried = {
    params: JSON.stringify(meta.args),
    body: JSON.stringify(body),
    guard: guardOf(changes, current.object),
    paths: JSON.stringify(changes.map((c) => c.path)),
    labels: JSON.stringify(changes.map((c) => c.label)),
    subject,
    user: who.requester.userId,
    replace: removals(shown).length > 0 ? '1' : '',
  };
  const unsealed = { op: op.key, channel: meta.channel, requestId: request.id, pbx: meta.pbx, args: carried };
  let metadata: string | undefined;
  try {
    metadata = encodeMetadata({ ...unsealed, seal: ctx.forms.seal(unsealed) });
  } catch {
    // Too large for Slack's 3,000 characters: the preview says so and offers no Confirm.
    metadata = undefined;
  }
  return previewModal({
    subject,
    pbx: meta.pbx,
    opKey: op.key,
    changes: shown,
    title: humanize(op.operationId),
    ...(metadata !== undefined ? { metadata } : {}),
  });
}

function previewChanges(ctx: BotContext, op: Operation, changes: Change[]): PreviewChange[] {
  return changes.map((c) => {
    const delta = Array.isArray(c.after) ? listDelta(c.before, c.after) : undefined;
    return {
      label: c.label,
      before: c.before,
      after: c.after,
      moved: c.moved,
      enumLike: c.enumLike || enumField(ctx, op, c.path),
      secret: isSecretName(c.path[c.path.length - 1] ?? ''),
      ...(delta ? { delta } : {}),
    };
  });
}

function enumField(ctx: BotContext, op: Operation, path: string[]): boolean {
  const field = layoutForm(ctx.catalogue, op).body.find((f) => f.key === path.join('.'));
  return field?.control === 'select' || field?.control === 'multiselect';
}

/** What the preview's Confirm carries, sealed as a form's arguments are. */
export const carriedShape = z.object({
  params: z.string(),
  body: z.string(),
  guard: z.string(),
  paths: z.string(),
  labels: z.string(),
  subject: z.string(),
  user: z.string(),
  replace: z.string(),
});
export type Carried = z.infer<typeof carriedShape>;

const pathsShape = z.array(z.array(z.string()));
const labelsShape = z.array(z.string());

/** The changed places and their labels, as the preview named them. */
export function carriedChanges(c: Carried): { path: string[]; label: string }[] | undefined {
  try {
    const paths = pathsShape.parse(JSON.parse(c.paths));
    const labels = labelsShape.parse(JSON.parse(c.labels));
    return paths.map((path, i) => ({ path, label: labels[i] ?? path.join('.') }));
  } catch {
    return undefined;
  }
}

/** The channel's lines: each change before → after, a list by who goes and who comes. */
export function changeLines(changes: { path: string[]; label: string }[], before: Obj, body: Obj): string[] {
  return changes.map(({ path, label }) => {
    const was = pathValue(before, path.join('.'));
    const now = pathValue(body, path.join('.'));
    const delta = Array.isArray(now) ? listDelta(was, now) : undefined;
    if (delta) {
      const parts = [
        ...(delta.removed.length > 0 ? [`removed ${namesOf(delta.removed)}`] : []),
        ...(delta.added.length > 0 ? [`added ${namesOf(delta.added)}`] : []),
      ];
      return `${label}: ${parts.length > 0 ? parts.join('; ') : 'reordered'}`;
    }
    return changeLine({ field: label, before: was ?? null, after: now }, () =>
      isSecretName(path[path.length - 1] ?? ''),
    );
  });
}
