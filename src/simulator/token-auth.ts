import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ParsedBody } from './http-io';
import { ODataError } from './odata-error';

/**
 * The `/connect/token` endpoint and bearer checks. Like 3CX, a client holds one live token: issuing a new one
 * revokes the one before it.
 */

export interface TokenSettings {
  clientId: string;
  clientSecret: string;
  lifetimeSeconds: number;
  expiresInMinutes: boolean;
  /** More API clients; one token each, revoking only their own. */
  otherClients?: { clientId: string; clientSecret: string }[];
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface Issued {
  clientId: string;
  expiresAt: number;
}

export class TokenIssuer {
  private readonly live = new Map<string, Issued>();
  private readonly byClient = new Map<string, string>();
  private issuedCount = 0;

  constructor(private readonly settings: TokenSettings) {}

  get issued(): number {
    return this.issuedCount;
  }

  resetCount(): void {
    this.issuedCount = 0;
  }

  revokeAll(): void {
    this.live.clear();
    this.byClient.clear();
  }

  /** Answers a token request in OAuth form: errors are `{"error": "..."}` with 400, as 3CX sends them. */
  issue(req: IncomingMessage, body: ParsedBody): TokenAnswer {
    if (body.kind !== 'form') {
      return oauthError(
        'invalid_request',
        'send the fields as application/x-www-form-urlencoded or multipart/form-data',
      );
    }
    const fields = body.value;
    const basic = basicCredentials(req);
    const clientId = fields.client_id ?? basic?.id;
    const clientSecret = fields.client_secret ?? basic?.secret;
    if (!fields.grant_type) return oauthError('invalid_request', 'grant_type is missing');
    if (fields.grant_type !== 'client_credentials') {
      return oauthError('unsupported_grant_type', `grant_type ${fields.grant_type} is not supported`);
    }
    const known = [
      { clientId: this.settings.clientId, clientSecret: this.settings.clientSecret },
      ...(this.settings.otherClients ?? []),
    ];
    if (!clientId || !known.some((c) => c.clientId === clientId && c.clientSecret === clientSecret)) {
      return oauthError('invalid_client', 'unknown client or wrong secret');
    }
    const token = randomBytes(24).toString('base64url');
    const previous = this.byClient.get(clientId);
    if (previous) this.live.delete(previous);
    const lifetimeMs = this.settings.lifetimeSeconds * 1000;
    this.live.set(token, { clientId, expiresAt: Date.now() + lifetimeMs });
    this.byClient.set(clientId, token);
    this.issuedCount++;
    const seconds = this.settings.lifetimeSeconds;
    const expiresIn = this.settings.expiresInMinutes
      ? Math.max(1, Math.round(seconds / 60))
      : Math.max(1, Math.round(seconds));
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
  }

  /** Throws the 401 3CX answers for a missing, unknown, revoked or expired bearer token. */
  check(req: IncomingMessage): void {
    const auth = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!match?.[1]) throw unauthorized('An access token is required (Authorization: Bearer …).');
    const token = match[1];
    const issued = this.live.get(token);
    if (!issued) throw unauthorized('The access token is invalid or was revoked.', 'invalid_token');
    if (Date.now() >= issued.expiresAt) {
      this.live.delete(token);
      if (this.byClient.get(issued.clientId) === token) this.byClient.delete(issued.clientId);
      throw unauthorized('The access token has expired.', 'invalid_token');
    }
  }
}

function unauthorized(message: string, error?: string): ODataError {
  const challenge = error ? `Bearer error="${error}", error_description="${message}"` : 'Bearer';
  return new ODataError(401, message, undefined, { 'www-authenticate': challenge });
}

function oauthError(error: string, description: string): TokenAnswer {
  return { status: 400, body: { error, error_description: description } };
}

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    // RFC 6749 §2.3.1 form-encodes both parts before joining them.
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}
