import { type Read, type Resolution, resolveRef } from '../../entities/resolve';
import type { EntityRow } from '../../entities/rows';
import type { Outcome } from '../../pipeline';
import { errorMessage, failureMessage } from '../../views/replies';
import { choiceMessage } from '../../views/replies/entity-choice';
import type { BotContext, ReplyTarget } from '../context';
import type { EntityIntent } from '../grammar/entity';
import type { Invocation } from '../intent-handler';
import { makeRequest } from '../intent-handler';
import { replyPrivately, slackError } from '../reply';
import { commandText } from './text';

/**
 * What every entity verb shares: reads through the one pipeline (validated, authorized, audited), references
 * resolved with those reads, and the person told why when either stops.
 */
export class EntitySession {
  /** The last read that did not answer: the failure the person is shown. */
  private lastFailure: Outcome | undefined;

  constructor(
    readonly ctx: BotContext,
    readonly inv: Invocation,
    readonly target: ReplyTarget,
    readonly row: EntityRow,
    readonly intent: EntityIntent,
  ) {}

  request(key: string, args: Record<string, unknown>, body?: unknown) {
    return makeRequest(this.ctx, this.inv, key, args, body, 'command');
  }

  run(key: string, args: Record<string, unknown>, body?: unknown, subject?: string): Promise<Outcome> {
    const request = this.request(key, args, body);
    if (subject) request.subject = subject;
    return this.ctx.pipeline.run(request);
  }

  readonly read: Read = async (key, args) => {
    const outcome = await this.run(key, args);
    if (outcome.kind === 'done') return { ok: true, data: outcome.result.data };
    this.lastFailure = outcome;
    return { ok: false, reason: outcome };
  };

  /** `users.info` → the person's Slack email (needs users:read.email). */
  private readonly slackEmail = async (userId: string): Promise<string | undefined> => {
    try {
      const info = await this.inv.client.users.info({ user: userId });
      const email = (info.user as { profile?: { email?: unknown } } | undefined)?.profile?.email;
      return typeof email === 'string' && email.includes('@') ? email : undefined;
    } catch (err) {
      this.ctx.logger.warn({ err: slackError(err), user: userId }, 'users.info failed: mention not resolved');
      return undefined;
    }
  };

  resolve(ref: string, row: EntityRow = this.row): Promise<Resolution> {
    return resolveRef({ read: this.read, slackEmail: this.slackEmail }, row, ref);
  }

  /**
   * One object or nothing: several matches answer a choice (each button runs the same command with that one's
   * Id), none a did-you-mean. `which` names the reference inside the command, for the choice's buttons.
   */
  async one(
    ref: string,
    which: 'ref' | { member: number },
    row: EntityRow = this.row,
  ): Promise<Record<string, unknown> | undefined> {
    const found = await this.resolve(ref, row);
    switch (found.kind) {
      case 'one':
        return found.object;
      case 'failed':
        await this.fail();
        return undefined;
      case 'none': {
        const guesses = found.suggestions.map((s) => `\`${s}\``).join(', ');
        const message = found.message || `No ${row.label} matches "${ref}".`;
        await this.say(
          `${message}${guesses ? ` Did you mean ${guesses}?` : ''} \`/3cx ${row.plural}\` lists them.`,
        );
        return undefined;
      }
      case 'many': {
        const choices = found.candidates.map((c) => ({
          object: c,
          // With several PBXs the pick names this one, so it runs where the choice was made.
          command: `${commandText(this.intent, this.row.singular, which, `id:${String(c[row.key])}`)}${
            this.ctx.pbxs.names().length > 1 ? ` --pbx ${this.ctx.pbx}` : ''
          }`,
        }));
        await replyPrivately(this.target, choiceMessage(row, ref, choices, found.more), this.ctx.logger);
        return undefined;
      }
    }
  }

  async fail(outcome: Outcome | undefined = this.lastFailure): Promise<void> {
    if (outcome && (outcome.kind === 'failed' || outcome.kind === 'invalid' || outcome.kind === 'denied'))
      return replyPrivately(this.target, failureMessage(outcome), this.ctx.logger);
    return this.say('3CX did not answer as expected; nothing was changed. Try again in a minute.');
  }

  say(text: string): Promise<void> {
    return replyPrivately(this.target, errorMessage(text), this.ctx.logger);
  }
}
