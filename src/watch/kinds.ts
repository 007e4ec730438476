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

/** A read of the PBX, shared by every watch of one poll (same operation and parameters: one request). */
export type Read = (key: string, params?: Record<string, unknown>) => Promise<unknown>;

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
const backupRow = z.object({ FileName: z.string().nullish(), CreationTime: z.string() });
const updateRow = z.object({
  Name: z.string().nullish(),
  OutOfDate: z.boolean().nullish(),
  Ignore: z.boolean().nullish(),
  ServerVersion: z.string().nullish(),
});
const phoneRow = z.object({
  Number: z.string(),
  FirstName: z.string().nullish(),
  LastName: z.string().nullish(),
  IsRegistered: z.boolean().nullish(),
});
const callRow = z.object({
  Callee: z.string().nullish(),
  Status: z.string().nullish(),
  EstablishedAt: z.string().nullish(),
  LastChangeStatus: z.string().nullish(),
});
const counted = z.object({ '@odata.count': z.number().optional(), value: z.array(z.unknown()) });

/** OData string literal: `'` doubled. */
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

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
    name: 'backups',
    operations: ['Backups.ListBackups'],
    parseOptions(words) {
      if (words.length === 0) return { days: 3 };
      const days = Number(words[0]);
      if (words.length > 1 || !Number.isInteger(days) || days < 1 || days > 365) {
        return '`watch backups [days]` takes a number of days from 1 to 365, e.g. `watch backups 3`.';
      }
      return { days };
    },
    describe: (o) => `backups (none successful for ${String(o.days ?? 3)} days)`,
    async observe(read, options, now) {
      const days = typeof options.days === 'number' ? options.days : 3;
      const times = rows(await read('Backups.ListBackups'), backupRow)
        .map((b) => Date.parse(b.CreationTime))
        .filter(Number.isFinite);
      const newest = times.length > 0 ? Math.max(...times) : undefined;
      const age = newest === undefined ? undefined : Math.floor((now - newest) / DAY_MS);
      const stale = age === undefined || age >= days;
      const detail =
        age === undefined
          ? 'no backup on the PBX'
          : age === 0
            ? 'last backup today'
            : `last backup ${age} day${age === 1 ? '' : 's'} ago`;
      return [{ subject: 'backups', label: 'backups', state: stale ? 'alert' : 'ok', detail }];
    },
  },
  {
    name: 'updates',
    operations: ['Updates.GetUpdates'],
    parseOptions: noOptions('updates'),
    describe: () => 'updates (one is available)',
    async observe(read) {
      const pending = rows(await read('Updates.GetUpdates'), updateRow).filter(
        (u) => u.OutOfDate && !u.Ignore,
      );
      const names = pending.map(
        (u) => `${u.Name ?? 'an update'}${u.ServerVersion ? ` ${u.ServerVersion}` : ''}`,
      );
      return [
        {
          subject: 'updates',
          label: 'updates',
          state: pending.length > 0 ? 'alert' : 'ok',
          detail: pending.length > 0 ? `available: ${names.slice(0, 5).join(', ')}` : 'up to date',
        },
      ];
    },
  },
  {
    name: 'phones',
    operations: ['Users.ListUser'],
    parseOptions(words) {
      if (words.length === 0) return { over: 0 };
      if (words.length === 1 && /^\d+$/.test(words[0] ?? '') && Number(words[0]) < 1000)
        return { over: Number(words[0]) };
      const bad = words.find((w) => !/^\d{2,10}$/.test(w));
      if (bad) {
        return `\`watch phones\` takes extension numbers (\`watch phones 101 102\`) or a count under 1000 (\`watch phones 5\`: more than 5 unregistered); "${bad}" is neither.`;
      }
      return { numbers: words };
    },
    describe: (o) =>
      Array.isArray(o.numbers)
        ? `phones of ${o.numbers.join(', ')} (unregistered)`
        : `phones (more than ${String(o.over ?? 0)} unregistered)`,
    async observe(read, options) {
      const select = 'Number,FirstName,LastName,IsRegistered';
      if (Array.isArray(options.numbers)) {
        const numbers = options.numbers.map(String);
        const answer = await read('Users.ListUser', {
          $filter: numbers.map((n) => `Number eq ${quoted(n)}`).join(' or '),
          $select: select,
        });
        return rows(answer, phoneRow).map((u) => ({
          subject: `phone:${u.Number}`,
          label: `${[u.FirstName, u.LastName].filter(Boolean).join(' ') || 'extension'} (${u.Number})`,
          state: u.IsRegistered === false ? 'alert' : 'ok',
          detail: u.IsRegistered === false ? 'phone not registered' : 'registered',
        }));
      }
      const over = typeof options.over === 'number' ? options.over : 0;
      const answer = counted.parse(
        await read('Users.ListUser', {
          $filter: 'IsRegistered eq false',
          $count: true,
          $top: 5,
          $select: select,
        }),
      );
      const count = answer['@odata.count'] ?? answer.value.length;
      return [
        {
          subject: 'phones',
          label: 'phones',
          state: count > over ? 'alert' : 'ok',
          detail: `${count} unregistered`,
        },
      ];
    },
  },
  {
    name: 'queue',
    operations: ['ActiveCalls.ListActiveCall'],
    parseOptions(words) {
      const usage =
        '`watch queue <number> [waiting N] [wait Ns]`, e.g. `watch queue 800 waiting 3 wait 60s` (alerts when more than 3 callers wait, or one waits over 60 s).';
      const [ref, ...rest] = words;
      if (!ref || !/^\d{2,10}$/.test(ref)) return `Give the queue's extension number. ${usage}`;
      const options: Record<string, unknown> = { queue: ref, waiting: 3 };
      for (let i = 0; i < rest.length; i += 2) {
        const word = rest[i]?.toLowerCase();
        const value = rest[i + 1] ?? '';
        if (word === 'waiting' && /^\d+$/.test(value)) options.waiting = Number(value);
        else if (word === 'wait' && /^\d+s?$/.test(value))
          options.waitSeconds = Number(value.replace(/s$/, ''));
        else return `"${rest.slice(i).join(' ')}" is not an option of watch queue. ${usage}`;
      }
      return options;
    },
    describe: (o) =>
      `queue ${String(o.queue)} (more than ${String(o.waiting ?? 3)} waiting${o.waitSeconds !== undefined ? `, or a wait over ${String(o.waitSeconds)} s` : ''})`,
    async observe(read, options, now) {
      const queue = String(options.queue);
      const waiting = rows(await read('ActiveCalls.ListActiveCall'), callRow).filter(
        (c) =>
          (c.Callee ?? '').trim().split(/\s/)[0] === queue && (c.Status ?? '').toLowerCase() !== 'talking',
      );
      const waits = waiting
        .map((c) => now - Date.parse(c.LastChangeStatus ?? c.EstablishedAt ?? ''))
        .filter(Number.isFinite);
      const longest = waits.length > 0 ? Math.max(...waits) / 1000 : 0;
      const tooMany = waiting.length > (typeof options.waiting === 'number' ? options.waiting : 3);
      const tooLong = typeof options.waitSeconds === 'number' && longest > options.waitSeconds;
      return [
        {
          subject: `queue:${queue}`,
          label: `queue ${queue}`,
          state: tooMany || tooLong ? 'alert' : 'ok',
          detail: `${waiting.length} caller${waiting.length === 1 ? '' : 's'} waiting${waiting.length > 0 ? `, longest ${Math.round(longest)} s` : ''}`,
        },
      ];
    },
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
