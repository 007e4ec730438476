import { fill, peerOf, type Row } from './fill';
import { RESERVED_NUMBERS, secretText } from './people';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';
import { uuid } from './system';

/**
 * Software that talks to the PBX: API clients (service principals), call flow apps and their script templates,
 * OAuth clients and the sign-in sessions (refresh tokens) of the admins.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/**
 * The API clients under Integrations › API: the one this bot uses (XAPI) and a CRM integration with call control
 * over the sales queue and its agents.
 */
export function servicePrincipals(queues: Row[], rng: Prng, now: number): Row[] {
  const [bot, crm] = RESERVED_NUMBERS.servicePrincipals;
  const sales = queues[0];
  const controlled = [
    ...(sales ? [peerOf(sales, 'Queue', sales.Name)] : []),
    ...((sales?.Agents as Row[] | undefined) ?? []).map((a) => peerOf(a, 'Extension', a.Name)),
  ];
  return [
    fill('ServicePrincipal', {
      Id: 1,
      Number: bot,
      XAPIEnabled: true,
      CallControlEnabled: false,
      MyPhoneEnabled: false,
      IsSystem: false,
      TranscriptionMode: 'Nothing',
      LastUsed: iso(now - rng.int(1, 20) * MINUTE),
      Groups: [],
      Peers: [],
    }),
    fill('ServicePrincipal', {
      Id: 2,
      Number: crm,
      XAPIEnabled: false,
      CallControlEnabled: true,
      MyPhoneEnabled: false,
      IsSystem: false,
      TranscriptionMode: 'Nothing',
      LastUsed: iso(now - rng.int(60, 600) * MINUTE),
      Groups: [],
      Peers: controlled,
    }),
  ];
}

export function callFlowApps(rng: Prng, now: number): Row[] {
  const apps: ReadonlyArray<[string, 'DialCode' | 'Forward']> = [
    ['Callback Scheduler', 'Forward'],
    ['Order Status Lookup', 'DialCode'],
  ];
  return apps.map(([Name, RoutingType], i) =>
    fill('CallFlowApp', {
      Id: i + 1,
      Number: RESERVED_NUMBERS.callFlowApps[i],
      Name,
      RoutingType,
      IsRegistered: true,
      CompilationSucceeded: true,
      CompilationResult: '',
      CompilationLastSuccess: iso(now - rng.int(3, 60) * DAY),
      InvalidScript: false,
      RejectedCode: '',
      ScriptCode: '',
      TranscriptionMode: 'Inherit',
      Groups: [],
      // Only a Trunk-routed app has a trunk.
      Trunk: null,
    }),
  );
}

/** The call flow templates 3CX offers to start an app from. */
export function callFlowScripts(): Row[] {
  const rows: ReadonlyArray<[string, string, string[]]> = [
    [
      'Callback request: asks for a number and queues a callback',
      'Needs a queue with callbacks enabled.',
      ['1.0.0', '1.1.0'],
    ],
    [
      'Opening hours check: plays a message outside office hours',
      'Uses the office hours of the default group.',
      ['1.0.0'],
    ],
    [
      'Survey: asks three questions after the call',
      'Results are written to the call log as a summary.',
      ['1.0.0', '1.0.1', '1.2.0'],
    ],
  ];
  // The document types this Id as text but addresses the set by a whole number; the number is what works.
  return rows.map(([Description, Help, Versions], i) =>
    fill('CallFlowScript', { Id: i + 1, Description, Help, Versions }),
  );
}

export interface OAuthParts {
  clients: Row[];
  /** Every sign-in session of the PBX (SecurityTokens). */
  tokens: Row[];
  /** Those of the system owner, who is the one calling MyTokens in the demo. */
  mine: Row[];
}

function metadata(clientId: string, name: string, uri: string, grants: string[], auth: string): Row {
  return fill('ClientIdMetadataDocument', {
    ClientId: clientId,
    ClientName: name,
    ClientUri: uri,
    GrantTypes: grants,
    ResponseTypes: grants.includes('authorization_code') ? ['code'] : [],
    RedirectUris: grants.includes('authorization_code') ? [`${uri}#/login/callback`] : [],
    Scope: grants.includes('authorization_code') ? 'openid offline_access' : 'xapi',
    TokenEndpointAuthMethod: auth,
    JwksUri: '',
    LogoUri: '',
    PolicyUri: '',
    TosUri: '',
  });
}

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const MOBILE = '3CX/20.0.342 (Android 14; Pixel 8)';

export function oauth(profile: PbxProfile, users: Row[], rng: Prng, now: number): OAuthParts {
  const owner = users[0];
  const installed = now - 412 * DAY;
  const web = fill('OAuthClient', {
    Id: uuid(rng),
    ClientId: 'webclient',
    CreatedAt: iso(installed),
    CreatedBy: 'system',
    ProvisioningType: 'System',
    Persistent: true,
    OverrideConsoleRestrictions: false,
    Scopes: ['openid', 'offline_access'],
    UsedAt: iso(now - rng.int(1, 30) * MINUTE),
    Metadata: metadata(
      'webclient',
      '3CX Web Client',
      `https://${profile.fqdn}/`,
      ['authorization_code', 'refresh_token'],
      'none',
    ),
    RefreshTokens: [],
  });
  const crm = fill('OAuthClient', {
    Id: uuid(rng),
    ClientId: 'crm-connector',
    CreatedAt: iso(now - 97 * DAY),
    CreatedBy: String(owner?.EmailAddress ?? `it@${profile.domain}`),
    ProvisioningType: 'Manual',
    Persistent: true,
    OverrideConsoleRestrictions: false,
    Scopes: ['xapi'],
    UsedAt: iso(now - rng.int(60, 600) * MINUTE),
    Metadata: metadata(
      'crm-connector',
      'CRM connector',
      `https://crm.${profile.domain}/`,
      ['client_credentials'],
      'client_secret_post',
    ),
    RefreshTokens: [],
  });
  // The admins' sessions: the owner signed in from a desk and a phone, the other admins from their desks.
  const sessions: Array<[Row, string, string]> = [];
  for (const [k, admin] of users.slice(0, 3).entries()) {
    sessions.push([admin, BROWSER, `192.168.10.${10 + (Number(admin.Id) % 40)}`]);
    if (k === 0) sessions.push([admin, MOBILE, '203.0.113.77']);
  }
  const tokens = sessions.map(([admin, agent, ip], i) => {
    const created = now - rng.int(1, 20) * DAY - rng.int(0, 600) * MINUTE;
    return fill('RefreshToken', {
      Id: i + 1,
      ClientId: web.Id,
      Client: { ...web },
      Username: admin.Number,
      DisplayName: admin.DisplayName,
      LoginType: 'Password',
      Token: secretText(rng, 43),
      Scopes: ['openid', 'offline_access'],
      Created: iso(created),
      CreatedByIp: ip,
      CreatedByUserAgent: agent,
      Used: iso(now - rng.int(1, 240) * MINUTE),
      UsedByIp: ip,
      UsedByUserAgent: agent,
      Expires: iso(created + 30 * DAY),
      SlidingExpiration: true,
      RotateOnRefresh: true,
      OverrideConsoleRestrictions: false,
      Revoked: null,
      RevokedByIp: '',
      ReasonRevoked: null,
    });
  });
  const mine = tokens.filter((t) => t.Username === owner?.Number).map((t) => structuredClone(t));
  return { clients: [web, crm], tokens, mine };
}
