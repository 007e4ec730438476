import { PICKER_HINT } from '../views/modal';
import { isSearch } from './form';
import { FormSession } from './form-session';
import { isObject, type Json } from './json';
import {
  channelFor,
  channelName,
  type DemoPerson,
  HOME_CHANNEL,
  knownChannels,
  personFor,
  unknownMember,
} from './people';
import { type ButtonPlace, showCalls } from './show';
import { postSigned } from './slack/bot-client';
import { blockActionsBody, blockSuggestionBody, slashCommandBody, viewSubmissionBody } from './slack/signing';
import type { DemoStack } from './stack';

/**
 * The terminal that plays Slack. Each input line is what a person would do in Slack (type a slash command, press
 * a button, answer a form field); the console sends it to the bot as Slack would (a signed HTTP request), waits
 * until the bot has finished handling it, and prints what the bot posted.
 */

export interface ConsoleOptions {
  stack: DemoStack;
  write(line: string): void;
  /** Print each input line after its prompt (scripts); a terminal shows what was typed already. */
  echo: boolean;
  user?: string;
  /** How long the bot may take over one step before it counts as not answering. */
  stepTimeoutMs?: number;
}

const USAGE =
  'Type /3cx <command> (try /3cx help), click <N> to press button N, --as <user> to become another member, ' +
  '--in <#channel> to move to another channel, sim trunk <number> down|up to change the simulated PBX, ' +
  'wait for <words> to see what the bot posts by itself (alerts, scheduled runs), or quit.';

/** How long `wait for` waits for the bot to post something by itself. */
const WAIT_LIMIT_MS = 30_000;

export class DemoConsole {
  private person: DemoPerson;
  private channel = HOME_CHANNEL;
  /** Slack calls printed so far: what the bot posts between steps (alerts, scheduled runs) is shown by `wait`. */
  private shownUpTo = 0;
  private readonly buttons = new Map<number, ButtonPlace>();
  private nextButton = 1;
  private form: FormSession | undefined;
  /** One line per step the bot did not answer; a script with any fails. */
  readonly failures: string[] = [];

  constructor(private readonly options: ConsoleOptions) {
    const start = options.user ? personFor(options.user) : undefined;
    if (options.user && !start) throw new Error(`--as ${options.user}: ${unknownMember(options.user)}`);
    this.person = start ?? (personFor('demo-admin') as DemoPerson);
  }

  get user(): string {
    return this.person.name;
  }

  /** The first line of every session: which PBX, which Slack, who you are. */
  banner(): string {
    const { stack } = this.options;
    const pbx =
      stack.pbxNames.length > 1
        ? `${stack.pbxNames.length} built-in 3CX simulators (${stack.pbxNames.join(', ')}; #${stack.pbxNames[0]} and the others are bound to theirs, #ops to none)`
        : stack.simulated
          ? 'built-in 3CX simulator'
          : stack.pbxUrl;
    return `3cx-slack demo · PBX: ${pbx} · Slack: local stand-in · you are ${this.person.name} in ${channelName(this.channel)}`;
  }

  get prompt(): string {
    return this.form ? '  │ › ' : `${this.person.name} › `;
  }

  get formOpen(): boolean {
    return this.form !== undefined;
  }

  /** Handles one line; resolves once the bot has finished answering it. */
  async line(input: string): Promise<void> {
    const text = input.trim();
    if (this.form) {
      if (text.startsWith('#')) return this.out(text);
      this.echo(input);
      return this.answer(text);
    }
    if (text === '') return;
    if (text.startsWith('#')) return this.out(text);
    this.echo(text);
    const as = /^--as\s+(\S+)\s*(.*)$/.exec(text);
    if (as) return this.switchUser(as[1] ?? '', as[2] ?? '');
    const into = /^--in\s+(\S+)\s*(.*)$/.exec(text);
    if (into) return this.switchChannel(into[1] ?? '', into[2] ?? '');
    const sim = /^sim\s+trunk\s+(\S+)\s+(down|up)$/i.exec(text);
    if (sim) return this.trunk(sim[1] ?? '', (sim[2] ?? '').toLowerCase() === 'up');
    const wait = /^wait\s+for\s+(.+)$/i.exec(text);
    if (wait) return this.waitFor((wait[1] ?? '').trim());
    if (/^\/3cx(\s|$)/.test(text)) return this.command(text.slice('/3cx'.length).trim());
    const click = /^click\s+(\d+)$/.exec(text);
    if (click) return this.click(Number(click[1]));
    this.fail(`"${text}" is not something the console understands. ${USAGE}`);
  }

