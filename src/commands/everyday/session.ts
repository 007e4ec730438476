import type { Outcome } from '../../pipeline';
import { maskSecrets } from '../../pipeline';
import { errorMessage, failureMessage, type SlackMessage } from '../../views/replies';
import type { TimeWords } from '../../words/time';
import type { BotContext, ReplyTarget } from '../context';
import type { Invocation } from '../intent-handler';
import { makeRequest } from '../intent-handler';
import { replyPrivately } from '../reply';

export type Obj = Record<string, unknown>;

/**
 * What the everyday views share: every read goes through the one pipeline (validated, authorized, audited) as
 * the person who asked, and answers to them only; a read that stops is told with the pipeline's own words.
 */
export class ViewSession {
  constructor(
    readonly ctx: BotContext,
    readonly inv: Invocation,
    readonly target: ReplyTarget,
  ) {}

  get words(): TimeWords {
    return { timeZone: this.ctx.timeZone ?? 'UTC', now: this.ctx.now?.() ?? Date.now() };
  }

  run(key: string, args: Record<string, unknown> = {}, body?: unknown, subject?: string): Promise<Outcome> {
    const request = makeRequest(this.ctx, this.inv, key, args, body, 'command');
    if (subject) request.subject = subject;
    return this.ctx.pipeline.run(request);
  }

  /** A collection read: its rows (secrets masked) and 3CX's count, or the outcome that stopped it. */
  async rows(
    key: string,
    args: Record<string, unknown>,
  ): Promise<{ ok: true; rows: Obj[]; count?: number; outcome: Outcome } | { ok: false; outcome: Outcome }> {
    const outcome = await this.run(key, args);
    if (outcome.kind !== 'done') return { ok: false, outcome };
    const data = outcome.result.data as { value?: unknown; '@odata.count'?: unknown } | undefined;
    const value = Array.isArray(data?.value) ? (maskSecrets(data.value) as unknown[]) : [];
    const rows = value.filter((v): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v));
    const count = typeof data?.['@odata.count'] === 'number' ? data['@odata.count'] : undefined;
    return count === undefined ? { ok: true, rows, outcome } : { ok: true, rows, count, outcome };
  }

  /** Only the parameters this PBX's catalogue has for the operation: an older version may lack `$count`. */
  known(key: string, args: Record<string, unknown>): Record<string, unknown> {
    const op = this.ctx.catalogue.get(key);
    if (!op) return args;
    const names = new Set(op.params.map((p) => p.name));
    return Object.fromEntries(Object.entries(args).filter(([k]) => names.has(k)));
  }

  reply(message: SlackMessage): Promise<void> {
    return replyPrivately(this.target, message, this.ctx.logger);
  }

  say(text: string): Promise<void> {
    return this.reply(errorMessage(text));
  }

  fail(outcome: Outcome): Promise<void> {
    if (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied')
      return this.reply(failureMessage(outcome));
    return this.say('3CX did not answer as expected. Try again in a minute.');
  }
}
