import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { signRequest, slashCommandBody } from '../../test/support/signing';
import { Pool } from '../lib/load';
import { SIGNING_SECRET, spawnBot } from '../lib/processes';
import { type Figure, ms, type ScenarioReport } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { type LatencySummary, summarize } from '../lib/stats';

/**
 * The everyday lookups on a PBX with 10,000 users: `/3cx user <unique last name>` and `/3cx find <that name>`,
 * from the signed command to the private reply posted, with IN_FLIGHT commands in flight at all times; then one
 * of each alone, to count the PBX requests it made and the rows they brought back (replayed afterwards with a
 * token of our own). Beside them, the same search as one raw axios `$search` call to the same simulator.
 */

const IN_FLIGHT = 20;
const COMMANDS = 200;
const WARM_UP = 20;

interface Cost {
  requests: number;
  rows: number;
  keys: string[];
}

export async function everyday(servers: Servers, users: number): Promise<ScenarioReport> {
  await servers.latency(0);
  const who = await servers.uniqueUser();
  const bot = await spawnBot(servers.urls);
  const results: Record<string, { summary: LatencySummary; cost: Cost; aloneMs: number }> = {};
  try {
    const pool = new Pool(new URL(bot.url).origin, { connections: IN_FLIGHT * 2, pipelining: 1 });
    const send = async (text: string): Promise<{ ms: number; reply: string }> => {
      const id = randomUUID();
      const body = slashCommandBody({
        text,
        userId: 'U0ADMIN',
        channelId: 'C0OPS',
        responseUrl: `${servers.urls.slackUrl}/response/${id}`,
      });
      const sent = Date.now();
      const res = await pool.request({
        path: new URL(bot.url).pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signRequest(SIGNING_SECRET, body),
        },
        body,
      });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${text}: HTTP ${res.statusCode}`);
      const reply = await servers.waitReply(id);
      return { ms: reply.at - sent, reply: reply.text };
    };
    for (const text of [`user ${who.lastName}`, `find ${who.lastName}`]) {
      await closedLoop(IN_FLIGHT, WARM_UP, () => send(text));
      const times = await closedLoop(IN_FLIGHT, COMMANDS, async () => {
        const r = await send(text);
        if (!r.reply.includes(who.lastName))
          throw new Error(`${text} did not answer with the user: ${r.reply}`);
        return r;
      });
      await servers.clear();
      const alone = await send(text);
      const log = (await servers.xapiLog()).filter((r) => r.status === 200);
      results[text] = { summary: summarize(times), cost: await costOf(servers, log), aloneMs: alone.ms };
    }
    await pool.close();
  } finally {
    await bot.stop();
  }
  const raw = await rawSearch(servers, who.lastName);
  const user = results[`user ${who.lastName}`] as (typeof results)[string];
  const find = results[`find ${who.lastName}`] as (typeof results)[string];
  const figures: Figure[] = [
    latencyFigure('7a', '`/3cx user <unique last name>` reply posted, median', user.summary.p50, 300),
    latencyFigure('7b', '`/3cx user <unique last name>` reply posted, p99', user.summary.p99, 1000),
    {
      id: '7c',
      measure: '`/3cx user …`: PBX requests / rows transferred',
      result: `${user.cost.requests} / ${user.cost.rows}`,
      goal: '≤ 2 / ≤ 50',
      met: user.cost.requests <= 2 && user.cost.rows <= 50,
    },
    latencyFigure('7d', '`/3cx find <words>` reply posted, median', find.summary.p50, 300),
    latencyFigure('7e', '`/3cx find <words>` reply posted, p99', find.summary.p99, 1000),
    {
      id: '7f',
      measure: '`/3cx find …`: PBX requests / rows transferred',
      result: `${find.cost.requests} / ${find.cost.rows}`,
      goal: 'one per kind / ≤ 50',
      met: find.cost.rows <= 50,
    },
    {
      id: '7g',
      measure: 'raw axios `$search`, median',
      result: ms(raw.summary.p50),
      goal: '(baseline)',
      met: null,
    },
    {
      id: '7h',
      measure: 'raw axios `$search`, p99',
      result: ms(raw.summary.p99),
      goal: '(baseline)',
      met: null,
    },
    {
      id: '7i',
      measure: 'one at a time: `user …` / `find …` / raw `$search`',
      result: `${ms(user.aloneMs)} / ${ms(find.aloneMs)} / ${ms(raw.aloneMs)}`,
      goal: '(diagnostic)',
      met: null,
    },
  ];
  return {
    title: '7. Everyday lookups on 10,000 users',
    figures,
    details: [
      `The simulator holds ${users.toLocaleString('en-US')} users; the looked-up user is the only one named ${who.lastName} (extension ${who.number}). For each command ${WARM_UP} to warm up, then ${COMMANDS} with ${IN_FLIGHT} in flight, timed from sending the signed command to the Slack stand-in receiving the private reply on its response_url.`,
      `- \`/3cx user ${who.lastName}\`: median ${ms(user.summary.p50)}, p95 ${ms(user.summary.p95)}, p99 ${ms(user.summary.p99)}, max ${ms(user.summary.max)}; alone it made ${user.cost.requests} PBX request(s) (${user.cost.keys.join(', ')}) bringing ${user.cost.rows} row(s).`,
      `- \`/3cx find ${who.lastName}\`: median ${ms(find.summary.p50)}, p95 ${ms(find.summary.p95)}, p99 ${ms(find.summary.p99)}, max ${ms(find.summary.max)}; alone it made ${find.cost.requests} PBX requests, one per kind searched, at most 5 rows each, ${find.cost.rows} rows in all.`,
      `- Raw axios \`GET /xapi/v1/Users?$search=${who.lastName}&$top=5\` with its own token, ${COMMANDS} with ${IN_FLIGHT} in flight: median ${ms(raw.summary.p50)}, p95 ${ms(raw.summary.p95)}, p99 ${ms(raw.summary.p99)}. The bot keeps at most THREECX_MAX_CONCURRENCY (default 8) calls in flight to one PBX, so 20 commands queue behind 8 PBX calls, and its name \`$filter\` (every word in each name, number and email field, with its accented spellings) costs the simulator more than one \`$search\`; besides that the bot does the Slack request, signature and replay checks, the exactly-once claim, validation, permissions, the audit row and the reply.`,
    ],
  };
}

