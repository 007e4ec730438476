import { z } from 'zod';
import {
  audit,
  collectionAnswer,
  entityAnswer,
  type OpContext,
  type OpHandler,
  parseWith,
} from './handler-kit';
import { badRequest, notFound } from './odata-error';
import { pinSampleTimes, sampleOf } from './sample-values';
import type { Entity, McuRequest } from './types';

/**
 * Operations whose effect shows: the five the product was specified with (multi-company mode, tenant property
 * update via the entity set, licence info, service restarts, MCU request status) and the reads that reflect them.
 */

const enableBody = z.object({ enable: z.boolean() });

const serviceNames = z.object({
  options: z.object({ ServiceNames: z.array(z.string().min(1)).min(1, 'name at least one service') }),
});

const licenseBody = z.object({
  licenseParams: z.object({
    CompanyName: z.string().nullish(),
    ContactName: z.string().nullish(),
    Country: z.string().nullish(),
    Email: z.email('is not an email address').nullish(),
    Phone: z.string().nullish(),
  }),
});

const mcuBody = z.object({
  request: z.object({
    McuId: z.string().min(1),
    Operation: z.enum(['Create', 'Delete']).nullish(),
    State: z.enum(['Pending', 'Success', 'Failure']),
    RequestExpiration: z.string().nullish(),
    ErrorMessage: z.string().nullish(),
  }),
});

/** The counts SystemStatus reports, computed from the lists so they can never disagree with them. */
export function statusCounts(ctx: Pick<OpContext, 'store'>): Entity {
  const users = ctx.store.rows('Users');
  const trunks = ctx.store.rows('Trunks');
  const backups = ctx.store.rows('Backups');
  let registered = 0;
  for (const u of users) if (u.IsRegistered === true) registered++;
  let online = 0;
  for (const t of trunks) if (t.IsOnline === true) online++;
  let last: string | null = null;
  for (const b of backups)
    if (typeof b.CreationTime === 'string' && (!last || b.CreationTime > last)) last = b.CreationTime;
  return {
    CallsActive: ctx.store.rows('ActiveCalls').length,
    ExtensionsTotal: users.length,
    UserExtensions: users.length,
    ExtensionsRegistered: registered,
    TrunksTotal: trunks.length,
    TrunksRegistered: online,
    HasNotRunningServices: ctx.store.rows('Services').some((s) => s.Status !== 'Running'),
    LastBackupDateTime: last,
  };
}

function systemStatus(ctx: OpContext): Entity {
  const { state } = ctx;
  const base =
    state.singletons['SystemStatus.GetSystemStatus'] ?? (sampleOf(ctx.catalogue, 'SystemStatus') as Entity);
  const license = state.license;
  return {
    Id: 1,
    Activated: true,
    AutoUpdateEnabled: true,
    CurrentLocalIp: '192.0.2.10',
    Ip: '192.0.2.10',
    IpV4: '192.0.2.10',
    IpV6: null,
    OS: 'Linux',
    ...base,
    FQDN: state.pbx.fqdn,
    ...statusCounts(ctx),
    IsChatLogEnabled: state.chatLogEnabled,
    LicenseActive: license.LicenseActive,
    LicenseKey: license.LicenseKey,
    MaxSimCalls: license.MaxSimCalls,
    ProductCode: license.ProductCode,
    ResellerName: license.ResellerName,
    ExpirationDate: license.ExpirationDate,
    MaintenanceExpiresAt: license.MaintenanceExpiresAt,
    Support: license.Support,
    Version: state.pbx.version,
    // SystemStatus has no multi-company property; this is the name 3CX gives it in SystemParameters.
    IsMulticompanyMode: state.multiCompanyMode,
  };
}

