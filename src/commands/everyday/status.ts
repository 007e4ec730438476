import { trunkName } from '../../views/replies/everyday-lists';
import { type StatusFacts, statusMessage } from '../../views/replies/status-verdict';
import type { Obj, ViewSession } from './session';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * `status`: one read of the system status, and only when it says something is wrong, the reads that name it
 * (which trunks, which services). A healthy PBX costs one request, as before.
 */
export async function showStatus(s: ViewSession): Promise<void> {
  const outcome = await s.run('SystemStatus.GetSystemStatus');
  if (outcome.kind !== 'done') return s.fail(outcome);
  const status = (outcome.result.data ?? {}) as Obj;
  const trunksTotal = num(status.TrunksTotal);
  const trunksUp = num(status.TrunksRegistered);
  const needTrunks = trunksTotal !== undefined && trunksUp !== undefined && trunksUp < trunksTotal;
  const [trunks, services] = await Promise.all([
    needTrunks ? downTrunks(s) : Promise.resolve(undefined),
    status.HasNotRunningServices === true ? stoppedServices(s) : Promise.resolve(undefined),
  ]);
  const facts: StatusFacts = {
    status,
    pbx: s.ctx.pbx,
    words: s.words,
    durationMs: outcome.result.durationMs,
    httpStatus: outcome.result.status,
    ...(trunks ? { trunksDown: trunks } : {}),
    ...(services ? { servicesStopped: services } : {}),
  };
  return s.reply(statusMessage(facts));
}

async function downTrunks(s: ViewSession): Promise<string[] | undefined> {
  const found = await s.rows(
    'Trunks.ListTrunk',
    s.known('Trunks.ListTrunk', { $filter: 'IsOnline eq false', $top: '20' }),
  );
  return found.ok ? found.rows.map(trunkName) : undefined;
}

async function stoppedServices(s: ViewSession): Promise<string[] | undefined> {
  const found = await s.rows('Services.ListServiceInfo', {});
  if (!found.ok) return undefined;
  return found.rows
    .filter((r) => r.Status !== 'Running')
    .map((r) => String(r.DisplayName ?? r.Name ?? 'a service'));
}
