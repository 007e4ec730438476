import { z } from 'zod';

/**
 * What can be watched. Each kind names the read operations it polls (the person setting the watch needs each),
 * reads their answers with zod (a row missing a field it relies on is skipped, not a crash), and turns them into
 * one observation per watched thing.
 */

export interface Observation {
  /** Stable within the kind: `trunk:1`, `service:QueueManager`. */
  subject: string;
  /** People's words: `Example Carrier (10000)`. */
  label: string;
  state: 'ok' | 'alert';
  /** Why, in a few words: `down`, `Stopped`, `expires in 12 days`. */
  detail: string;
}

/** A read of the PBX, shared by every watch of one poll. */
export type Read = (key: string) => Promise<unknown>;

export interface WatchKind {
  name: string;
  operations: string[];
  /** Options from the words after the kind; a string is the error to show. */
  parseOptions(words: string[]): Record<string, unknown> | string;
  describe(options: Record<string, unknown>): string;
  observe(read: Read, options: Record<string, unknown>, now: number): Promise<Observation[]>;
}

function rows<T>(answer: unknown, row: z.ZodType<T>): T[] {
  const value = z.object({ value: z.array(z.unknown()) }).parse(answer).value;
  return value.flatMap((item) => {
    const parsed = row.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

const noOptions =
  (name: string) =>
  (words: string[]): Record<string, unknown> | string =>
    words.length === 0 ? {} : `\`watch ${name}\` takes no options (got "${words.join(' ')}").`;

const trunkRow = z.object({
  Id: z.union([z.number(), z.string()]),
  Number: z.string().optional(),
  IsOnline: z.boolean().optional(),
  Gateway: z.object({ Name: z.string().optional() }).nullish(),
});

const serviceRow = z.object({
  Name: z.string(),
  DisplayName: z.string().nullish(),
  Status: z.string().nullish(),
});

const licence = z.object({ ExpirationDate: z.string().nullish() });

const DAY_MS = 86_400_000;

export const WATCH_KINDS: readonly WatchKind[] = [
  {
    name: 'trunks',
    operations: ['Trunks.ListTrunk'],
    parseOptions: noOptions('trunks'),
    describe: () => 'trunks (down/up)',
    async observe(read) {
      return rows(await read('Trunks.ListTrunk'), trunkRow).map((t) => ({
        subject: `trunk:${t.Id}`,
        label: t.Gateway?.Name
          ? `${t.Gateway.Name}${t.Number ? ` (${t.Number})` : ''}`
          : `trunk ${t.Number ?? t.Id}`,
        state: t.IsOnline === false ? 'alert' : 'ok',
        detail: t.IsOnline === false ? 'down (not registered)' : 'up',
      }));
    },
  },
  {
    name: 'services',
    operations: ['Services.ListServiceInfo'],
    parseOptions: noOptions('services'),
    describe: () => 'services (stopped/started)',
    async observe(read) {
      return rows(await read('Services.ListServiceInfo'), serviceRow).map((s) => {
        const running = (s.Status ?? '').toLowerCase() === 'running';
        return {
          subject: `service:${s.Name}`,
          label: s.DisplayName ? `${s.DisplayName} (${s.Name})` : s.Name,
          state: running ? 'ok' : 'alert',
          detail: running ? 'running' : (s.Status ?? 'not running'),
        };
      });
    },
  },
  {
    name: 'pbx',
    operations: ['SystemStatus.GetSystemStatus'],
    parseOptions: noOptions('pbx'),
    describe: () => 'the PBX (unreachable, token refused)',
    async observe(read) {
      try {
        await read('SystemStatus.GetSystemStatus');
        return [{ subject: 'pbx', label: 'the PBX', state: 'ok', detail: 'answering' }];
      } catch (err) {
        return [{ subject: 'pbx', label: 'the PBX', state: 'alert', detail: (err as Error).message }];
      }
    },
  },
  {
    name: 'changes',
    operations: ['ReportAuditLog.GetAuditLogData'],
    parseOptions: noOptions('changes'),
    describe: () => "changes (the PBX's audit log)",
    // Posted entry by entry by the poller (change-feed.ts), not through the state machine.
    observe: async () => [],
  },
  {
    name: 'licence',
    operations: ['LicenseStatus.GetLicenseStatus'],
    parseOptions(words) {
      if (words.length === 0) return { days: 30 };
      const days = Number(words[0]);
      if (words.length > 1 || !Number.isInteger(days) || days < 1 || days > 3650) {
        return '`watch licence [days]` takes a number of days from 1 to 3650, e.g. `watch licence 30`.';
      }
      return { days };
    },
    describe: (o) => `the licence (expiry within ${String(o.days ?? 30)} days)`,
    async observe(read, options, now) {
      const days = typeof options.days === 'number' ? options.days : 30;
      const lic = licence.parse(await read('LicenseStatus.GetLicenseStatus'));
      const expires = lic.ExpirationDate ? Date.parse(lic.ExpirationDate) : Number.NaN;
      if (!Number.isFinite(expires)) return [];
      const left = Math.floor((expires - now) / DAY_MS);
      return [
        {
          subject: 'licence',
          label: 'the licence',
          state: left <= days ? 'alert' : 'ok',
          detail: left < 0 ? 'expired' : `expires in ${left} day${left === 1 ? '' : 's'}`,
        },
      ];
    },
  },
];

export function watchKind(name: string): WatchKind | undefined {
  const n = name.toLowerCase();
  const canonical = n === 'license' ? 'licence' : n;
  return WATCH_KINDS.find((k) => k.name === canonical);
}
