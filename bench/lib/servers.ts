import { type Simulator, startSimulator } from '../../src/simulator';
import { type SlackStandIn, startSlackStandIn } from '../../test/support/slack-stand-in';

/**
 * Child process holding the PBX simulator and the Slack stand-in, so their work does not share an event loop with
 * the load generator. Controlled over the fork IPC channel by `servers-client.ts`.
 */

/** The API client of the same-I/O yardstick app (bolt-same-io.ts, a process of its own, says it again). */
export const SAME_IO_CLIENT = { clientId: 'bench-same-io', clientSecret: 'bench-same-io-secret' };

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
  | { op: 'privateReplies' }
  | { op: 'uniqueUser' }
  | { op: 'waitReply'; id: string }
  | { op: 'xapiLog' };

/** A private reply as the stand-in received it: when, and how it starts. */
export interface ReplySeen {
  at: number;
  text: string;
}

/** An XAPI request the simulator answered, for counting and replaying. */
export interface XapiSeen {
  method: string;
  rawUrl: string;
  operationKey?: string;
  status: number;
}

export interface ServerUrls {
  simUrl: string;
  slackApiUrl: string;
  slackUrl: string;
}

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? '25');
  // The same-I/O yardstick app (bolt-same-io.ts) is an API client of its own: sharing the bot's would revoke its token.
  const sim = await startSimulator({ port: 0, users, otherClients: [SAME_IO_CLIENT] });
  const slack = await startSlackStandIn();
  process.on('message', (raw: { id: number; command: ServerCommand }) => {
    void Promise.resolve(handle(sim, slack, raw.command)).then(
      (answer) => process.send?.({ id: raw.id, answer }),
      (err: unknown) => process.send?.({ id: raw.id, answer: { error: String(err) } }),
    );
  });
  process.on('disconnect', () => {
    void Promise.all([sim.close(), slack.close()]).finally(() => process.exit(0));
  });
  const urls: ServerUrls = { simUrl: sim.url, slackApiUrl: slack.apiUrl, slackUrl: slack.url };
  process.send?.({ id: 0, answer: urls });
}

function handle(sim: Simulator, slack: SlackStandIn, command: ServerCommand): unknown {
  switch (command.op) {
    case 'uniqueUser':
      return uniqueUser(sim);
    case 'waitReply':
      return slack
        .waitFor((c) => c.kind === 'response_url' && c.id === command.id, 30_000)
        .then((c): ReplySeen => ({ at: c.at, text: JSON.stringify(c.body).slice(0, 2000) }));
    case 'xapiLog':
      return sim.requests
        .filter((r) => r.path.startsWith('/xapi/'))
        .map(
          (r): XapiSeen => ({
            method: r.method,
            rawUrl: r.rawUrl,
            status: r.status,
            ...(r.operationKey ? { operationKey: r.operationKey } : {}),
          }),
        );
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

/**
 * A user no other shares a last name with, as `/3cx user <last name>` needs: the seed's if it has one, else one
 * added to the PBX's state (the seeded names repeat every 25 users).
 */
function uniqueUser(sim: Simulator): { lastName: string; number: string } {
  const users = sim.state.users;
  const seen = new Map<unknown, number>();
  for (const u of users) seen.set(u.LastName, (seen.get(u.LastName) ?? 0) + 1);
  const found = users.find((u) => seen.get(u.LastName) === 1);
  if (found) return { lastName: String(found.LastName), number: String(found.Number) };
  const id = users.length + 1;
  const number = String(90_000 + id);
  users.push({
    Id: id,
    Number: number,
    FirstName: 'Wilhelmina',
    LastName: 'Quennell',
    DisplayName: 'Wilhelmina Quennell',
    EmailAddress: 'wilhelmina.quennell@example.com',
    Enabled: true,
    IsRegistered: true,
    Groups: [],
  });
  sim.state.nextId.users = id + 1;
  return { lastName: 'Quennell', number };
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
