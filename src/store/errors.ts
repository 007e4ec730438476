/** The database named by DATABASE_URL cannot be used; the message says which one (never its password) and what to check. */
export class StoreOpenError extends Error {
  readonly code = 'store_unavailable';
  override readonly name = 'StoreOpenError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `postgres://user@host:port/db` without password or query, for messages and logs. */
export function describePostgresUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `${url.protocol}//${user}${url.host}${url.pathname}`;
  } catch {
    return 'a postgres:// URL that could not be parsed';
  }
}

export function causeText(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { message, code } = err as { message?: unknown; code?: unknown };
  // Node's AggregateError (every address refused) has an empty message but a code.
  if (typeof message === 'string' && message !== '') return message;
  return typeof code === 'string' ? code : String(err);
}
