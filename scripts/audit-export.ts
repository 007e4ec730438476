import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, readEnv } from '../src/config';
import { openStore, StoreOpenError } from '../src/store';
import { exportAudit, parseSince } from '../src/store/export';

/**
 * Usage: npm run audit:export -- --format csv|json [--since 7d|2026-11-01] [--out file]
 * Reads DATABASE_URL (default sqlite:./data/3cx-bot.db), read-only, and writes the audit trail, oldest first, to stdout or
 * --out. Unfinished rows (the bot stopped during the 3CX call) have an empty outcome and finishedAt.
 */

const USAGE = 'Usage: npm run audit:export -- --format csv|json [--since 7d|2026-11-01] [--out file]';

const argsShape = z.strictObject({
  format: z.enum(['csv', 'json'], { error: '--format must be csv or json' }),
  since: z.string().optional(),
  out: z.string().min(1).optional(),
});

class UsageError extends Error {}

async function main(): Promise<void> {
  let raw: unknown;
  try {
    raw = parseArgs({
      options: { format: { type: 'string' }, since: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const parsed = argsShape.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      i.path[0] === 'format' && i.code === 'invalid_value' ? '--format must be csv or json' : i.message,
    );
    throw new UsageError(`${problems.join('; ')}\n${USAGE}`);
  }
  const args = parsed.data;
  let since: number | undefined;
  if (args.since !== undefined) {
    const at = parseSince(args.since, Date.now());
    if (typeof at !== 'number') throw new UsageError(`${at.error}\n${USAGE}`);
    since = at;
  }
  const env = readEnv();
  // Read-only: an export must not create, migrate or change the database it reports on.
  const store = await openStore(env.DATABASE_URL, { readOnly: true });
  let out: NodeJS.WritableStream | undefined;
  try {
    if ((await store.schemaVersion()) === undefined) {
      throw new StoreOpenError(
        'The database at DATABASE_URL has no audit trail yet (the bot has never started on it): nothing to ' +
          'export. Check DATABASE_URL; the bot creates its tables when it starts.',
      );
    }
    out = args.out ? createWriteStream(args.out) : process.stdout;
    const sink = out;
    const n = await exportAudit(
      store,
      { format: args.format, ...(since !== undefined ? { since } : {}) },
      async (chunk) => {
        if (!sink.write(chunk)) await once(sink, 'drain');
      },
    );
    process.stderr.write(
      `${n} audit row${n === 1 ? '' : 's'} exported${args.out ? ` to ${args.out}` : ''}\n`,
    );
  } finally {
    await store.close();
    const file = out !== process.stdout ? out : undefined;
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }
}

main().catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof ConfigError || err instanceof StoreOpenError;
  process.stderr.write(`${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
  process.exit(known ? 64 : 1);
});
