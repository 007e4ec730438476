import { type FormField, fieldPrompt, formFields, readAnswer } from './form';
import { isObject, type Json } from './json';
import { renderMessage } from './render';
import { modalTitle, NAMES } from './show';
import type { ViewStateValues } from './slack/signing';
import { type Filled, fillView } from './view-state';

/**
 * One open modal, asked field by field. Each typed line answers the field in front; after the last one (or on
 * `send`) the form is ready to submit, and when the bot refuses some answers only those fields are asked again.
 */

export type FormStep =
  | { kind: 'asking' }
  | { kind: 'closed' }
  /** The line was not an answer (a command typed while the form is open): a mistake in a script. */
  | { kind: 'refused'; reason: string }
  | { kind: 'submit'; submission: FormSubmission };

export interface FormSubmission {
  callbackId: string;
  privateMetadata: string;
  viewId?: string;
  stateValues: ViewStateValues;
}

/** What a view says besides its inputs, as lines. */
function textLines(view: Json): string[] {
  const blocks = Array.isArray(view.blocks)
    ? view.blocks.filter((b) => isObject(b) && b.type !== 'input')
    : [];
  return renderMessage({ blocks }, { ...NAMES, button: () => 0 });
}

export class FormSession {
  private readonly fields: FormField[];
  /** Indexes of the fields still to ask, in order. */
  private queue: number[];
  private readonly values: Record<string, Filled> = {};

  /** A view with no submit button (a notice, "nothing to change") is read, not filled: it closes at once. */
  readonly closed: boolean;

  constructor(
    readonly view: Json,
    private readonly out: (line: string) => void,
    openedFor: string,
  ) {
    this.fields = formFields(view, NAMES);
    this.queue = this.fields.map((_, i) => i);
    this.closed = !isObject(view.submit);
    if (this.closed) {
      out(`  ┌─ form “${this.title}”, shown to ${openedFor}`);
      for (const line of textLines(view)) out(`  │ ${line}`.trimEnd());
      out('  └─ closed');
      return;
    }
    const submit = String((view.submit as Json).text ?? 'Submit');
    out(`  ┌─ form “${this.title}”, opened for ${openedFor}`);
    out('  │ one answer per line; an empty line or - keeps the default; after the last field, or on');
    out(`  │ send, the form is sent (“${submit}”); cancel closes it`);
    // An operation's form is its fields; any other view (the changes before they run) is read before it is answered.
    if (view.callback_id !== 'op_modal') for (const line of textLines(view)) out(`  │ ${line}`.trimEnd());
    this.askNext();
  }

  get title(): string {
    return modalTitle(this.view);
  }

  answer(text: string): FormStep {
    if (text === 'cancel') {
      this.out('  └─ form closed without sending it');
      return { kind: 'closed' };
    }
    if (text === 'send') {
      for (const index of this.queue) this.keep(this.fields[index], this.fields[index]?.initial);
      this.queue = [];
      return this.submit();
    }
    const field = this.fields[this.queue[0] ?? -1];
    if (/^(\/3cx|--as|click)(\s|$)/.test(text)) {
      const label = field?.label ?? 'the next field';
      return {
        kind: 'refused',
        reason: `the form “${this.title}” is still open: answer “${label}”, type send to send it as it is, or cancel.`,
      };
    }
    if (field) {
      const read = readAnswer(field, text);
      if (!read.ok) {
        this.out(`  │ ✗ ${read.error}`);
        return { kind: 'asking' };
      }
      this.keep(field, read.value);
      this.queue.shift();
    }
    if (this.queue.length > 0) {
      this.askNext();
      return { kind: 'asking' };
    }
    return this.submit();
  }

  /** The field being asked, if any. */
  current(): FormField | undefined {
    return this.fields[this.queue[0] ?? -1];
  }

  /** The PBX's matches for a picker: shown as numbered choices, and the field asked again. */
  offer(choices: { value: string; text: string }[]): void {
    const field = this.current();
    if (!field) return;
    field.choices = choices;
    if (choices.length === 0) this.out('  │ ✗ no matches: type another word');
    this.askNext();
  }

  /** The bot refused some answers: its words go under each field, and those fields are asked again. */
  reopen(errors: Json): boolean {
    this.out(`  ┌─ form “${this.title}” stays open: the bot refused some answers`);
    const queue: number[] = [];
    for (const [blockId, message] of Object.entries(errors)) {
      const index = this.fields.findIndex((f) => f.blockId === blockId);
      this.out(`  │ ✗ ${this.fields[index]?.label ?? blockId}: ${String(message)}`);
      if (index >= 0) queue.push(index);
    }
    if (queue.length === 0) {
      this.out('  └─ no field to correct: the form is closed');
      return false;
    }
    this.queue = queue.sort((a, b) => a - b);
    this.askNext();
    return true;
  }

  private keep(field: FormField | undefined, value: Filled | undefined): void {
    if (!field) return;
    if (value === undefined) delete this.values[field.blockId];
    else this.values[field.blockId] = value;
  }

  private askNext(): void {
    const field = this.fields[this.queue[0] ?? -1];
    if (field) for (const line of fieldPrompt(field)) this.out(`  │ ${line}`);
  }

  private submit(): FormStep {
    this.out('  └─ sent');
    const view = this.view as Parameters<typeof fillView>[0] & Json;
    return {
      kind: 'submit',
      submission: {
        callbackId: String(view.callback_id ?? ''),
        privateMetadata: view.private_metadata,
        ...(typeof view.id === 'string' ? { viewId: view.id } : {}),
        stateValues: fillView(view, this.values),
      },
    };
  }
}
