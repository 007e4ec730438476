import { burst, signedCommand, WRITE } from '../lib/load';
import { spawnBot } from '../lib/processes';
import type { ScenarioReport } from '../lib/report';
import type { Servers } from '../lib/servers-client';
import { median } from '../lib/stats';

/**
 * 1,000 `/3cx status` commands at once into a bot that has just started and holds no token: 3CX revokes a token
 * when it issues the next one, so exactly one token request may go out. A fresh process and database each time.
 */

const COMMANDS = 1_000;
const REPS = 3;

export async function tokens(servers: Servers): Promise<{ report: ScenarioReport; readyMs: number[] }> {
  await servers.latency(0);
  const counted: number[] = [];
  const readyMs: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    // Counted from the spawn: the bot's start-up read of the PBX's version takes the token the commands then share.
    await servers.clear();
    const bot = await spawnBot(servers.urls);
    readyMs.push(bot.readyMs);
    try {
      const statuses = await burst(bot.url, COMMANDS, () => signedCommand(WRITE, servers.urls.slackUrl));
      const refused = statuses.filter((s) => s !== 200).length;
      if (refused > 0) throw new Error(`${refused} of ${COMMANDS} commands were refused`);
      const counts = await servers.waitFor((c) => c.posts + c.responses >= COMMANDS, `${COMMANDS} answers`);
      if (counts.responses > 0) throw new Error(`bot failed ${counts.responses} commands`);
      counted.push(counts.tokens);
    } finally {
      await bot.stop();
    }
  }
  const worst = Math.max(...counted);
  return {
    readyMs,
    report: {
      title: '4. Token requests from a cold start',
      figures: [
        {
          id: '4',
          measure: `Token requests for ${COMMANDS.toLocaleString('en-US')} concurrent commands, cold start`,
          result: `${median(counted)} (every repetition: ${counted.join(', ')})`,
          goal: 'exactly 1',
          met: counted.every((n) => n === 1),
        },
      ],
      details: [
        `${COMMANDS} signed \`/3cx tenant-property set DEFAULT_LANGUAGE en\` sent at once over ${COMMANDS} connections to a freshly spawned bot (new SQLite database, no token), ${REPS} times; the simulator counts the POSTs to /connect/token from the spawn (the bot reads the PBX's version at start) until every confirmation is posted. Worst repetition: ${worst}.`,
      ],
    },
  };
}
