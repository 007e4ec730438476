import type { Logger } from 'pino';
import type { OperationCatalogue } from '../api/catalogue';

/** The public shapes of the XAPI simulator; `index.ts` re-exports them. */

export interface SimulatorOptions {
  /** Default 0: a free port. The simulator always binds 127.0.0.1. */
  port?: number;
  /** Default SIMULATOR_DEFAULTS.clientId. */
  clientId?: string;
  /** Default SIMULATOR_DEFAULTS.clientSecret. */
  clientSecret?: string;
  /** More API clients, as an admin may create several in the 3CX console: each holds a token of its own. */
  otherClients?: { clientId: string; clientSecret: string }[];
  /** Default 3600. Fractions are allowed so tests can watch a token expire quickly. */
  tokenLifetimeSeconds?: number;
  /** Answer `expires_in` in minutes, as 3CX did before 20.0.9. */
  expiresInMinutes?: boolean;
  /** Default: the committed catalogue. */
  catalogue?: OperationCatalogue;
  /** Seeded users, default 40. */
  users?: number;
  /** Seed of the generated company, default 1: the same seed gives the same data. */
  seed?: number;
  /** Which PBX of several this is (0 for the first): picks its FQDN, version and company. */
  pbxIndex?: number;
  /** The moment the company is seeded around (its call history, backups, dates), in ms; default the start. */
  now?: number;
  /** Default: silent. */
  logger?: Logger;
}

export interface SimRequest {
  method: string;
  /** Decoded, without the query: `/xapi/v1/TenantProperties('Größe')`. */
  path: string;
  rawUrl: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, form fields, or the raw text when it parses as neither. */
  body: unknown;
  /** 0 until answered; stays 0 for a dropped or hanging request. */
  status: number;
  /** The catalogue operation the path matched. */
  operationKey?: string;
  at: number;
}

export interface Fault {
  /** Default: any method. */
  method?: string;
  /** A string matches the decoded path exactly; a RegExp is tested against it. */
  path: string | RegExp;
  /** Apply to the next N matching requests; default until cleared. */
  times?: number;
  /** Delay before answering; alone, the request is then answered normally. */
  latencyMs?: number;
  /** Answer this status instead; without a body, 4xx/5xx come with an OData error body. */
  status?: number;
  /** Sent as JSON; a string is sent as it is, as text/plain unless `headers` name a content-type. */
  body?: unknown;
  /** Added to the faulty answer, e.g. `{ 'Retry-After': '2' }`. */
  headers?: Record<string, string>;
  /** 200, content-type JSON, and a body cut off mid-way. */
  malformedJson?: boolean;
  /** Destroy the socket without answering. */
  dropConnection?: boolean;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export type Entity = Record<string, unknown>;

export interface ServiceRestart {
  name: string;
  at: string;
}

export interface McuRequest {
  McuId: string | null;
  Operation: string | null;
  State: string | null;
  RequestExpiration: string | null;
  ErrorMessage: string | null;
}

/** The PBX itself, as SystemStatus and SystemParameters report it. */
export interface PbxIdentity {
  fqdn: string;
  version: string;
  companyName: string;
}

/** The live data behind the stateful parts of the simulator. `reset()` refills this same object. */
export interface SimState {
  pbx: PbxIdentity;
  /** Rows of every entity set, by the set's name in the path (`Users`, `ActiveCalls` …). */
  sets: Record<string, Entity[]>;
  /** Objects answered by non-collection GETs, by operation key. */
  singletons: Record<string, Entity>;
  /** Rows answered by report functions, by operation key; the audit log is `ReportAuditLog.GetAuditLogData`. */
  reports: Record<string, Entity[]>;
  /** The same arrays as `sets.Users` … under the names older code uses. */
  users: Entity[];
  groups: Entity[];
  queues: Entity[];
  ringGroups: Entity[];
  trunks: Entity[];
  tenantProperties: Entity[];
  services: Entity[];
  /** The MCU request GET /ConferenceSettings/Pbx.GetMCURequestStatus() answers; null when there is none. */
  mcuRequest: McuRequest | null;
  /** Set by SystemStatus.SetMultiCompanyMode; shown as `IsMulticompanyMode` in GET /SystemStatus. */
  multiCompanyMode: boolean;
  /** Set by SystemStatus.SetChatLogStatus; shown as `IsChatLogEnabled`. */
  chatLogEnabled: boolean;
  /** What GET /LicenseStatus answers; LicenseStatus.EditLicenseInfo writes into it. */
  license: Entity;
  /** Every service restart, oldest first. */
  restarts: ServiceRestart[];
  /** The next Id each integer-keyed set hands out on create, by set name. */
  nextId: Record<string, number>;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`, no trailing slash; the XAPI is at `${url}/xapi/v1`. */
  url: string;
  /** The client id and secret its token endpoint accepts. */
  credentials: { clientId: string; clientSecret: string };
  /** The PBX audit log, newest first (what ReportAuditLog.GetAuditLogData answers). */
  auditLog(): Entity[];
  /** Every request but the /_sim admin ones, token endpoint included, in arrival order. */
  requests: SimRequest[];
  /** Tokens issued since start, or since the last clearLog() or reset(). */
  tokenRequests(): number;
  clearLog(): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Every issued token becomes invalid, as when it expires or is revoked. */
  revokeTokens(): void;
  state: SimState;
  /** Reseeds the data, clears faults and the log. Issued tokens stay valid. */
  reset(): void;
  /** Also ends hanging requests and open sockets. */
  close(): Promise<void>;
}
