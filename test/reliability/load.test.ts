import { answerQuestion } from '../support/confirm';
import { waitUntil } from '../support/wait';
import { type Rig, startRig } from './rig';

/**
 * Group 8, load with faults: 500 mixed commands (reads, writes, help) from 20 people, sent within 10 s, while
 * 1 % of the 3CX calls fail. Every command is acknowledged (200), every write is confirmed
 * in its channel or its failure told to its invoker, every 3CX call has exactly one finished audit row, and no
 * write reaches 3CX twice. How fast the acknowledgements come is measured by `npm run bench` (BENCHMARKS.md), not
 * asserted here: on a shared machine a wall-clock bound fails for reasons that are not the bot's.
 */

const USERS = Array.from({ length: 20 }, (_, i) => `U0L${String(i).padStart(2, '0')}`);
const CONFIG = `
roles:
  admin: { allow: ["*"] }
members:
${USERS.map((u) => `  ${u}: admin`).join('\n')}
`;

const TOTAL = 500;
const SPACING_MS = 10;

interface Planned {
  text: string;
  write: boolean;
  pbx: boolean;
  /** Reads the bot makes beside the command's own operation, each audited like any read. */
  extraReads?: number;
}

function plan(i: number): Planned {
  switch (i % 10) {
    case 0:
      // The seeded company has a trunk down and a service stopped: the verdict reads both lists to name them.
      return { text: 'status', write: false, pbx: true, extraReads: 2 };
    case 1:
      return { text: 'multicompany on', write: true, pbx: true };
    case 2:
      return { text: 'services', write: false, pbx: true };
    case 3:
      // The property is read first, so the confirmation shows its value before → after.
      return {
        text: 'tenant-property set DEFAULT_LANGUAGE Europe/London',
        write: true,
        pbx: true,
        extraReads: 1,
      };
    case 4:
      return { text: 'api Users.ListUser $top=3', write: false, pbx: true };
    case 5:
      return { text: 'multicompany off', write: true, pbx: true };
    case 6:
      return { text: `api Users.GetUser Id=${(Math.floor(i / 10) % 25) + 1}`, write: false, pbx: true };
    case 7:
      // The service's name is checked against the PBX's list before anything is asked or sent.
      return { text: 'services restart 3CXIVR01', write: true, pbx: true, extraReads: 1 };
    case 8:
      return { text: 'help', write: false, pbx: false };
    default:
      return { text: 'tenant-property get DEFAULT_LANGUAGE', write: false, pbx: true };
  }
}

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ config: CONFIG, logLevel: 'info' });
});
afterAll(async () => {
  await rig.close();
});

it('500 commands from 20 users in under 10 s with 1 % of 3CX calls failing: nothing lost, nothing doubled', async () => {
  // Five of the 450 3CX calls fail: three restarts (503, never retried) and both reads of user 13 (500).
  rig.sim.addFault({ path: '/xapi/v1/Services/Pbx.Restart', status: 503, times: 3 });
  rig.sim.addFault({ path: '/xapi/v1/Users(13)', status: 500 });
  const planned = Array.from({ length: TOTAL }, (_, i) => plan(i));
  const started = Date.now();
  const sent: Promise<{ status: number; ms: number; replyId: string }>[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const { text } = planned[i] as Planned;
    sent.push(
      rig.command(text, {
        user: USERS[(i + Math.floor(i / 10)) % USERS.length] as string,
        channel: `C0LOAD${i}`,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
  }
  const acks = await Promise.all(sent);
  expect(acks.every((a) => a.status === 200)).toBe(true);

  // The dangerous writes (DESIGN §4) ask their person first, and each presses Confirm.
  const confirmedAt = new Map<number, string>();
  await Promise.all(
    planned.map(async (p, i) => {
      if (!/^(multicompany|services restart)/.test(p.text)) return;
      const user = USERS[(i + Math.floor(i / 10)) % USERS.length] as string;
      const click = await answerQuestion(rig, (acks[i] as { replyId: string }).replyId, {
        user,
        timeoutMs: 20_000,
      });
      confirmedAt.set(i, click.replyId);
    }),
  );

  // Every command is answered: a write in its own channel (or privately when it failed), anything else privately.
  const answered = (i: number) => {
    const { replyId } = acks[i] as { replyId: string };
    const confirmed = confirmedAt.get(i);
    return (
      (confirmed === undefined
        ? rig.slack.responses(replyId).length > 0
        : rig.slack.responses(confirmed).length > 0) ||
      rig.slack.callsTo('chat.postMessage').some((c) => c.body.channel === `C0LOAD${i}`)
    );
  };
  await waitUntil(() => planned.every((_, i) => answered(i)), {
    what: 'an answer to every command',
    timeoutMs: 20_000,
  });
  await rig.bot.idle();

  const writes = planned.filter((p) => p.write).length;
  const confirmations = rig.slack
    .callsTo('chat.postMessage')
    .filter((c) => String(c.body.channel).startsWith('C0LOAD'));
  expect(confirmations).toHaveLength(writes - 3);
  expect(new Set(confirmations.map((c) => c.body.channel)).size).toBe(writes - 3);
  expect(rig.writes()).toHaveLength(writes);

  const rows = await rig.store.auditList({ limit: 2_000, since: started });
  expect(rows).toHaveLength(planned.reduce((n, p) => n + (p.pbx ? 1 + (p.extraReads ?? 0) : 0), 0));
  expect(new Set(rows.map((r) => r.requestId)).size).toBe(rows.length);
  expect(rows.filter((r) => r.outcome === undefined)).toEqual([]);
  expect(rows.filter((r) => r.outcome === 'failed')).toHaveLength(5);
  expect(new Set(rows.map((r) => r.userId)).size).toBe(20);
}, 60_000);
