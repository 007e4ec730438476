import type { Store } from './types';

/**
 * 3CX keeps one live token per API client: fetching a new one revokes the old. So every process sharing a client
 * id shares one token through the store, and only the holder of a lease (as long as the slowest token request may take) fetches a replacement; the others
 * wait for it to appear. Within a process, concurrent callers share one lookup.
 */

/**
 * A token this close to expiry is replaced rather than handed out: a call must not start with a dying token.
 * Tokens that live under two minutes (test set-ups) are replaced at half-life instead, when this process knows
 * the lifetime because it fetched them; otherwise every call would fetch anew.
 */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
export const TOKEN_LEASE_MARGIN_MS = 5_000;
/** For a token source built without knowing the request timeout: the client's default one (15 s) plus the margin. */
export const DEFAULT_TOKEN_LEASE_MS = 15_000 + TOKEN_LEASE_MARGIN_MS;
export const DEFAULT_TOKEN_POLL_MS = 100;

export interface TokenSource {
  getToken(): Promise<string>;
  /** After a 401: forget `token`, unless another process has already replaced it. */
  invalidate(token: string): void;
}

export interface TokenSourceOptions {
  /** Names this process in the lease, e.g. hostname and pid. */
  holder: string;
  /** Longer than fetchToken can take: past it another process may fetch too, revoking this one's token. */
  leaseMs?: number;
  now?: () => number;
  pollMs?: number;
  /** How long to wait for another process's fetch before giving up; defaults to twice the lease. */
  waitMs?: number;
  /** Told when dropping an invalidated token or releasing the lease fails; neither stops getToken. */
  onError?: (err: unknown) => void;
}

export class TokenWaitError extends Error {
  readonly code = 'token_wait_timeout';

  constructor(client: string, waitedMs: number) {
    super(
      `No 3CX token for API client ${client} after waiting ${waitedMs} ms for another bot process to fetch one; ` +
        'check that the other processes reach the PBX, or restart them.',
    );
    this.name = 'TokenWaitError';
  }
}

type Fetched = { token: string; expiresAt: number };

export function createTokenSource(
  store: Store,
  client: string,
  fetchToken: () => Promise<Fetched>,
  options: TokenSourceOptions,
): TokenSource {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? DEFAULT_TOKEN_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_TOKEN_POLL_MS;
  const waitMs = options.waitMs ?? 2 * leaseMs;
  let cached: Fetched | undefined;
  let rejected: string | undefined;
  let fetchedHere: { token: string; marginMs: number } | undefined;
  let inflight: Promise<string> | undefined;
  let dropping: Promise<void> = Promise.resolve();

  const marginFor = (t: Fetched) =>
    t.token === fetchedHere?.token ? fetchedHere.marginMs : TOKEN_REFRESH_MARGIN_MS;
  const usable = (t: Fetched | undefined): t is Fetched =>
    t !== undefined && t.token !== rejected && t.expiresAt - marginFor(t) > now();

  async function acquire(): Promise<string> {
    // A drop still on its way would otherwise let us read back the very token we were told is dead.
    await dropping;
    // Real time for the deadline: `now` may be a test clock that never moves.
    const deadline = Date.now() + waitMs;
    for (;;) {
      const stored = await store.tokenGet(client);
      if (usable(stored)) return keep(stored);
      if (await store.tokenLease(client, options.holder, now(), leaseMs)) {
        try {
          // Another holder may have stored a fresh token and released the lease just before we took it.
          const again = await store.tokenGet(client);
          if (usable(again)) return keep(again);
          const started = now();
          const fresh = await fetchToken();
          const marginMs = Math.min(TOKEN_REFRESH_MARGIN_MS, (fresh.expiresAt - started) / 2);
          fetchedHere = { token: fresh.token, marginMs };
          await store.tokenPut(client, fresh.token, fresh.expiresAt);
          rejected = undefined;
          return keep(fresh);
        } finally {
          // A release that fails only delays the others until the lease runs out; the token is good either way.
          await store.tokenRelease(client, options.holder).catch((err: unknown) => options.onError?.(err));
        }
      }
      if (Date.now() >= deadline) throw new TokenWaitError(client, waitMs);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  function keep(token: Fetched): string {
    cached = token;
    return token.token;
  }

  return {
    getToken(): Promise<string> {
      if (usable(cached)) return Promise.resolve(cached.token);
      inflight ??= acquire().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token: string): void {
      rejected = token;
      if (cached?.token === token) cached = undefined;
      dropping = dropping
        .then(() => store.tokenDrop(client, token))
        .catch((err: unknown) => options.onError?.(err));
    },
  };
}

/**
 * The refresh lease of a client whose token request may take up to `timeoutMs` (THREECX_TIMEOUT_MS, up to 600 s):
 * past the lease another process may fetch too, and 3CX then revokes one of the two tokens. The margin covers the
 * store round trips around the request.
 */
export function tokenLeaseMs(timeoutMs: number): number {
  return timeoutMs + TOKEN_LEASE_MARGIN_MS;
}
