import type { ObjectType, Operation, OperationCatalogue, TypeNode } from '../api/catalogue';
import { type Column, CURATED_ENTITIES, ENTITY_ALIASES } from './curated';
import { kebab, singularOf } from './names';

/**
 * One row per entity set of the catalogue (every `GET /X` that answers a collection): what the everyday grammar,
 * help, forms and replies need to work on it. Derived, never written per entity; CURATED_ENTITIES only relabels
 * and picks columns.
 */

/** A property holding references to extensions (queue agents, ring group members): changed with add/remove. */
export interface MemberList {
  property: string;
  /** As typed: `agents`. */
  word: string;
  /** What an item of the list holds (`Id`, `Name`, `Number` …). */
  itemProperties: string[];
  /** 3CX sends it only with `$expand` (the OpenAPI document's navigation marker, kept in the catalogue). */
  navigation: boolean;
}

export interface EntityRow {
  set: string;
  plural: string;
  singular: string;
  /** How replies call one of them: `user`, `ring group`. */
  label: string;
  typeName?: string;
  key: string;
  keyKind: 'integer' | 'string';
  hasNumber: boolean;
  properties: Record<string, TypeNode>;
  /** Properties that hold a name, most telling first. */
  nameFields: string[];
  emailFields: string[];
  lists: MemberList[];
  /** Properties 3CX sends only when a read asks `$expand` for them (the catalogue's navigation marker). */
  navigation: string[];
  columns: Column[];
  /** Columns picked by CURATED_ENTITIES; otherwise the list adds the most telling of the data's own. */
  curated: boolean;
  aliases: Record<string, string>;
  ops: {
    list: string;
    get?: string;
    getByNumber?: string;
    create?: string;
    update?: string;
    delete?: string;
  };
}

const NAME_FIELDS = ['DisplayName', 'Name', 'FirstName', 'LastName', 'CompanyName', 'FileName', 'Filename'];
export const STATE_FIELDS = ['Enabled', 'IsEnabled', 'IsOnline', 'IsRegistered', 'Registered', 'IsActive'];
const EMAIL_FIELDS = ['EmailAddress', 'Email'];
/** Where an item is a group the object belongs to, not a member of it: changed from the group's side. */
const NOT_MEMBER_LISTS = new Set(['Groups']);

export class EntityIndex {
  readonly rows: EntityRow[];
  private readonly byWord = new Map<string, EntityRow>();
  private readonly bySet = new Map<string, EntityRow>();

  constructor(readonly catalogue: OperationCatalogue) {
    this.rows = deriveRows(catalogue);
    for (const row of this.rows) {
      this.bySet.set(row.set.toLowerCase(), row);
      this.byWord.set(row.plural, row);
      if (!this.byWord.has(row.singular)) this.byWord.set(row.singular, row);
    }
    for (const [word, set] of Object.entries(ENTITY_ALIASES)) {
      const row = this.bySet.get(set.toLowerCase());
      if (row) this.byWord.set(word, row);
    }
  }

  /** `users`, `user`, `Ring-Groups`, `extension` → its row. */
  find(word: string): EntityRow | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  bySetName(set: string): EntityRow | undefined {
    return this.bySet.get(set.toLowerCase());
  }

  /** Every word that names a set, for did-you-mean. */
  words(): string[] {
    return [...this.byWord.keys()];
  }

  /** Whether the word is plural (a list) rather than singular (one object), for sets whose names differ. */
  isPlural(word: string): boolean {
    const w = word.toLowerCase();
    const row = this.find(w);
    if (!row) return false;
    if (row.plural === row.singular) return false;
    return w === row.plural || (w.endsWith('s') && ENTITY_ALIASES[w] !== undefined);
  }
}

function deriveRows(catalogue: OperationCatalogue): EntityRow[] {
  const byPath = new Map<string, Operation[]>();
  for (const op of catalogue.operations) {
    const list = byPath.get(op.path) ?? [];
    list.push(op);
    byPath.set(op.path, list);
  }
  const rows: EntityRow[] = [];
  for (const op of catalogue.operations) {
    const m = /^\/([A-Za-z]\w*)$/.exec(op.path);
    if (!m || op.method !== 'GET' || op.response.kind !== 'collection') continue;
    rows.push(deriveRow(catalogue, m[1] as string, op, byPath));
  }
  return rows.sort((a, b) => a.set.localeCompare(b.set));
}

