import type { InputBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { MASK } from '../../pipeline/mask';
import { type ListDelta, namesOf } from '../../words/lists';
import { humanValue } from '../../words/values';
import { context, section } from '../replies/blocks';
import { fitEscaped, truncate } from '../replies/limits';
import { shortTitle } from './build';
import { MODAL_LIMITS, plain } from './elements';
import { ACTION_ID } from './fields';

/**
 * The views around a prefilled form's submission: a wait while the object is read again, the changes before →
 * after with Confirm (nothing is sent before it), and "nothing to change". They are pushed over the form, so
 * Back returns to it with what the person typed.
 */

export const PREVIEW_CALLBACK_ID = 'op_preview';
/** The checkbox a list replacement needs ticked before Confirm sends anything. */
export const REPLACE_LIST = 'replace_list';
export const REPLACE_VALUE = 'replace';
/** A value longer than this is cut in the preview; the request carries it whole. */
const MAX_VALUE = 200;
const SECTION_TEXT = 3000;

export interface PreviewChange {
  label: string;
  before: unknown;
  after: unknown;
  /** Someone changed it on the PBX since the form opened. */
  moved: boolean;
  enumLike: boolean;
  secret: boolean;
  /** For a list: who would be removed and added. */
  delta?: ListDelta;
}

export interface PreviewInput {
  /** `user Nina Novak (125)`, `AI settings`. */
  subject: string;
  pbx: string;
  opKey: string;
  changes: PreviewChange[];
  /** The sealed metadata Confirm submits; without it (too large to carry) the view says why and cannot confirm. */
  metadata?: string;
  /** The form's title, so the views read as one exchange. */
  title: string;
}

/** A view with a message and no submit: waiting, a reason, nothing to change. */
export function messageModal(
  title: string,
  text: string,
  opts: { back?: boolean; externalId?: string } = {},
): ModalView {
  const view: ModalView = {
    type: 'modal',
    title: plain(shortTitle(title), MODAL_LIMITS.title),
    close: plain(opts.back ? 'Back' : 'Close', MODAL_LIMITS.button),
    blocks: [section(text)],
  };
  if (opts.externalId) view.external_id = opts.externalId;
  return view;
}

/** What a list replacement does, in one line: the members removed first, since they are the risk. */
function deltaLine(label: string, delta: ListDelta): string {
  const parts = [];
  if (delta.removed.length > 0) parts.push(`removes ${namesOf(delta.removed)}`);
  if (delta.added.length > 0) parts.push(`adds ${namesOf(delta.added)}`);
  parts.push(delta.kept.length > 0 ? `keeps ${namesOf(delta.kept)}` : 'keeps nobody');
  return `*${fitEscaped(label, 200)}*: ${fitEscaped(parts.join('; '), 1500)}`;
}

function changeText(change: PreviewChange): string {
  if (change.delta) return `• ${deltaLine(change.label, change.delta)}`;
  const shown = (v: unknown) => (change.secret ? MASK : truncate(humanValue(v, change.enumLike), MAX_VALUE));
  // The values are the PBX's and the person's own text: escaped, so they cannot format or mention anyone.
  const values = fitEscaped(`${shown(change.before)} → ${shown(change.after)}`, 600);
  const moved = change.moved ? ' _(changed on the PBX since the form opened)_' : '';
  return `• *${fitEscaped(change.label, 200)}*: ${values}${moved}`;
}

/** The removals a Confirm would make, when any list loses a member. */
export function removals(changes: PreviewChange[]): PreviewChange[] {
  return changes.filter((c) => (c.delta?.removed.length ?? 0) > 0);
}

function replaceChoice(changes: PreviewChange[]): InputBlock {
  const count = changes.reduce((n, c) => n + (c.delta?.removed.length ?? 0), 0);
  return {
    type: 'input',
    block_id: REPLACE_LIST,
    optional: true,
    label: plain('Replace the whole list', MODAL_LIMITS.label),
    hint: plain(
      '3CX keeps only the members it is sent: without this ticked, Confirm sends nothing.',
      MODAL_LIMITS.hint,
    ),
    element: {
      type: 'checkboxes',
      action_id: ACTION_ID,
      options: [
        {
          text: plain(`Yes, replace it (removes ${count})`, MODAL_LIMITS.optionText),
          value: REPLACE_VALUE,
        },
      ],
    },
  };
}

/** One bullet a line, as many to a section as fit its 3,000 characters. */
function linesInSections(lines: string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > SECTION_TEXT) {
      sections.push(section(current));
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(section(current));
  return sections;
}

export function previewModal(input: PreviewInput): ModalView {
  const removing = removals(input.changes);
  const n = input.changes.length;
  const blocks: KnownBlock[] = [
    context(`*${fitEscaped(input.opKey, 200)}*  ·  PBX ${fitEscaped(input.pbx, 100)}`),
    section(
      `*${n} change${n === 1 ? '' : 's'} to ${fitEscaped(input.subject, 500)}*, not sent yet. ` +
        '*Confirm* sends only these; *Back* returns to the form.',
    ),
    ...linesInSections(input.changes.map(changeText)).slice(0, MODAL_LIMITS.blocks - 6),
  ];
  if (removing.length > 0) {
    const who = removing.map((c) => `${c.label}: ${namesOf(c.delta?.removed ?? [])}`).join('; ');
    blocks.push(section(`⚠️ *This replaces the whole list* and removes ${fitEscaped(who, 2500)}.`));
    blocks.push(replaceChoice(removing));
  }
  const view: ModalView = {
    type: 'modal',
    callback_id: PREVIEW_CALLBACK_ID,
    title: plain(shortTitle(input.title), MODAL_LIMITS.title),
    close: plain('Back', MODAL_LIMITS.button),
    blocks,
  };
  if (input.metadata !== undefined) {
    view.submit = plain('Confirm', MODAL_LIMITS.button);
    view.private_metadata = input.metadata;
  } else {
    blocks.push(
      section(
        'These changes are too large to carry to the confirmation (Slack keeps 3,000 characters with a form); ' +
          'nothing was sent. Change fewer fields at once, or send them with `/3cx api … {json}`.',
      ),
    );
  }
  return view;
}
