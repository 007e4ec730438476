import { z } from 'zod';
import { audit, type OpContext, type OpHandler, parseWith } from './handler-kit';
import { badRequest, notFound } from './odata-error';
import type { Entity } from './types';

/**
 * Actions whose effect shows in the next read: a backup appears, a dropped call leaves the live list, a placed
 * call joins it, a purge empties its lists. Each one is written to the PBX audit log.
 */

const backupBody = z.object({
  description: z.object({ Name: z.string().min(1, 'name the backup') }).loose(),
});

const makeCallBody = z.object({
  destination: z.string().min(1, 'give the number to call'),
  dn: z.string().nullish(),
  contact: z.string().nullish(),
  testCall: z.boolean().nullish(),
});

/** Empties the named entity sets and report lists. */
function purge(what: string, sets: string[], reports: (key: string) => boolean): OpHandler {
  return (ctx) => {
    for (const set of sets) ctx.store.rows(set).length = 0;
    for (const key of Object.keys(ctx.state.reports)) if (reports(key)) ctx.state.reports[key] = [];
    audit(ctx, sets[0] ?? what, what, 'execute');
    return { status: 204 };
  };
}

function activeCalls(ctx: OpContext) {
  const model = ctx.store.models.get('ActiveCalls');
  if (!model) throw notFound('This PBX keeps no list of live calls.');
  return model;
}

export const ACTION_HANDLERS: Record<string, OpHandler> = {
  'Backups.Backup': (ctx) => {
    const { Name } = parseWith(backupBody, ctx.body).description;
    const model = ctx.store.models.get('Backups');
    if (!model) throw notFound('This PBX keeps no backups.');
    const fileName = /\.zip$/i.test(Name) ? Name : `${Name}.zip`;
    if (ctx.store.find(model, 'FileName', fileName))
      throw badRequest(`A backup named ${fileName} exists already; choose another name.`, 'Name');
    const row: Entity = {
      FileName: fileName,
      CreationTime: new Date(ctx.now()).toISOString(),
      Size: 48_500_000,
      DownloadLink: `/xapi/v1/Backups/${encodeURIComponent(fileName)}`,
    };
    ctx.store.insert(model, row);
    audit(ctx, 'Backups', fileName, 'create', null, row);
    return { status: 204 };
  },

  'ActiveCalls.DropCall': (ctx) => {
    const model = activeCalls(ctx);
    const call = ctx.store.find(model, 'Id', ctx.args.Id);
    if (!call) throw notFound(`ActiveCalls(${String(ctx.args.Id)}) does not exist.`, 'Id');
    ctx.store.remove(model, call);
    audit(ctx, 'ActiveCalls', `${call.Caller ?? ''} → ${call.Callee ?? ''}`, 'delete', call, null);
    return { status: 200, body: { '@odata.context': `${ctx.serviceRoot}/$metadata#Pbx.IActionResult` } };
  },

  'Users.MakeCall': (ctx) => {
    const body = parseWith(makeCallBody, ctx.body);
    const model = activeCalls(ctx);
    const from = body.dn ? ctx.store.numberOwner(body.dn) : undefined;
    if (body.dn && !from) throw notFound(`No extension has the number ${body.dn}.`, 'dn');
    const now = new Date(ctx.now()).toISOString();
    const caller = from ? `${body.dn} ${String(from.row.DisplayName ?? from.row.Name ?? '')}`.trim() : 'API';
    const row: Entity = {
      Id: ctx.store.nextId(model),
      Caller: caller,
      Callee: body.destination,
      Status: 'Routing',
      EstablishedAt: now,
      LastChangeStatus: now,
      ServerNow: now,
    };
    ctx.store.insert(model, row);
    audit(ctx, 'ActiveCalls', `${caller} → ${body.destination}`, 'create', null, row);
    return {
      status: 200,
      body: {
        '@odata.context': `${ctx.serviceRoot}/$metadata#Pbx.CallControlResultResponse`,
        FinalStatus: 'Success',
        Reason: 'None',
        ReasonText: '',
        VttId: null,
      },
    };
  },

  'PurgeSettings.PurgeCalls': purge('Call history', ['CallHistoryView'], (k) =>
    k.startsWith('ReportCallLogData.'),
  ),
  'PurgeSettings.PurgeChats': purge('Chat history', ['ChatHistoryView', 'ChatMessagesHistoryView'], (k) =>
    k.startsWith('ReportChatLog.'),
  ),
  'PurgeSettings.PurgeAllLogs': purge(
    'All logs',
    ['CallHistoryView', 'ChatHistoryView', 'ChatMessagesHistoryView', 'EventLogs'],
    (k) => k.startsWith('ReportCallLogData.') || k.startsWith('ReportChatLog.'),
  ),
  'EventLogs.PurgeEventLog': purge('Event log', ['EventLogs'], () => false),
  'Backups.PurgeLocalBackups': purge('Local backups', ['Backups'], () => false),
  'Recordings.PurgeLocal': purge('Recordings', ['Recordings'], () => false),
  'Recordings.PurgeArchive': purge('Recording archive', ['Recordings'], () => false),
  'ActivityLog.PurgeLogs': purge('Activity log', [], (k) => k.startsWith('ActivityLog.')),
};
