import { defaultCatalogue } from '../../src/api/catalogue';
import { startSimulator } from '../../src/simulator';
import { checkBody } from '../../src/simulator/body-check';
import { buildCompany } from '../../src/simulator/company';
import { easterSunday } from '../../src/simulator/company/holidays';
import { entitySetModels } from '../../src/simulator/entity-model';
import { useSimulator, Xapi } from './helpers';

/** The seeded company: its size and shape, plausible rows in every set, and the same data for the same seed. */

type Row = Record<string, unknown>;
const catalogue = defaultCatalogue();
const models = entitySetModels(catalogue);
const DAY = 86_400_000;

/** The sets that held two rows of generic filler before the company filled them. */
const FILLED = [
  'BlackListNumbers',
  'Blocklist',
  'CallCostSettings',
  'CallFlowApps',
  'CallFlowScripts',
  'CustomPrompts',
  'EmailTemplate',
  'EmergencyGeoLocations',
  'EventLogs',
  'Firmwares',
  'Fxs',
  'FxsTemplates',
  'Holidays',
  'MyTokens',
  'NetworkInterfaces',
  'OAuthClients',
  'Parameters',
  'PhoneLogos',
  'PhoneTemplates',
  'Playlists',
  'PromptSets',
  'Recordings',
  'Sbcs',
  'ScheduledReports',
  'SecurityTokens',
  'ServicePrincipals',
  'SipDevices',
  'TrunkTemplates',
  'WebsiteLinks',
];

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every implausible value under `value`, as `path: why`. */
function implausible(value: unknown, now: number, path: string, name = ''): string[] {
  if (typeof value === 'string') {
    const problems: string[] = [];
    if (name && squash(value) !== '' && squash(value) === squash(name))
      problems.push(`${path}: its own name`);
    if (/sample/i.test(value)) problems.push(`${path}: says sample`);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      const at = Date.parse(value);
      if (!(at > now - 800 * DAY && at < now + 400 * DAY)) problems.push(`${path}: ${value} is far from now`);
    }
    return problems;
  }
  if (typeof value === 'number' && /^year(end)?$/i.test(name)) {
    const year = new Date(now).getUTCFullYear();
    return Math.abs(value - year) <= 1 ? [] : [`${path}: year ${value}`];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => implausible(item, now, `${path}[${i}]`, name));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => implausible(item, now, `${path}.${key}`, key));
  return [];
}

