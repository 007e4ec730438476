import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DEFAULT_TIMEOUT_MS, XapiClient, type XapiClientOptions } from '../api/client';
import { createTokenSource, type TokenSourceOptions, tokenLeaseMs } from './token-source';
import type { Store } from './types';

/**
 * The XAPI client of a PBX with its token kept in the store: every bot process on one database uses the same 3CX
 * token, and only the holder of the refresh lease asks 3CX for a new one (which revokes the old one for all).
 */
export function createSharedClient(
  store: Store,
  options: Omit<XapiClientOptions, 'tokens'>,
  tokenOptions: Partial<TokenSourceOptions> = {},
): XapiClient {
  let client: XapiClient | undefined;
  const tokens = createTokenSource(
    store,
    tokenKey(options),
    () => {
      if (!client) throw new Error('the XAPI client is not built yet');
      return client.fetchToken();
    },
    {
      holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: tokenLeaseMs(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      onError: (err) => options.logger?.warn({ err }, 'shared 3CX token: store update failed'),
      ...tokenOptions,
    },
  );
  client = new XapiClient({ ...options, tokens });
  return client;
}

/** One row per PBX address and API client: a token of another PBX or client id is never handed out. */
export function tokenKey(options: Pick<XapiClientOptions, 'baseUrl' | 'clientId'>): string {
  return `${options.baseUrl.replace(/\/+$/, '')}|${options.clientId}`;
}
