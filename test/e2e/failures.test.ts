import { answerQuestion } from '../support/confirm';
import { sharedTestBot, startTestBot } from './harness';

/** Every failure kind reaches the invoker only, as a sentence that names the cause and the fix. */

describe('PBX failures', () => {
  const t = sharedTestBot({ timeoutMs: 500 });

  it('a 3CX error shows 3CX own message and code', async () => {
    t.sim.addFault({
      path: '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode',
      status: 400,
      body: {
        error: { code: 'MultiCompanyNotLicensed', message: 'Multi company mode needs an 8SC+ licence' },
      },
      times: 1,
    });
    const { replyId } = await answerQuestion(t, (await t.command('multicompany on')).replyId);
    const reply = await t.reply(replyId);
    expect(reply).toContain('Multi company mode needs an 8SC+ licence');
    expect(reply).toContain('MultiCompanyNotLicensed');
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a timeout says how long it waited and, for a write, to check before retrying', async () => {
    t.sim.addFault({ path: '/xapi/v1/SystemStatus/Pbx.SetMultiCompanyMode', latencyMs: 2_000, times: 1 });
    const { replyId } = await answerQuestion(t, (await t.command('multicompany on')).replyId);
    const reply = await t.reply(replyId, 5_000);
    expect(reply).toMatch(/did not answer|timed out|timeout/i);
    expect(reply).toMatch(/check/i);
  });

  it('the PBX unavailable (503) is named', async () => {
    t.sim.addFault({ path: '/xapi/v1/Services/Pbx.Restart', status: 503 });
    const { replyId } = await answerQuestion(t, (await t.command('services restart 3CXIVR01')).replyId);
    expect(await t.reply(replyId)).toMatch(/unavailable|busy|restarting/i);
    expect(t.xapiRequests().filter((r) => r.path === '/xapi/v1/Services/Pbx.Restart')).toHaveLength(1);
  });
});

it('bad credentials point to the API client settings', async () => {
  const t = await startTestBot({ env: {}, sim: { clientSecret: 'a-different-secret' } });
  try {
    const { replyId } = await t.command('status');
    expect(await t.reply(replyId)).toContain('THREECX_CLIENT_SECRET');
  } finally {
    await t.close();
  }
});

it('an unreachable PBX points to THREECX_URL', async () => {
  const t = await startTestBot({ pbxUrl: 'http://127.0.0.1:9' });
  try {
    const { replyId } = await t.command('status');
    expect(await t.reply(replyId)).toContain('THREECX_URL');
  } finally {
    await t.close();
  }
});
