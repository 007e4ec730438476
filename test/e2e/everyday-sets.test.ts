import { defaultCatalogue } from '../../src/api/catalogue';
import { CURATED } from '../../src/commands/curated';
import { entityUsage } from '../../src/entities/help';
import { entitiesOf } from '../../src/entities/rows';
import { startTestBot, type TestBot } from './harness';

/**
 * Every entity set of the catalogue answers the three everyday reads, generated from its row: `<entity>`,
 * `<entity> <ref>` (a key the PBX itself listed) and `help <entity>`, none with an error.
 */

const rows = entitiesOf(defaultCatalogue()).rows;
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t.close();
});

/** A token of our own (it revokes the bot's, which the bot renews on its next call, as after any revocation). */
async function freshToken(): Promise<string> {
  const res = await fetch(`${t.sim.url}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=sim-client&client_secret=sim-secret',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const FAILED = /⚠️|❌|🚫|was not run|Unknown command/;

async function firstKey(set: string, key: string): Promise<string | undefined> {
  const res = await fetch(`${t.sim.url}/xapi/v1/${set}?$top=1`, {
    headers: { authorization: `Bearer ${await freshToken()}` },
  });
  const body = (await res.json()) as { value?: Record<string, unknown>[] };
  const value = body.value?.[0]?.[key];
  if (value === undefined || value === null) return undefined;
  // A key the catalogue types as text must come as text; a PBX answering a number there cannot be filtered on.
  const declared = rows.find((r) => r.set === set)?.keyKind;
  if (declared === 'string' && typeof value !== 'string') return undefined;
  return String(value);
}

it('the catalogue has the everyday sets under the names of DESIGN §3', () => {
  const index = entitiesOf(defaultCatalogue());
  for (const [word, set] of [
    ['users', 'Users'],
    ['extension', 'Users'],
    ['departments', 'Groups'],
    ['ivr', 'Receptionists'],
    ['ring-groups', 'RingGroups'],
    ['ring-group', 'RingGroups'],
    ['inbound-rules', 'InboundRules'],
    ['Fax', 'Fax'],
  ])
    expect(index.find(word as string)?.set).toBe(set);
  expect(rows.length).toBeGreaterThan(50);
});

const shown: string[] = [];
afterAll(() => {
  // Most sets answer a row the card can show; if none did, the middle step would test nothing.
  expect(shown.length).toBeGreaterThan(rows.length / 2);
});

describe.each(rows.map((r) => [r.plural, r] as const))('%s', (_plural, row) => {
  it('lists, shows one and has help, without an error', async () => {
    const list = await t.reply((await t.command(row.plural)).replyId);
    expect(list).not.toMatch(FAILED);
    const key = await firstKey(row.set, row.key);
    // A curated command may own the singular (`tenant-property`); its own grammar answers there.
    if (key !== undefined && !CURATED.some((c) => c.name === row.singular)) {
      const one = await t.reply((await t.command(`${row.singular} "id:${key}"`)).replyId);
      expect(one).not.toMatch(FAILED);
      shown.push(row.set);
    }
    const help = await t.reply((await t.command(`help ${row.plural}`)).replyId);
    expect(help).toContain(`/3cx help: ${row.plural}`);
    expect(help).not.toMatch(FAILED);
    // The examples help shows run as shown.
    for (const example of entityUsage(row).examples) {
      expect(help).toContain(`/3cx ${example}`);
      if (CURATED.some((c) => example.startsWith(`${c.name} `))) continue;
      const ran = await t.reply((await t.command(example)).replyId);
      expect({ example, ran }).not.toEqual({
        example,
        ran: expect.stringMatching(/❌|🚫|was not run|Unknown command/),
      });
    }
  });
});
