import { type Simulator, startSimulator } from '../../src/simulator';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../e2e/harness';
import { postSigned } from '../support/bot-client';
import { databaseBackEnds, type TestDatabase } from '../support/databases';
import { slashCommandBody } from '../support/signing';
import { type SlackStandIn, startSlackStandIn } from '../support/slack-stand-in';

/**
 * DESIGN §7: a repeated request runs nothing twice. Behind a load balancer the replay may reach another replica
 * than the original did, so the signature is claimed in the database both share, not only in process memory.
 */
const backEnds = databaseBackEnds('replay', { sqlite: 'SQLite', postgres: 'PostgreSQL' });

describe.each(backEnds)(
  'a replay sent to another replica on the same database (%s)',
  (_name, makeDatabase) => {
    let database: TestDatabase;
    let sim: Simulator;
    let slack: SlackStandIn;
    const bots: TestBot[] = [];

    beforeEach(async () => {
      database = await makeDatabase();
      sim = await startSimulator({ port: 0 });
      slack = await startSlackStandIn();
    });
    afterEach(async () => {
      for (const bot of bots.splice(0)) await bot.close();
      await Promise.all([sim.close(), slack.close()]);
      await database.drop();
    });

    it('runs nothing there: one reply, a 200 for the replay', async () => {
      const databaseUrl = database.url;
      for (let i = 0; i < 2; i++)
        bots.push(await startTestBot({ databaseUrl, simulator: sim, slackStandIn: slack }));
      const [a, b] = bots as [TestBot, TestBot];
      const body = slashCommandBody({
        // help calls no 3CX operation, so no exactly-once claim of the pipeline stops a second run.
        text: 'help',
        userId: 'U0VIEW',
        channelId: 'C0OPS',
        responseUrl: slack.responseUrl('replayed'),
      });
      const timestamp = Math.floor(Date.now() / 1000);
      expect((await postSigned(a.url, body, { secret: SIGNING_SECRET, timestamp })).status).toBe(200);
      await slack.waitFor((c) => c.kind === 'response_url' && c.id === 'replayed');
      await a.bot.idle();

      expect((await postSigned(b.url, body, { secret: SIGNING_SECRET, timestamp })).status).toBe(200);
      await b.bot.idle();
      expect(slack.responses('replayed')).toHaveLength(1);
      expect(b.logs.join('')).toMatch(/"reason":"replay"/);

      // A request signed afresh is no replay: it runs on either replica.
      const again = await postSigned(b.url, body, { secret: SIGNING_SECRET, timestamp: timestamp + 1 });
      expect(again.status).toBe(200);
      await b.bot.idle();
      expect(slack.responses('replayed')).toHaveLength(2);
    });
  },
);