describe('the default company', () => {
  const box = useSimulator();

  it('has about forty people in departments, queues with agents and ring groups with members', async () => {
    const users = await box.xapi.list('/Users');
    expect(users).toHaveLength(40);
    const numbers = new Set(users.map((u) => u.Number));
    const groups = await box.xapi.list('/Groups?$expand=Members');
    expect(groups.map((g) => g.Name)).toEqual([
      'DEFAULT',
      'Sales',
      'Support',
      'Accounts',
      'Operations',
      'Management',
    ]);
    for (const g of groups) expect((g.Members as Row[]).length).toBeGreaterThan(0);
    const inGroups = groups.flatMap((g) => (g.Members as Row[]).map((m) => m.Number));
    expect(new Set(inGroups)).toEqual(numbers);
    const queues = await box.xapi.list('/Queues?$expand=Agents,Managers');
    expect(queues).toHaveLength(3);
    for (const q of queues) {
      expect((q.Agents as Row[]).length).toBeGreaterThanOrEqual(2);
      expect((q.Managers as Row[]).length).toBe(1);
      for (const a of q.Agents as Row[]) expect(numbers.has(a.Number)).toBe(true);
    }
    for (const rg of await box.xapi.list('/RingGroups?$expand=Members'))
      expect((rg.Members as Row[]).length).toBeGreaterThanOrEqual(2);
    const status = (await box.xapi.get('/SystemStatus')).body as Row;
    expect(status).toMatchObject({
      ExtensionsTotal: 40,
      CallsActive: (await box.xapi.list('/ActiveCalls')).length,
    });
  });

  it('fills each of the sets that held generic filler with rows of the company, of their schema type', async () => {
    for (const set of FILLED) {
      const model = models.get(set);
      if (!model) throw new Error(`${set} is not an entity set of the catalogue`);
      const rows = await box.xapi.list(`/${set}`);
      expect([set, rows.length > 0]).toEqual([set, true]);
      const keyType = catalogue.resolve({ kind: 'ref', name: model.typeName });
      const keyNode = keyType.kind === 'object' && model.key ? keyType.properties[model.key] : undefined;
      for (const row of rows) {
        const copy = { ...row };
        delete copy['@odata.etag'];
        // Three sets type their Id as text but are addressed by a whole number (`/NetworkInterfaces({Id})` takes
        // an integer): the number is what a by-key path finds, so the key is left out of the type check there.
        if (
          model.key &&
          keyNode &&
          catalogue.resolve(keyNode).kind === 'string' &&
          model.keyKind === 'integer'
        )
          delete copy[model.key];
        expect(() => checkBody(catalogue, copy, { kind: 'ref', name: model.typeName })).not.toThrow();
      }
    }
  });

  it('holds no value that is its property’s name or says "sample", and dates near now, in any set, report or singleton', () => {
    const now = Date.now();
    const { sets, reports, singletons } = box.sim.state;
    const problems = [
      ...Object.entries(sets).flatMap(([set, rows]) => implausible(rows, now, set)),
      ...Object.entries(reports).flatMap(([key, rows]) => implausible(rows, now, key)),
      ...Object.entries(singletons).flatMap(([key, row]) => implausible(row, now, key)),
    ];
    expect(problems).toEqual([]);
  });

  it('keeps the public holidays of the country, dated this year', async () => {
    const year = new Date().getUTCFullYear();
    const uk = await box.xapi.list('/Holidays');
    expect(uk.map((h) => h.Name)).toEqual(
      expect.arrayContaining(['Christmas Day', 'Boxing Day', 'Good Friday']),
    );
    const easter = easterSunday(year);
    const goodFriday = new Date(easter.getTime() - 2 * DAY);
    expect(uk.find((h) => h.Name === 'Good Friday')).toMatchObject({
      Year: year,
      Month: goodFriday.getUTCMonth() + 1,
      Day: goodFriday.getUTCDate(),
      IsRecurrent: false,
    });
    expect(uk.find((h) => h.Name === 'Christmas Day')).toMatchObject({
      Month: 12,
      Day: 25,
      IsRecurrent: true,
    });
    const german = await startSimulator({ port: 0, pbxIndex: 1 });
    try {
      const names = (await new Xapi(german).list('/Holidays')).map((h) => h.Name);
      expect(names).toEqual(
        expect.arrayContaining(['Tag der Deutschen Einheit', 'Karfreitag', 'Pfingstmontag']),
      );
    } finally {
      await german.close();
    }
  });

  it('dates Easter right', () => {
    expect(easterSunday(2024).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(easterSunday(2025).toISOString().slice(0, 10)).toBe('2025-04-20');
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
  });

  it('records real calls of the call history, and the event log tells the same story as the PBX', async () => {
    const history = box.sim.state.reports['ReportCallLogData.GetCallLogData'] as Row[];
    const recordings = await box.xapi.list('/Recordings');
    expect(recordings.length).toBeGreaterThan(5);
    for (const rec of recordings) {
      const call = history.find((c) => c.RecordingUrl === rec.RecordingUrl);
      expect(call).toMatchObject({ Answered: true, SourceDn: rec.FromDn });
      expect(Date.parse(String(rec.EndTime))).toBeGreaterThan(Date.parse(String(rec.StartTime)));
    }
    const log = await box.xapi.list('/EventLogs');
    const down = box.sim.state.trunks.find((t) => t.IsOnline !== true) as Row;
    const carrier = String((down.Gateway as Row).Name);
    expect(log.some((e) => e.Type === 'Error' && String(e.Message).includes(carrier))).toBe(true);
    const stopped = box.sim.state.services.filter((s) => s.Status !== 'Running').map((s) => s.Name);
    for (const name of stopped) expect(log.some((e) => String(e.Message).includes(String(name)))).toBe(true);
    expect(log.filter((e) => e.Message === 'Scheduled backup completed')).toHaveLength(
      (await box.xapi.list('/Backups')).length,
    );
  });

  it('gives call flow apps and service principals extension numbers of their own', async () => {
    const taken = new Map<unknown, string>();
    for (const model of models.values()) {
      if (!model.extension) continue;
      for (const row of box.sim.state.sets[model.set] ?? []) {
        expect([model.set, row.Number, taken.get(row.Number)]).toEqual([model.set, row.Number, undefined]);
        taken.set(row.Number, model.set);
      }
    }
    expect((await box.xapi.list('/CallFlowApps')).map((a) => a.Number)).toEqual(['610', '611']);
    expect((await box.xapi.list('/ServicePrincipals')).map((a) => a.Number)).toEqual(['900', '901']);
  });
});

describe('determinism', () => {
  const now = Date.UTC(2026, 2, 10, 14, 37, 12);

  it('builds the same company byte for byte from the same seed, users, time and PBX', () => {
    const options = { seed: 42, users: 40, now, pbxIndex: 0 };
    const first = JSON.stringify(buildCompany(options));
    expect(JSON.stringify(buildCompany({ ...options }))).toBe(first);
    expect(JSON.stringify(buildCompany({ ...options, seed: 43 }))).not.toBe(first);
    expect(JSON.stringify(buildCompany({ ...options, pbxIndex: 1 }))).not.toBe(first);
  });

  it('starts two simulators at different hours with the same calls in their last seven days', async () => {
    const counts: number[] = [];
    for (const start of [now, now + 9 * 3_600_000 + 17 * 60_000]) {
      const sim = await startSimulator({ port: 0, seed: 5, now: start });
      try {
        const since = new Date(start - 7 * DAY).toISOString();
        const res = await new Xapi(sim).get(
          `/ReportCallLogData/Pbx.GetCallLogData(periodFrom=${since},periodTo=${new Date(start).toISOString()},sourceType=0,sourceFilter='',destinationType=0,destinationFilter='',callsType=0,callTimeFilterType=0,callTimeFilterFrom='',callTimeFilterTo='',hidePcalls=false)?$count=true&$top=1&$filter=StartTime ge ${since}`,
        );
        expect(res.status).toBe(200);
        counts.push((res.body as { '@odata.count': number })['@odata.count']);
      } finally {
        await sim.close();
      }
    }
    expect(counts[0]).toBeGreaterThan(100);
    expect(counts[1]).toBe(counts[0]);
  });
});
