import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OperationCatalogue } from '../api/catalogue';
import type { XapiClient } from '../api/client';
import { slackError } from '../commands/reply';
import type { JobQueue } from '../jobs';
import type { Store } from '../store';
import { changeEntryMessage } from '../views/replies';
import { attribute, FEED_OPERATION, parseFeed, sinceFilter } from './change-feed';

export const WRITE_ECHO_JOB = 'write-echo';
/** 3CX writes its audit entry as it applies the change; a moment later it is there to read. */
const ECHO_DELAY_MS = 1_500;

interface EchoJob {
  requestId: string;
  pbx: string;
  channel: string;
  ts: string;
  at: number;
}

/**
 * After the bot's own write, the PBX's audit log says what really changed: the confirmation in the channel gets
 * a thread reply with the PBX's before → after. In the background, so the person's reply never waits for it.
 */
export class WriteEcho {
  constructor(
    private readonly deps: {
      store: Store;
      jobs: JobQueue;
      clients: ReadonlyMap<string, XapiClient>;
      catalogue: OperationCatalogue;
      slack: WebClient;
      logger: Logger;
    },
  ) {}

  async listen(): Promise<void> {
    await this.deps.jobs.work<EchoJob>(WRITE_ECHO_JOB, (job) => this.echo(job.data));
  }

  /** Called with the confirmation's ts once it is posted. */
  async afterWrite(job: EchoJob): Promise<void> {
    await this.deps.jobs
      .send(WRITE_ECHO_JOB, job, { startAfter: Date.now() + ECHO_DELAY_MS })
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'the PBX change echo could not be queued'));
  }

  private async echo(job: EchoJob): Promise<void> {
    const client = this.deps.clients.get(job.pbx);
    if (!client) return;
    const [own] = (await this.deps.store.auditList({ limit: 20, since: job.at - 60_000 })).filter(
      (row) => row.requestId === job.requestId,
    );
    if (!own) return;
    const answer = await client.call(FEED_OPERATION, {
      params: { $filter: sinceFilter(job.at - 60_000), $top: 50 },
    });
    const entry = parseFeed(answer.data).find((e) => attribute(e, [own]) !== undefined);
    if (!entry) return;
    const msg = changeEntryMessage({ ...entry, bySlackUser: own.userId }, job.pbx);
    await this.deps.slack.chat
      .postMessage({ channel: job.channel, thread_ts: job.ts, text: msg.text, blocks: msg.blocks })
      .catch((err: unknown) =>
        this.deps.logger.warn({ err: slackError(err) }, 'the PBX change echo could not be posted'),
      );
  }
}
