import { z } from 'zod';
import { collectionAnswer, entityAnswer, type OpContext, type OpHandler, parseWith } from './handler-kit';
import { badRequest, notFound } from './odata-error';
import { sampleOf } from './sample-values';
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

function systemStatus(ctx: OpContext): Entity {
  const { state } = ctx;
  const base = sampleOf(ctx.catalogue, 'SystemStatus') as Entity;
  const license = state.license;
  return {
    ...base,
    Id: 1,
    Activated: true,
    AutoUpdateEnabled: true,
    CallsActive: 0,
    CurrentLocalIp: '192.0.2.10',
    Ip: '192.0.2.10',
    IpV4: '192.0.2.10',
    IpV6: null,
    FQDN: 'pbx.example.com',
    OS: 'Linux',
    ExtensionsTotal: state.users.length,
    UserExtensions: state.users.length,
    ExtensionsRegistered: state.users.filter((u) => u.IsRegistered === true).length,
    TrunksTotal: state.trunks.length,
    TrunksRegistered: state.trunks.filter((t) => t.IsOnline === true).length,
    HasNotRunningServices: state.services.some((s) => s.Status !== 'Running'),
    IsChatLogEnabled: state.chatLogEnabled,
    LicenseActive: license.LicenseActive,
    LicenseKey: license.LicenseKey,
    MaxSimCalls: license.MaxSimCalls,
    ProductCode: license.ProductCode,
    ResellerName: license.ResellerName,
    ExpirationDate: license.ExpirationDate,
    MaintenanceExpiresAt: license.MaintenanceExpiresAt,
    Support: license.Support,
    Version: '20.0.10.523',
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
    for (const s of chosen) Object.assign(s, { Status: status, SampleTime: now });
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
    const base = sampleOf(ctx.catalogue, 'SystemParameters') as Entity;
    const params = { ...base, FQDN: 'pbx.example.com', IsMulticompanyMode: ctx.state.multiCompanyMode };
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

  'Users.GetFirstAvailableExtensionNumber': (ctx) => {
    const taken = new Set(ctx.state.users.map((u) => u.Number));
    let n = 100;
    while (taken.has(String(n))) n++;
    return entityAnswer(ctx, { Number: String(n) }, 'Pbx.FirstAvailableNumber');
  },
};