  /** Call after the last line: a form still waiting for answers counts as unanswered. */
  finish(): string[] {
    if (this.form) this.fail(`the input ended while the form “${this.form.title}” was still open.`);
    this.form = undefined;
    return this.failures;
  }

  private out(line: string): void {
    this.options.write(line);
  }

  private echo(input: string): void {
    if (this.options.echo) this.out(`${this.prompt}${input}`.trimEnd());
  }

  private fail(reason: string): void {
    this.failures.push(reason);
    this.out(`  ✗ ${reason}`);
  }

  private async switchChannel(name: string, rest: string): Promise<void> {
    const id = channelFor(name);
    if (!id) return this.fail(`"${name}" is not a demo channel; use one of ${knownChannels().join(', ')}`);
    this.channel = id;
    this.out(`  (you are now in ${channelName(id)})`);
    if (rest !== '') await this.line(rest);
  }

  /** A trunk of the simulated PBX goes down or comes back, as when its provider fails: no admin change. */
  private trunk(number: string, up: boolean): void {
    const sim = this.options.stack.simulator;
    if (!sim) {
      this.fail('sim works only with the built-in simulator as the PBX (THREECX_URL unset).');
      return;
    }
    const trunks = sim.state.trunks as {
      Number?: unknown;
      IsOnline?: unknown;
      Gateway?: { Name?: unknown };
    }[];
    const trunk = trunks.find((t) => String(t.Number) === number);
    if (!trunk) {
      const numbers = trunks.map((t) => String(t.Number)).join(', ');
      this.fail(`the simulated PBX has no trunk ${number}; its trunks: ${numbers}`);
      return;
    }
    trunk.IsOnline = up;
    this.out(
      `  (on the PBX, trunk ${number} ${String(trunk.Gateway?.Name ?? '')} is now ${up ? 'up' : 'down'})`,
    );
  }

