import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OperationCatalogue } from '../api/catalogue';
import type { XapiClient } from '../api/client';
import { userMessage, XapiError } from '../api/errors';
import { slackError } from '../commands/reply';
import type { JobQueue } from '../jobs';
import type { Store, WatchRecord, WatchState } from '../store';
import {
  type AlertView,
  alertMessage,
  changeEntryMessage,
  recoveryReply,
  type SlackMessage,
} from '../views/replies';
import { attributed, FEED_OPERATION, FEED_PAGE, parseFeed, sinceFilter } from './change-feed';
import { type Observation, watchKind } from './kinds';
import { advance } from './state-machine';

export const WATCH_POLL_JOB = 'watch-poll';

export interface WatchPollerDeps {
  store: Store;
  jobs: JobQueue;
  /** One client per PBX: each poll reads through it, so the PBX's concurrency cap bounds the polls too. */
  clients: ReadonlyMap<string, XapiClient>;
  catalogue: OperationCatalogue;
  slack: WebClient;
  logger: Logger;
  pollSeconds: number;
  now?: () => number;
}

/**
 * Polls each PBX's watched state every WATCH_POLL_SECONDS, off any person's request path. Every replica repeats
 * the poll job, but the job queue makes one job per PBX and slot, so one replica polls and an alert is posted
 * once. One read per operation per poll, whatever the number of watches.
 */
export class WatchPoller {
  private readonly now: () => number;

  constructor(private readonly deps: WatchPollerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Before the queue starts. */
  async listen(): Promise<void> {
    await this.deps.jobs.work<{ pbx: string }>(WATCH_POLL_JOB, (job) => this.poll(job.data.pbx));
  }

  /** After the queue starts. */
  start(): void {
    for (const pbx of this.deps.clients.keys()) {
      this.deps.jobs.repeat(WATCH_POLL_JOB, pbx, this.deps.pollSeconds * 1000, { pbx });
    }
  }

  async poll(pbx: string): Promise<void> {
    const client = this.deps.clients.get(pbx);
    if (!client) return;
    const watches = (await this.deps.store.watches.listByPbx(pbx)).filter((w) => watchKind(w.kind));
    if (watches.length === 0) return;
    const reads = new Map<string, Promise<unknown>>();
    const read = (key: string, params?: Record<string, unknown>) => {
      const memo = `${key} ${JSON.stringify(params ?? {})}`;
      let answer = reads.get(memo);
      if (!answer) {
        answer = client.call(key, params ? { params } : {}).then((r) => r.data);
        // Kept rejected for the other watches of this poll; nobody may be listening yet.
        answer.catch(() => {});
        reads.set(memo, answer);
      }
      return answer;
    };
    let feed: Promise<unknown> | undefined;
    for (const watch of watches) {
      const kind = watchKind(watch.kind);
      if (!kind) continue;
      if (watch.kind === 'changes') {
        // One read of the last hour per poll for every channel watching; each channel gets each entry once.
        feed ??= client
          .call(FEED_OPERATION, { params: { $filter: sinceFilter(this.now() - 3_600_000), $top: FEED_PAGE } })
          .then((r) => r.data);
        await this.postChanges(watch, feed).catch((err: unknown) =>
          this.deps.logger.debug(
            { watch: watch.id, err: (err as Error).message },
            'change feed read nothing',
          ),
        );
        continue;
      }
      let observed: Observation[];
      try {
        observed = await kind.observe(read, watch.options, this.now());
      } catch (err) {
        // A PBX that does not answer changes nothing here (`watch pbx` reports that); the next poll tries again.
        const why = err instanceof XapiError ? userMessage(err) : (err as Error).message;
        this.deps.logger.debug({ watch: watch.id, kind: watch.kind, why }, 'watch poll read nothing');
        continue;
      }
      for (const obs of observed) await this.track(watch, obs);
    }
  }

  private async track(watch: WatchRecord, obs: Observation): Promise<void> {
    const book = this.deps.store.watches;
    const prev = (await book.state(watch.id, obs.subject)) ?? {
      watchId: watch.id,
      subject: obs.subject,
      seenCount: 0,
    };
    const next = advance(prev, obs.state);
    const state: WatchState = {
      ...prev,
      confirmed: next.confirmed,
      seen: next.seen,
      seenCount: next.seenCount,
      label: obs.label,
      detail: obs.detail,
    };
    if (next.changed?.to === 'alert') {
      const since = this.now();
      delete state.ackedBy;
      delete state.alertTs;
      state.alertAt = since;
      const muted = prev.mutedUntil !== undefined && prev.mutedUntil > since;
      if (!muted) {
        delete state.mutedUntil;
        const ts = await this.post(watch.channel, alertMessage(this.view(watch, obs, state)));
        if (ts) state.alertTs = ts;
      }
    } else if (next.changed?.to === 'ok') {
      if (state.alertTs) {
        const view = this.view(watch, obs, state);
        view.recovered = { at: this.now(), detail: obs.detail };
        await this.post(watch.channel, recoveryReply(view), state.alertTs);
        await this.update(watch.channel, state.alertTs, alertMessage(view));
      }
      delete state.alertTs;
      delete state.ackedBy;
    }
    await book.putState(state);
  }

  private async postChanges(watch: WatchRecord, feed: Promise<unknown>): Promise<void> {
    const fresh = parseFeed(await feed).filter((e) => e.at >= watch.createdAt);
    if (fresh.length === 0) return;
    const entries = await attributed(this.deps.store, this.deps.catalogue, fresh);
    for (const entry of entries) {
      if (!(await this.deps.store.watches.firstSight(watch.pbx, `${watch.id}:${entry.id}`, this.now())))
        continue;
      await this.post(watch.channel, changeEntryMessage(entry, watch.pbx));
    }
  }

  private view(watch: WatchRecord, obs: Observation, state: WatchState): AlertView {
    const view: AlertView = {
      watchId: watch.id,
      subject: obs.subject,
      pbx: watch.pbx,
      label: obs.label,
      detail: obs.detail,
      since: state.alertAt ?? this.now(),
    };
    if (state.ackedBy) view.ackedBy = state.ackedBy;
    return view;
  }

  private async post(channel: string, msg: SlackMessage, threadTs?: string) {
    try {
      const posted = await this.deps.slack.chat.postMessage({
        channel,
        text: msg.text,
        blocks: msg.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return typeof posted.ts === 'string' ? posted.ts : undefined;
    } catch (err) {
      this.deps.logger.warn({ err: slackError(err), channel }, 'alert could not be posted');
      return undefined;
    }
  }

  private async update(channel: string, ts: string, msg: SlackMessage) {
    await this.deps.slack.chat
      .update({ channel, ts, text: msg.text, blocks: msg.blocks })
      .catch((err: unknown) =>
        this.deps.logger.warn({ err: slackError(err), channel }, 'alert could not be updated'),
      );
  }
}
