import { type Simulator, startSimulator } from '../../src/simulator';
import { type SlackStandIn, startSlackStandIn } from '../../test/support/slack-stand-in';

/**
 * Child process holding the PBX simulator and the Slack stand-in, so their work does not share an event loop with
 * the load generator. Controlled over the fork IPC channel by `servers-client.ts`.
 */

export interface ServerCounts {
  tokens: number;
  xapi: number;
  posts: number;
  responses: number;
  uploads: number;
}

export type ServerCommand =
  | { op: 'latency'; ms: number }
  | { op: 'clearFaults' }
  | { op: 'clear' }
  | { op: 'counts' }
  | { op: 'upload' }
  | { op: 'privateReplies' };

export interface ServerUrls {
  simUrl: string;
  slackApiUrl: string;
  slackUrl: string;
}

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? '25');
  const sim = await startSimulator({ port: 0, users });
  const slack = await startSlackStandIn();
  process.on('message', (raw: { id: number; command: ServerCommand }) => {
    const answer = handle(sim, slack, raw.command);
    process.send?.({ id: raw.id, answer });
  });
  process.on('disconnect', () => {
    void Promise.all([sim.close(), slack.close()]).finally(() => process.exit(0));
  });
  const urls: ServerUrls = { simUrl: sim.url, slackApiUrl: slack.apiUrl, slackUrl: slack.url };
  process.send?.({ id: 0, answer: urls });
}

function handle(sim: Simulator, slack: SlackStandIn, command: ServerCommand): unknown {
  switch (command.op) {
    case 'latency':
      sim.clearFaults();
      if (command.ms > 0) sim.addFault({ path: /^\/xapi\//, latencyMs: command.ms });
      return true;
    case 'clearFaults':
      sim.clearFaults();
      return true;
    case 'clear':
      sim.clearLog();
      slack.clear();
      return true;
    case 'counts':
      return counts(sim, slack);
    case 'privateReplies':
      // What the bot told invokers privately (only failures, for a write): quoted when a run goes wrong.
      return slack
        .responses()
        .slice(0, 3)
        .map((call) => String(call.body.text ?? ''));
    case 'upload': {
      // The last completed upload: when it finished and how big it was.
      const done = slack.callsTo('files.completeUploadExternal').at(-1);
      const file = slack.files().at(-1);
      return done ? { at: done.at, bytes: file?.bytes?.length ?? 0 } : undefined;
    }
  }
}

function counts(sim: Simulator, slack: SlackStandIn): ServerCounts {
  let posts = 0;
  let responses = 0;
  let uploads = 0;
  for (const call of slack.calls) {
    if (call.method === 'chat.postMessage') posts++;
    else if (call.kind === 'response_url') responses++;
    else if (call.method === 'files.completeUploadExternal') uploads++;
  }
  const tokens = sim.tokenRequests();
  return { tokens, xapi: sim.requests.length - tokens, posts, responses, uploads };
}

void main();