function latencyFigure(id: string, measure: string, value: number, goalMs: number): Figure {
  return {
    id,
    measure,
    result: ms(value),
    goal: `≤ ${goalMs.toLocaleString('en-US')} ms`,
    met: value <= goalMs,
  };
}

/** `count` calls of `run`, `width` at a time; the milliseconds each reported. */
async function closedLoop(
  width: number,
  count: number,
  run: () => Promise<{ ms: number }>,
): Promise<number[]> {
  const times: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      times.push((await run()).ms);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return times;
}

/** The requests of one command, replayed with a token of our own to count the rows each brought back. */
async function costOf(
  servers: Servers,
  log: { method: string; rawUrl: string; operationKey?: string }[],
): Promise<Cost> {
  const token = await tokenFor(servers);
  let rows = 0;
  for (const r of log) {
    if (r.method !== 'GET') continue;
    const res = await axios.get(`${servers.urls.simUrl}${r.rawUrl}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const value = (res.data as { value?: unknown }).value;
    rows += Array.isArray(value) ? value.length : 1;
  }
  return { requests: log.length, rows, keys: log.map((r) => r.operationKey ?? r.rawUrl) };
}

async function tokenFor(servers: Servers): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'sim-client',
    client_secret: 'sim-secret',
  });
  const res = await axios.post(`${servers.urls.simUrl}/connect/token`, form);
  return (res.data as { access_token: string }).access_token;
}

async function rawSearch(
  servers: Servers,
  word: string,
): Promise<{ summary: LatencySummary; aloneMs: number }> {
  const token = await tokenFor(servers);
  const client = axios.create({
    baseURL: `${servers.urls.simUrl}/xapi/v1`,
    headers: { Authorization: `Bearer ${token}` },
  });
  const once = async () => {
    const started = performance.now();
    await client.get('/Users', { params: { $search: word, $top: 5 } });
    return { ms: performance.now() - started };
  };
  await closedLoop(IN_FLIGHT, WARM_UP, once);
  const summary = summarize(await closedLoop(IN_FLIGHT, COMMANDS, once));
  return { summary, aloneMs: (await once()).ms };
}
