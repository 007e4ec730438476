import type { OperationCatalogue } from '../api/catalogue';
import { buildCompany, type CompanyOptions } from './company';
import type { EntitySetModel } from './entity-model';
import { EntityStore } from './entity-store';
import { pinSampleTimes, sampleOf } from './sample-values';
import type { Entity, McuRequest, SimState } from './types';

/**
 * The live state of one PBX, built from its seeded company. The company fills every set of the committed
 * catalogue that holds rows on a real PBX; a set only a newer document brings gets two rows of plain values with
 * distinct keys (and free extension numbers), so every by-key path has something to find.
 */

/** Rows for a set with no seeded data: the catalogue sample with the key, numbers and names made distinct. */
function fillerRows(
  catalogue: OperationCatalogue,
  model: EntitySetModel,
  store: EntityStore,
  now: number,
): Entity[] {
  const base = sampleOf(catalogue, model.typeName);
  if (base === null || typeof base !== 'object' || !model.key) return [];
  const rows: Entity[] = [];
  for (let n = 1; n <= 2; n++) {
    const row: Entity = pinSampleTimes(structuredClone(base) as Entity, now);
    for (const nav of model.navigation) row[nav] = [];
    row[model.key] =
      model.keyKind === 'integer'
        ? n
        : model.keyKind === 'uuid'
          ? `5e1f0c2a-7d3b-4c8e-9a6f-00000000000${n}`
          : `${model.set}-${n}`;
    if (typeof row.Name === 'string' && model.key !== 'Name') row.Name = `${model.set} ${n}`;
    if (model.extension) row.Number = store.firstFreeNumber(model.set === 'Trunks' ? 10000 : 100);
    for (const alt of model.altKeys) if (alt !== 'Number') row[alt] = `${model.set}-${alt}-${n}`;
    store.insert(model, row);
    rows.push(row);
  }
  return rows;
}

export function seedState(
  catalogue: OperationCatalogue,
  models: Map<string, EntitySetModel>,
  options: CompanyOptions,
): SimState {
  const company = buildCompany(options);
  const sets = company.sets as Record<string, Entity[]>;
  const singletons = company.singletons as Record<string, Entity>;
  const state: SimState = {
    pbx: { fqdn: company.fqdn, version: company.version, companyName: company.companyName },
    sets,
    singletons,
    reports: company.reports as Record<string, Entity[]>,
    users: [],
    groups: [],
    queues: [],
    ringGroups: [],
    trunks: [],
    tenantProperties: [],
    services: [],
    mcuRequest: (company.mcuRequests[0] as McuRequest | undefined) ?? null,
    multiCompanyMode: false,
    chatLogEnabled: false,
    license: singletons['LicenseStatus.GetLicenseStatus'] ?? {},
    restarts: [],
    nextId: {},
  };
  const store = new EntityStore(state, models);
  for (const model of models.values()) {
    if ((sets[model.set]?.length ?? 0) === 0)
      sets[model.set] = fillerRows(catalogue, model, store, options.now);
  }
  state.users = store.rows('Users');
  state.groups = store.rows('Groups');
  state.queues = store.rows('Queues');
  state.ringGroups = store.rows('RingGroups');
  state.trunks = store.rows('Trunks');
  state.tenantProperties = store.rows('TenantProperties');
  state.services = store.rows('Services');
  state.reports['ReportAuditLog.GetAuditLogData'] ??= [];
  return state;
}
