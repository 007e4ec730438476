import { openStore, type Store } from '../../src/store';
import { csvCell, exportAudit, parseSince } from '../../src/store/export';

/** `npm run audit:export`: the rows, oldest first, unfinished ones included, in CSV or JSON. */

let store: Store;
beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
  const base = { userId: 'U1', channel: 'C1', pbx: 'default', source: 'command', params: {} };
  await store.auditBegin({ ...base, requestId: 'a', at: 1_000, operation: 'Services.Restart' });
  await store.auditFinish('a', { at: 1_500, outcome: 'done', httpStatus: 204, durationMs: 500 });
  await store.auditBegin({
    ...base,
    requestId: 'b',
    at: 2_000,
    operation: 'TenantProperties.UpdateProperty',
    params: { Name: '=cmd, "x"' },
  });
});
afterEach(() => store.close());

async function run(format: 'csv' | 'json', since?: number): Promise<string> {
  let out = '';
  await exportAudit(store, { format, ...(since !== undefined ? { since } : {}) }, (chunk) => {
    out += chunk;
  });
  return out;
}

it('writes CSV with a header, ISO times and an empty outcome for an unfinished row', async () => {
  const lines = (await run('csv')).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^requestId,at,finishedAt,outcome,/);
  expect(lines[1]).toMatch(/^a,1970-01-01T00:00:01\.000Z,1970-01-01T00:00:01\.500Z,done,U1,/);
  expect(lines[2]).toMatch(/^b,1970-01-01T00:00:02\.000Z,,,U1,/);
  expect(lines).toHaveLength(3);
});

it('writes a JSON array, and --since leaves older rows out', async () => {
  expect(JSON.parse(await run('json'))).toHaveLength(2);
  const later = JSON.parse(await run('json', 1_800));
  expect(later).toEqual([expect.objectContaining({ requestId: 'b', outcome: null, finishedAt: null })]);
  expect(JSON.parse(await run('json', 9_000))).toEqual([]);
});

it('quotes CSV cells and keeps formulas as text', () => {
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
  expect(csvCell({ Name: 'x' })).toBe('"{""Name"":""x""}"');
  expect(csvCell(null)).toBe('');
});

it('reads --since as a date or a span back from now', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  expect(parseSince('24h', now)).toBe(now - 86_400_000);
  expect(parseSince('2026-11-01', now)).toBe(Date.parse('2026-11-01'));
  expect(parseSince('yesterday', now)).toMatchObject({ error: expect.stringContaining('90m, 24h, 7d') });
});