function services(ctx: OpContext): Entity[] {
  const { options } = parseWith(serviceNames, ctx.body);
  const unknown = options.ServiceNames.filter((name) => !ctx.state.services.some((s) => s.Name === name));
  if (unknown.length > 0) {
    throw notFound(`Unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, 'ServiceNames');
  }
  return options.ServiceNames.map((name) => ctx.state.services.find((s) => s.Name === name) as Entity);
}

function startStop(status: 'Running' | 'Stopped'): OpHandler {
  return (ctx) => {
    const chosen = services(ctx);
    const fixed = chosen.filter((s) => s.StartStopEnabled === false).map((s) => s.Name);
    if (fixed.length > 0)
      throw badRequest(`${fixed.join(', ')} cannot be started or stopped, only restarted.`);
    const now = new Date(ctx.now()).toISOString();
    for (const s of chosen) {
      const before = s.Status;
      Object.assign(s, { Status: status, SampleTime: now });
      audit(ctx, 'Services', String(s.Name), 'execute', { Status: before }, { Status: status });
    }
    return { status: 204 };
  };
}

/** Enable / Disable change how Windows starts a service; nothing a read shows, so only the names are checked. */
const checkServicesOnly: OpHandler = (ctx) => {
  services(ctx);
  return { status: 204 };
};

const noMcuRequest: McuRequest = {
  McuId: null,
  Operation: null,
  State: null,
  RequestExpiration: null,
  ErrorMessage: null,
};

export const HEADLINE_HANDLERS: Record<string, OpHandler> = {
  'SystemStatus.GetSystemStatus': (ctx) => entityAnswer(ctx, systemStatus(ctx), 'SystemStatus'),

  'SystemStatus.SetMultiCompanyMode': (ctx) => {
    ctx.state.multiCompanyMode = parseWith(enableBody, ctx.body).enable;
    return { status: 204 };
  },

  'SystemStatus.SetChatLogStatus': (ctx) => {
    ctx.state.chatLogEnabled = parseWith(enableBody, ctx.body).enable;
    return { status: 204 };
  },

  'Defs.GetSystemParameters': (ctx) => {
    const base = pinSampleTimes(
      structuredClone(sampleOf(ctx.catalogue, 'SystemParameters')) as Entity,
      ctx.now(),
    );
    const params = { ...base, FQDN: ctx.state.pbx.fqdn, IsMulticompanyMode: ctx.state.multiCompanyMode };
    return entityAnswer(
      ctx,
      { ...params, IsChatLogEnabled: ctx.state.chatLogEnabled },
      'Pbx.SystemParameters',
    );
  },

  'LicenseStatus.GetLicenseStatus': (ctx) => entityAnswer(ctx, ctx.state.license, 'LicenseStatus'),

  'LicenseStatus.EditLicenseInfo': (ctx) => {
    const p = parseWith(licenseBody, ctx.body).licenseParams;
    const license = ctx.state.license;
    if (p.CompanyName !== undefined) license.CompanyName = p.CompanyName;
    if (p.ContactName !== undefined) license.ContactName = p.ContactName;
    if (p.Email !== undefined) license.EMail = p.Email;
    if (p.Phone !== undefined) license.Telephone = p.Phone;
    if (p.Country !== undefined) {
      license.CountryName = p.Country;
      if (p.Country && /^[A-Za-z]{2}$/.test(p.Country)) license.CountryCode = p.Country.toUpperCase();
    }
    return { status: 204 };
  },

  'Services.ListServiceInfo': (ctx) => collectionAnswer(ctx, ctx.state.services, 'Services'),

  'Services.Restart': (ctx) => {
    const chosen = services(ctx);
    const refused = chosen.filter((s) => s.RestartEnabled === false).map((s) => s.Name);
    if (refused.length > 0) throw badRequest(`${refused.join(', ')} cannot be restarted.`);
    const now = new Date(ctx.now()).toISOString();
    for (const s of chosen) {
      // A restarted process starts its counters again.
      Object.assign(s, { Status: 'Running', SampleTime: now, TotalProcessorTime: 0 });
      ctx.state.restarts.push({ name: s.Name as string, at: now });
      audit(ctx, 'Services', String(s.Name), 'execute', null, { Status: 'Running', Restarted: now });
    }
    return { status: 204 };
  },

  'Services.Start': startStop('Running'),
  'Services.Stop': startStop('Stopped'),
  'Services.Enable': checkServicesOnly,
  'Services.Disable': checkServicesOnly,

  'ConferenceSettings.GetMCURequestStatus': (ctx) =>
    entityAnswer(ctx, ctx.state.mcuRequest ?? noMcuRequest, 'Pbx.MCURequestStatus'),

  'ConferenceSettings.UpdateMCURequestStatus': (ctx) => {
    const { request } = parseWith(mcuBody, ctx.body);
    const current = ctx.state.mcuRequest;
    if (!current || current.McuId !== request.McuId) {
      throw notFound(`There is no MCU request with McuId ${request.McuId}.`, 'McuId');
    }
    ctx.state.mcuRequest = {
      McuId: current.McuId,
      Operation: request.Operation ?? current.Operation,
      State: request.State,
      RequestExpiration: request.RequestExpiration ?? current.RequestExpiration,
      ErrorMessage: request.ErrorMessage ?? null,
    };
    return { status: 204 };
  },

  'Users.GetFirstAvailableExtensionNumber': (ctx) =>
    entityAnswer(ctx, { Number: ctx.store.firstFreeNumber() }, 'Pbx.FirstAvailableNumber'),
};