  /** Waits until the bot posts something containing `words` by itself, then prints all it posted meanwhile. */
  private async waitFor(words: string): Promise<void> {
    const { slack } = this.options.stack;
    const from = this.shownUpTo;
    const wanted = words.replace(/^"|"$/g, '').toLowerCase();
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!slack.calls.slice(from).some((c) => JSON.stringify(c.body).toLowerCase().includes(wanted))) {
      if (Date.now() > deadline) {
        this.show(from);
        return this.fail(`waited ${WAIT_LIMIT_MS / 1000} s and the bot posted nothing with "${words}".`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.settle();
    this.show(from);
  }

  private async switchUser(name: string, rest: string): Promise<void> {
    const next = personFor(name);
    if (!next) return this.fail(unknownMember(name));
    this.person = next;
    this.out(`  (you are now ${next.name}, ${next.realName}, ${next.id})`);
    if (rest !== '') await this.line(rest);
  }

  private async command(text: string): Promise<void> {
    const mark = this.options.stack.slack.calls.length;
    const body = slashCommandBody({
      text,
      userId: this.person.id,
      userName: this.person.name,
      channelId: this.channel,
      channelName: channelName(this.channel).slice(1),
      responseUrl: this.options.stack.slack.responseUrl(),
    });
    await this.exchange(`/3cx ${text}`.trim(), body, mark);
  }

  private async click(n: number): Promise<void> {
    const place = this.buttons.get(n);
    if (!place) {
      const open = [...this.buttons.keys()];
      return this.fail(
        `there is no button ${n} on screen${open.length > 0 ? `; buttons: ${open.join(', ')}` : ''}.`,
      );
    }
    this.out(`  (${this.person.name} presses “${place.button.text}” in ${channelName(place.channel)})`);
    const mark = this.options.stack.slack.calls.length;
    const body = blockActionsBody({
      userId: this.person.id,
      userName: this.person.name,
      actionId: place.button.actionId,
      value: place.button.value,
      blockId: place.button.blockId,
      channelId: place.channel,
      responseUrl: this.options.stack.slack.responseUrl(),
      ...(place.ts !== undefined ? { messageTs: place.ts } : {}),
      messageBlocks: place.message.blocks,
      messageText: place.message.text,
    });
    await this.exchange(`click ${n}`, body, mark, place.messageKey);
  }

  /** Posts a signed request, waits until the bot is done with it, prints what it did. */
  private async exchange(what: string, body: string, mark: number, pressedIn?: string): Promise<unknown> {
    const { stack } = this.options;
    let answer: Awaited<ReturnType<typeof postSigned>>;
    try {
      answer = await postSigned(stack.eventsUrl, body, { secret: stack.signingSecret });
    } catch (err) {
      this.fail(`${what}: the bot could not be reached (${(err as Error).message}).`);
      return undefined;
    }
    if (answer.status !== 200) {
      this.fail(`${what}: the bot answered HTTP ${answer.status} instead of acknowledging.`);
      return undefined;
    }
    if (!(await this.settle())) {
      this.fail(`${what}: the bot was still busy after ${this.stepTimeoutMs / 1000} s.`);
    }
    // A form can be answered in the ack itself: errors under its fields, or a view put in its place.
    const action = isObject(answer.json) ? answer.json.response_action : undefined;
    const answeredInAck = action === 'errors' || action === 'push' || action === 'update';
    const visible = this.show(mark, pressedIn);
    if (visible === 0 && !answeredInAck) this.fail(`${what}: the bot did not answer.`);
    return answer.json;
  }

  private get stepTimeoutMs(): number {
    return this.options.stepTimeoutMs ?? 30_000;
  }

  private async settle(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.stepTimeoutMs);
    });
    const done = this.options.stack.bot.idle().then(() => true as const);
    const settled = await Promise.race([done, late]);
    clearTimeout(timer);
    return settled;
  }

  private show(mark: number, pressedIn?: string): number {
    const { slack } = this.options.stack;
    const shown = showCalls(
      {
        slack,
        invoker: this.person.id,
        channel: this.channel,
        addButton: (place) => {
          const n = this.nextButton++;
          this.buttons.set(n, place);
          return n;
        },
        forgetMessage: (key) => {
          for (const [n, place] of this.buttons) if (place.messageKey === key) this.buttons.delete(n);
        },
        ...(pressedIn !== undefined ? { pressedIn } : {}),
      },
      slack.calls.slice(mark),
    );
    this.shownUpTo = slack.calls.length;
    for (const line of shown.lines) this.out(line);
    const view = shown.views.at(-1);
    if (view) this.openForm(view);
    return shown.visible;
  }

  private openForm(view: Json): void {
    const form = new FormSession(view, (line) => this.out(line), this.person.name);
    this.form = form.closed ? undefined : form;
  }

  /** A picker's options, asked of the bot as Slack asks them while the person types. */
  private async suggest(form: FormSession, blockId: string, typed: string): Promise<void> {
    const { view } = form;
    const body = blockSuggestionBody({
      userId: this.person.id,
      blockId,
      value: typed,
      view: {
        id: typeof view.id === 'string' ? view.id : 'V0DEMO',
        privateMetadata: String(view.private_metadata ?? ''),
      },
    });
    let json: unknown;
    try {
      json = (
        await postSigned(this.options.stack.eventsUrl, body, { secret: this.options.stack.signingSecret })
      ).json;
    } catch (err) {
      this.fail(`suggestions: the bot could not be reached (${(err as Error).message}).`);
      return;
    }
    const options = isObject(json) && Array.isArray(json.options) ? json.options.filter(isObject) : [];
    const choices: { value: string; text: string }[] = [];
    for (const o of options) {
      const text = isObject(o.text) ? String(o.text.text ?? '') : '';
      // The one option that only says why there are none is told, not offered.
      if (o.value === PICKER_HINT) this.out(`  │ ${text}`);
      else choices.push({ value: String(o.value ?? ''), text });
    }
    form.offer(choices);
  }

  private async answer(text: string): Promise<void> {
    const form = this.form;
    if (!form) return;
    const asked = form.current();
    if (asked && text !== 'send' && text !== 'cancel' && isSearch(asked, text))
      return this.suggest(form, asked.blockId, text);
    const step = form.answer(text);
    if (step.kind === 'refused') return this.fail(step.reason);
    if (step.kind === 'closed') this.form = undefined;
    if (step.kind !== 'submit') return;
    this.form = undefined;
    const mark = this.options.stack.slack.calls.length;
    const body = viewSubmissionBody({
      userId: this.person.id,
      userName: this.person.name,
      ...step.submission,
    });
    const reply = await this.exchange('the form', body, mark);
    if (!isObject(reply)) return;
    if (reply.response_action === 'errors' && isObject(reply.errors)) {
      if (form.reopen(reply.errors)) this.form = form;
    } else if (
      (reply.response_action === 'update' || reply.response_action === 'push') &&
      isObject(reply.view) &&
      // A view the bot put in place during the step (the changes, after a wait it pushed) is the newer one.
      !this.form
    )
      this.openForm(reply.view);
  }
}
