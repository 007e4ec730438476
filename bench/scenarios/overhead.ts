import { randomUUID } from 'node:crypto';
import path from 'node:path';
import axios from 'axios';
import pino from 'pino';
import { requestToken } from '../../src/api/auth';
import { defaultCatalogue } from '../../src/api/catalogue';
import { XapiClient } from '../../src/api/client';
import { Transport } from '../../src/api/http';
import { createBot } from '../../src/app';
import { readBotSettings } from '../../src/config';
import { createLogger, silentLogger } from '../../src/logging';
import { parseBotConfig } from '../../src/permissions';
import type { OperationRequest } from '../../src/pipeline';
import { startSimulator } from '../../src/simulator';
import { openStore } from '../../src/store';
import { DEMO_CONFIG } from '../../test/e2e/harness';
import { startSlackStandIn } from '../../test/support/slack-stand-in';
import { SIGNING_SECRET, WORK_DIR } from '../lib/processes';
import { type Figure, ms, type ScenarioReport, table } from '../lib/report';
import { median } from '../lib/stats';

/**
 * What our code adds to one 3CX call: the pipeline (resolve, authorize, validate, audit to SQLite, the client with
 * its limiter, token and retry logic, logging at info) against a bare axios call to the same simulator route with
 * the same valid token. Sequential calls, the two kinds alternating, in this process.
 */

const CALLS = 400;
const REPS = 3;

interface Case {
  name: string;
  key: string;
  body?: unknown;
  method: 'get' | 'post';
  route: string;
}

const CASES: Case[] = [
  { name: 'read: status', key: 'SystemStatus.GetSystemStatus', method: 'get', route: '/SystemStatus' },
  {
    name: 'write: multicompany on',
    key: 'SystemStatus.SetMultiCompanyMode',
    body: { enable: true },
    method: 'post',
    route: '/SystemStatus/Pbx.SetMultiCompanyMode',
  },
];

export async function overhead(): Promise<ScenarioReport> {
  const sim = await startSimulator({ port: 0 });
  const slack = await startSlackStandIn({ userGroups: { S0NOC: ['U0OPS'] } });
  const catalogue = defaultCatalogue();
  const token = await fetchToken(sim.url);
  const logger = createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null' }) });
  const client = new XapiClient({
    pbx: 'default',
    baseUrl: sim.url,
    clientId: 'sim-client',
    clientSecret: 'sim-secret',
    catalogue,
    logger,
    // The bot and the raw calls share one token: a second token request would revoke the first.
    tokens: { getToken: async () => token, invalidate: () => undefined },
  });
  const store = await openStore(`sqlite:${path.join(WORK_DIR, 'overhead.db')}`, { logger });
  await store.migrate();
  const settings = readBotSettings({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    THREECX_URL: sim.url,
    THREECX_CLIENT_ID: 'sim-client',
    THREECX_CLIENT_SECRET: 'sim-secret',
    MCU_POLL_SECONDS: '0',
  });
  const bot = createBot({
    settings,
    botConfig: parseBotConfig(DEMO_CONFIG, 'bench'),
    catalogue,
    client,
    logger,
    store,
  });
  const raw = axios.create({
    baseURL: `${sim.url}/xapi/v1`,
    headers: { Authorization: `Bearer ${token}` },
  });

  const rows: string[][] = [];
  const figures: Figure[] = [];
  const added: number[] = [];
  try {
    for (const c of CASES) {
      const request = (): OperationRequest => ({
        id: randomUUID(),
        pbx: 'default',
        key: c.key,
        args: {},
        ...(c.body ? { body: c.body } : {}),
        requester: { userId: 'U0ADMIN' },
        channel: 'C0OPS',
        source: 'command',
      });
      const viaBot = async () => {
        const outcome = await bot.context.pipeline.run(request());
        if (outcome.kind !== 'done') throw new Error(`${c.key}: ${outcome.kind}`);
      };
      const viaAxios = async () => {
        if (c.method === 'get') await raw.get(c.route);
        else await raw.post(c.route, c.body);
      };
      for (let i = 0; i < 200; i++) {
        await viaBot();
        await viaAxios();
        sim.clearLog();
      }
      const reps: { bot: number; raw: number }[] = [];
      for (let rep = 0; rep < REPS; rep++) {
        const botMs: number[] = [];
        const rawMs: number[] = [];
        for (let i = 0; i < CALLS; i++) {
          rawMs.push(await timed(viaAxios));
          botMs.push(await timed(viaBot));
        }
        sim.clearLog();
        reps.push({ bot: median(botMs), raw: median(rawMs) });
      }
      const botMedian = median(reps.map((r) => r.bot));
      const rawMedian = median(reps.map((r) => r.raw));
      const extra = median(reps.map((r) => r.bot - r.raw));
      added.push(extra);
      rows.push([
        c.name,
        ms(rawMedian),
        ms(botMedian),
        ms(extra),
        reps.map((r) => ms(r.bot - r.raw)).join(', '),
      ]);
    }
  } finally {
    await bot.stop(100);
    await store.close();
    await Promise.all([sim.close(), slack.close()]);
  }
  const worst = Math.max(...added);
  figures.push({
    id: '3',
    measure: 'Overhead per operation against raw axios (median added)',
    result: `${ms(worst)} (worst of read and write)`,
    goal: '≤ 2 ms',
    met: worst <= 2,
  });
  return {
    title: '3. Overhead per operation',
    figures,
    details: [
      `\`pipeline.run()\` of the bot built by \`createBot\` (SQLite audit, pino at info to /dev/null) against \`axios\` to the same simulator route with the same token; ${CALLS} sequential calls of each per repetition, alternating, after 200 warm-up calls; ${REPS} repetitions. The Slack side (ack, reply) is not in this figure: it is in 1 and 2.`,
      '',
      ...table(
        ['operation', 'raw axios median', 'bot median', 'added (median of reps)', 'added per rep'],
        rows,
      ),
    ],
  };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** One token, fetched the way the bot fetches them; the raw calls and the bot then share it. */
async function fetchToken(base: string): Promise<string> {
  const transport = new Transport({ rejectUnauthorized: true });
  try {
    const fetched = await requestToken({
      pbx: 'default',
      tokenUrl: `${base}/connect/token`,
      clientId: 'sim-client',
      clientSecret: 'sim-secret',
      transport,
      timeoutMs: 5_000,
      logger: silentLogger(),
    });
    return fetched.token;
  } finally {
    transport.close();
  }
}
