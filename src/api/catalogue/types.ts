/**
 * The compact catalogue of XAPI operations. Facts only: what an operation is called, how it is reached, what it
 * takes and what it answers. Produced from the OpenAPI document by `from-openapi.ts`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Nullable {
  nullable?: true;
}

export interface StringType extends Nullable {
  kind: 'string';
  /** date-time, duration, uuid, time, byte … as the document names them. */
  format?: string;
  enum?: string[];
  /** A flags enum: the value may combine several members, comma separated. */
  flags?: true;
  maxLength?: number;
  default?: string;
}

export interface IntegerType extends Nullable {
  kind: 'integer';
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: number;
}

export interface NumberType extends Nullable {
  kind: 'number';
  format?: string;
  default?: number;
}

export interface BooleanType extends Nullable {
  kind: 'boolean';
  default?: boolean;
}

export interface ArrayType extends Nullable {
  kind: 'array';
  items: TypeNode;
}

export interface ObjectType extends Nullable {
  kind: 'object';
  properties: Record<string, TypeNode>;
  required?: string[];
  /** Present when the object accepts properties it does not name. */
  additional?: true;
  /** Names of the properties the document marks `x-ms-navigationProperty` (sorted): absent from rows unless
   *  `$expand`ed, reachable as `/Set({Id})/<Name>`. */
  navigation?: string[];
}

/** A named type of `Catalogue.types`; kept by name so recursive structures stay finite. */
export interface RefType extends Nullable {
  kind: 'ref';
  name: string;
}

export interface AnyType {
  kind: 'any';
}

export type TypeNode =
  | StringType
  | IntegerType
  | NumberType
  | BooleanType
  | ArrayType
  | ObjectType
  | RefType
  | AnyType;

export type ParamLocation = 'path' | 'query' | 'header';

export interface Param {
  name: string;
  in: ParamLocation;
  required: boolean;
  type: TypeNode;
}

export type ResponseKind = 'none' | 'entity' | 'collection' | 'value';

export interface ResponseShape {
  kind: ResponseKind;
  status: number;
  /** entity: the entity; collection: one item; value: the `value` property. */
  type?: TypeNode;
}

export interface Operation {
  /** `<Resource>.<OperationId>` */
  key: string;
  resource: string;
  operationId: string;
  method: HttpMethod;
  /** Path template below `/xapi/v1`, e.g. `/Users({Id})/Pbx.SendWelcomeEmail`. */
  path: string;
  /** OData flavour: `operation` (entity set CRUD), `action` (POST Pbx.X) or `function` (GET Pbx.X()). */
  odata: 'operation' | 'action' | 'function';
  params: Param[];
  body?: { required: boolean; type: TypeNode };
  response: ResponseShape;
  /**
   * DESIGN §4's dangerous writes: `confirm` asks the asker to press Confirm first, `fqdn` to type the PBX's FQDN
   * too. Never read from a document: OperationCatalogue sets it by `dangerByRule` whenever it is built.
   */
  danger?: Danger;
}

export interface Catalogue {
  /** Which document it came from (file name and the `info.version` it declares). */
  source: { file: string; version: string };
  operations: Operation[];
  types: Record<string, TypeNode>;
}

export type OperationClass = 'read' | 'write';

export function operationClass(op: Pick<Operation, 'method'>): OperationClass {
  return op.method === 'GET' ? 'read' : 'write';
}

export type Danger = 'confirm' | 'fqdn';

/** The verbs that destroy or interrupt, wherever they stand in an operation id (`BulkNumbersDelete`, `ResetQueueStatistics`). */
const HARMFUL_WORDS = new Set(['Delete', 'Purge', 'Reset', 'Restart', 'Restore']);
/** Harmful without saying so in a verb above. */
const NAMED = new Set(['SetMultiCompanyMode', 'DropCall']);

/**
 * Which writes ask first, by rule so a newer 3CX version's operations are classed without a release: every
 * DELETE; any id with Delete, Purge, Reset, Restart or Restore as a word (the bulk and batch deletes are POSTs,
 * `Users.BatchDelete`, `Contacts.DeleteContactsByType`); SetMultiCompanyMode and DropCall. The worst, which a
 * misread click cannot undo (the whole machine down, the configuration replaced, history gone), need the FQDN:
 * RestartOperatingSystem, Restore, Purge*. A read is never dangerous (`Backups.GetRestoreSettings`).
 */
export function dangerByRule(op: Pick<Operation, 'method' | 'operationId'>): Danger | undefined {
  if (op.method === 'GET') return undefined;
  const id = op.operationId;
  if (id === 'RestartOperatingSystem' || id === 'Restore' || id.startsWith('Purge')) return 'fqdn';
  if (op.method === 'DELETE' || NAMED.has(id)) return 'confirm';
  const words = id.match(/[A-Z][a-z0-9]*/g) ?? [];
  return words.some((w) => HARMFUL_WORDS.has(w)) ? 'confirm' : undefined;
}