function deriveRow(
  catalogue: OperationCatalogue,
  set: string,
  listOp: Operation,
  byPath: Map<string, Operation[]>,
): EntityRow {
  const item = listOp.response.type;
  const typeName = item?.kind === 'ref' ? item.name : undefined;
  const resolved = item ? catalogue.resolve(item) : undefined;
  const object: ObjectType | undefined = resolved?.kind === 'object' ? resolved : undefined;
  const properties = object?.properties ?? {};
  const navigation = new Set((object as { navigation?: string[] } | undefined)?.navigation ?? []);

  let key = 'Id';
  let keyKind: 'integer' | 'string' = 'integer';
  const ops: EntityRow['ops'] = { list: listOp.key };
  for (const [path, found] of byPath) {
    const byKey = new RegExp(`^/${set}\\(\\{(\\w+)\\}\\)$`).exec(path);
    if (byKey) {
      key = byKey[1] as string;
      for (const op of found) {
        if (op.method === 'GET') ops.get = op.key;
        if (op.method === 'PATCH') ops.update = op.key;
        if (op.method === 'DELETE') ops.delete = op.key;
        const param = op.params.find((p) => p.name === key);
        if (param) keyKind = catalogue.resolve(param.type).kind === 'integer' ? 'integer' : 'string';
      }
    }
    if (path === `/${set}(Number={Number})`) ops.getByNumber = found.find((o) => o.method === 'GET')?.key;
    if (path === `/${set}`) {
      const create = found.find((o) => o.method === 'POST');
      if (create) ops.create = create.key;
    }
  }
  if (!ops.getByNumber) delete ops.getByNumber;
  // Without a by-key path the list is read with `$filter` on the key: the Id if the item has one, else its name.
  if (!ops.get && !ops.update && !ops.delete) {
    const fallback = 'Id' in properties ? 'Id' : NAME_FIELDS.find((f) => f in properties);
    if (fallback) {
      key = fallback;
      const node = properties[fallback];
      keyKind = node && catalogue.resolve(node).kind === 'integer' ? 'integer' : 'string';
    }
  }

  const curated = CURATED_ENTITIES[set] ?? {};
  const plural = kebab(set);
  const singular = singularOf(plural);
  const lists = memberLists(catalogue, properties, navigation);
  const row: EntityRow = {
    set,
    plural,
    singular,
    label: curated.label ?? singular.replace(/-/g, ' '),
    key,
    keyKind,
    hasNumber: 'Number' in properties,
    properties,
    nameFields: NAME_FIELDS.filter((f) => f in properties),
    emailFields: EMAIL_FIELDS.filter((f) => f in properties),
    lists,
    navigation: [...navigation],
    columns: [],
    curated: curated.columns !== undefined,
    aliases: { ...defaultAliases(properties, lists), ...(curated.aliases ?? {}) },
    ops,
  };
  if (typeName) row.typeName = typeName;
  row.columns = curated.columns ?? genericColumns(row);
  return row;
}

function memberLists(
  catalogue: OperationCatalogue,
  properties: Record<string, TypeNode>,
  navigation: Set<string>,
): MemberList[] {
  const lists: MemberList[] = [];
  for (const [property, node] of Object.entries(properties)) {
    if (NOT_MEMBER_LISTS.has(property)) continue;
    const t = catalogue.resolve(node);
    if (t.kind !== 'array') continue;
    const itemType = catalogue.resolve(t.items);
    if (itemType.kind !== 'object') continue;
    const itemProperties = Object.keys(itemType.properties);
    // A member is someone with an extension number: agents, managers, members.
    if (!itemProperties.includes('Number') || !itemProperties.some((p) => p === 'Id' || p === 'Name'))
      continue;
    lists.push({ property, word: kebab(property), itemProperties, navigation: navigation.has(property) });
  }
  return lists;
}

function defaultAliases(properties: Record<string, TypeNode>, lists: MemberList[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  if ('Name' in properties) aliases.name = 'Name';
  if ('Number' in properties) aliases.number = 'Number';
  for (const f of EMAIL_FIELDS) if (f in properties) aliases.email = f;
  for (const list of lists) aliases[list.word] = list.property;
  return aliases;
}

/** Generic: the key unless there is a number, a name, an email, a state, as the set has them. */
function genericColumns(row: EntityRow): Column[] {
  const columns: Column[] = [];
  if (row.hasNumber) columns.push({ label: 'Number', field: 'Number' });
  if (row.nameFields.length > 0) columns.push({ label: 'Name', field: '@name' });
  if (!row.hasNumber && row.key in row.properties && !row.nameFields.includes(row.key))
    columns.unshift({ label: row.key, field: row.key });
  const email = row.emailFields[0];
  if (email) columns.push({ label: 'Email', field: email });
  if (STATE_FIELDS.some((f) => f in row.properties)) columns.push({ label: 'State', field: '@state' });
  return columns;
}

const indexes = new WeakMap<OperationCatalogue, EntityIndex>();

/** The rows of a catalogue, derived once per catalogue (a THREECX_SPEC catalogue gets its own). */
export function entitiesOf(catalogue: OperationCatalogue): EntityIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new EntityIndex(catalogue);
    indexes.set(catalogue, index);
  }
  return index;
}
