import type { ObjectType, OperationCatalogue } from '../api/catalogue';

/**
 * What the simulator knows about each entity set, read from the catalogue alone: every `GET /X` that answers a
 * collection of a named type is a set; its key is the placeholder of `/X({Key})`, its alternate keys those of
 * `/X(Name={Name})`. No hand list of sets: a new document brings its new sets with it.
 */

export interface EntitySetModel {
  /** As in the path: `Users`. */
  set: string;
  /** The catalogue type of one row: `User`. */
  typeName: string;
  /** The key property, or undefined for a list 3CX never addresses by key (`CallHistoryView`). */
  key?: string;
  keyKind: 'integer' | 'string' | 'uuid';
  /** Alternate keys the document declares, e.g. `Number` for `/Users(Number='100')`. */
  altKeys: string[];
  /** Its `Number` is an extension: one number space over all such sets. */
  extension: boolean;
  navigation: string[];
  /** No two rows may share a Name. */
  uniqueName: boolean;
  /** Properties a POST must give. */
  required: string[];
  properties: Set<string>;
}

/**
 * 3CX refuses a second group, queue, ring group, digital receptionist (IVR) or call-flow app of the same name (the
 * console's "name already exists"); users, faxes and parkings may share display names.
 */
const UNIQUE_NAME_SETS = new Set(['Groups', 'Queues', 'RingGroups', 'Receptionists', 'CallFlowApps']);

/**
 * The document marks no property required; these are the ones 3CX's console and XAPI refuse to create without.
 * String keys (TenantProperties Name, Sbcs Name, Fxs MacAddress, …) are always required as well.
 */
const REQUIRED: Record<string, string[]> = {
  Users: ['FirstName'],
  Groups: ['Name'],
  Queues: ['Name'],
  RingGroups: ['Name'],
  Receptionists: ['Name'],
  CallFlowApps: ['Name'],
  Contacts: ['FirstName'],
  InboundRules: ['DID'],
  BlackListNumbers: ['CallerId'],
  Holidays: ['Name'],
};

/** The properties of DN, the base type of everything that owns an extension number. */
function isExtensionType(type: ObjectType, dn: ObjectType | undefined): boolean {
  if (!dn || !('Number' in type.properties)) return false;
  return Object.keys(dn.properties).every((name) => name in type.properties);
}

export function entitySetModels(catalogue: OperationCatalogue): Map<string, EntitySetModel> {
  const models = new Map<string, EntitySetModel>();
  const dnType = catalogue.resolve({ kind: 'ref', name: 'DN' });
  const dn = dnType.kind === 'object' ? dnType : undefined;
  for (const op of catalogue.operations) {
    const root = /^\/([A-Za-z]+)$/.exec(op.path)?.[1];
    const item = op.response.type;
    if (!root || op.method !== 'GET' || op.response.kind !== 'collection' || item?.kind !== 'ref') continue;
    const type = catalogue.resolve(item);
    if (type.kind !== 'object') continue;
    const model: EntitySetModel = {
      set: root,
      typeName: item.name,
      keyKind: 'integer',
      altKeys: [],
      extension: isExtensionType(type, dn),
      navigation: type.navigation ?? [],
      uniqueName: UNIQUE_NAME_SETS.has(root) && 'Name' in type.properties,
      required: [...(REQUIRED[root] ?? [])].filter((p) => p in type.properties),
      properties: new Set(Object.keys(type.properties)),
    };
    models.set(root, model);
  }
  for (const op of catalogue.operations) {
    const m = /^\/([A-Za-z]+)\((\w+=)?\{(\w+)\}\)/.exec(op.path);
    const model = m ? models.get(m[1] as string) : undefined;
    if (!m || !model) continue;
    const name = m[3] as string;
    if (m[2]) {
      if (!model.altKeys.includes(name)) model.altKeys.push(name);
      continue;
    }
    if (model.key) continue;
    model.key = name;
    const param = op.params.find((p) => p.in === 'path' && p.name === name);
    const keyType = param ? catalogue.resolve(param.type) : undefined;
    model.keyKind =
      keyType?.kind === 'integer'
        ? 'integer'
        : keyType?.kind === 'string' && keyType.format === 'uuid'
          ? 'uuid'
          : 'string';
  }
  for (const model of models.values()) {
    // Lists with no by-key path still hold rows with an Id (ActiveCalls, CallHistoryView …).
    if (!model.key && model.properties.has('Id')) model.key = 'Id';
    if (model.key && model.keyKind !== 'integer' && !model.required.includes(model.key))
      model.required.unshift(model.key);
  }
  return models;
}
