import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSlackStandIn } from '../../src/demo/slack/slack-stand-in';
import { type Simulator, startSimulators } from '../../src/simulator';
import { postSigned } from '../../test/support/bot-client';
import { slashCommandBody } from '../../test/support/signing';
import { memoryOf, SIGNING_SECRET, spawnBot, WORK_DIR } from '../lib/processes';
import type { ScenarioReport } from '../lib/report';
import { ms, table } from '../lib/report';
import { median } from '../lib/stats';

/**
 * `fleet status` over 50 simulated PBXs, one of which hangs: how soon the other 49 are shown, when the hung one is
 * named (at its timeout), how many tokens the bot asked for, and the bot's memory with 50 PBXs. The bot runs as
 * `npm start` runs it, with `pbxs:` in BOT_CONFIG; the PBXs and the Slack stand-in run in this process.
 */

const PBXS = 50;
const REPS = 3;
/** The hung PBX's timeout (its `timeout:` in BOT_CONFIG); the others keep the default. */
const HUNG_TIMEOUT_MS = 3_000;

export async function fleetScenario(): Promise<ScenarioReport> {
  const sims = await startSimulators({ count: PBXS, port: 0 });
  // Each simulator writes its OpenAPI document on the first request (a second of this process's CPU each): done
  // here first, so the bot's start measures the bot, as against real PBXs that serve theirs at once.
  for (const sim of sims) await fetch(`${sim.url}/xapi/v1/swagger.yaml`).then((r) => r.text());
  const slack = await startSlackStandIn({ botToken: 'xoxb-test-token' });
  const names = sims.map((_, i) => `pbx${String(i + 1).padStart(2, '0')}`);
  const hung = names.length - 1;
  const configFile = path.join(WORK_DIR, 'fleet-config.yml');
  writeFileSync(configFile, fleetConfig(names, sims, hung));
  const secrets = Object.fromEntries(sims.map((s, i) => [`PBX${i + 1}_SECRET`, s.credentials.clientSecret]));
  const bot = await spawnBot(
    { simUrl: '', slackApiUrl: slack.apiUrl, slackUrl: slack.url },
    { env: { ...secrets, BOT_CONFIG: configFile, THREECX_URL: '', WATCH_POLL_SECONDS: '3600' } },
  );
  try {
    const atStart = memoryOf(bot.child.pid as number);
    // Every path of the hung PBX stalls past its timeout from now on (its OpenAPI document was read at start).
    (sims[hung] as Simulator).addFault({ path: /./, latencyMs: 60_000 });
    const runs: { first49: number; final: number }[] = [];
    for (let rep = 0; rep < REPS; rep++) runs.push(await fleetStatus(bot.url, slack, names[hung] as string));
    const tokens = sims.map((s) => s.tokenRequests());
    const memory = memoryOf(bot.child.pid as number);
    const first49 = median(runs.map((r) => r.first49));
    const final = median(runs.map((r) => r.final));
    const onePerPbx = tokens.every((t) => t === 1);
    return {
      title: '8. Several PBXs: fleet status over 50, one hanging',
      figures: [
        {
          id: '8a',
          measure: `fleet status over ${PBXS} PBXs, one hanging: the other ${PBXS - 1} shown`,
          result: ms(first49),
          goal: '≤ 1.5 s',
          met: first49 <= 1_500,
        },
        {
          id: '8b',
          measure: `the hung PBX named (its timeout ${HUNG_TIMEOUT_MS / 1000} s)`,
          result: ms(final),
          goal: 'at its timeout',
          met: final >= HUNG_TIMEOUT_MS && final <= HUNG_TIMEOUT_MS * 3 + 2_000,
        },
        {
          id: '8c',
          measure: 'token requests per PBX (start and three fleet reads)',
          result: onePerPbx ? `1 each (${tokens.reduce((a, b) => a + b, 0)} for ${PBXS})` : tokens.join(', '),
          goal: 'exactly 1 per PBX',
          met: onePerPbx,
        },
        {
          id: '8d',
          measure: `RSS of the bot with ${PBXS} PBXs`,
          result: `${memory.rssMb.toFixed(0)} MB (${atStart.rssMb.toFixed(0)} MB after start; peak ${memory.peakMb.toFixed(0)} MB)`,
          goal: '≤ 200 MB',
          met: memory.rssMb <= 200,
        },
      ],
      details: [
        `${PBXS} simulators (4 companies and their numbered branches on 20.0.7 to 20.0.10, 40 people each) in the bench process; the bot started as \`npm start\` with \`pbxs:\` listing them (\`client_secret_env\` each) and read every PBX's own OpenAPI document at start (ready after ${ms(bot.readyMs)}). Then every request to ${names[hung]} stalls 60 s; its \`timeout:\` is ${HUNG_TIMEOUT_MS} ms (a GET is tried again after a timeout, as every read is). ${REPS} signed \`/3cx fleet status\` one after the other; "shown" is the first Slack post (the direct-message table the bot posts past one second) listing ${PBXS - 1} PBXs, "named" the last edit naming ${names[hung]} with its reason. Token requests are the simulators' own counts; RSS is VmRSS from /proc after the three reads.`,
        '',
        ...table(
          ['repetition', 'other 49 shown', 'hung one named'],
          runs.map((r, i) => [String(i + 1), ms(r.first49), ms(r.final)]),
        ),
      ],
    };
  } finally {
    await bot.stop();
    await slack.close();
    await Promise.all(sims.map((s) => s.close()));
  }
}

function fleetConfig(names: string[], sims: Simulator[], hung: number): string {
  const lines = ['pbxs:'];
  sims.forEach((sim, i) => {
    const timeout = i === hung ? `, timeout: ${HUNG_TIMEOUT_MS}` : '';
    lines.push(
      `  ${names[i]}: { url: "${sim.url}", client_id: "${sim.credentials.clientId}", client_secret_env: PBX${i + 1}_SECRET${timeout} }`,
    );
  });
  lines.push('roles:', '  admin: { allow: ["*"] }', 'members:', '  U0ADMIN: admin');
  return `${lines.join('\n')}\n`;
}

/** One `fleet status`: ms until 49 PBXs are shown, and until the answer names the hung one. */
async function fleetStatus(
  url: string,
  slack: Awaited<ReturnType<typeof startSlackStandIn>>,
  hungName: string,
): Promise<{ first49: number; final: number }> {
  slack.clear();
  const body = slashCommandBody({
    text: 'fleet status',
    userId: 'U0ADMIN',
    channelId: 'C0OPS',
    responseUrl: slack.responseUrl(randomUUID()),
  });
  const started = Date.now();
  const res = await postSigned(url, body, { secret: SIGNING_SECRET });
  if (res.status !== 200) throw new Error(`fleet status answered HTTP ${res.status}`);
  const answered = (n: number) => (c: { body: Record<string, unknown> }) =>
    JSON.stringify(c.body).includes(`${n} of ${PBXS} PBXs answered`);
  const shown = await slack.waitFor(answered(PBXS - 1), 30_000);
  const named = await slack.waitFor(
    (c) =>
      answered(PBXS - 1)(c) &&
      !JSON.stringify(c.body).includes('still reading') &&
      JSON.stringify(c.body).includes(hungName),
    60_000,
  );
  return { first49: shown.at - started, final: named.at - started };
}
