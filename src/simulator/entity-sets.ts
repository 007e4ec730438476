import type { Operation } from '../api/catalogue';
import { collectionAnswer, entityAnswer, type OpContext, type OpHandler, type OpResult } from './handler-kit';
import { badRequest, notFound, ODataError } from './odata-error';
import type { Entity, SimState } from './types';

/**
 * Entity sets the simulator keeps state for, with OData CRUD: GET the list, GET / PATCH / DELETE by key, POST to
 * create, GET by the alternate key Number, and a 404 for a missing key on any path below the entity.
 */

type SetKey = 'users' | 'groups' | 'queues' | 'ringGroups' | 'trunks' | 'tenantProperties';

interface EntitySetSpec {
  set: string;
  state: SetKey;
  key: string;
  /** A property no two entities may share (extension numbers). */
  unique?: string;
  /** What a created entity holds for the properties the body leaves out. */
  defaults?: Entity;
}

export const ENTITY_SETS: readonly EntitySetSpec[] = [
  { set: 'Users', state: 'users', key: 'Id', unique: 'Number' },
  { set: 'Groups', state: 'groups', key: 'Id', unique: 'Name' },
  { set: 'Queues', state: 'queues', key: 'Id', unique: 'Number' },
  { set: 'RingGroups', state: 'ringGroups', key: 'Id', unique: 'Number' },
  { set: 'Trunks', state: 'trunks', key: 'Id', unique: 'Number' },
  { set: 'TenantProperties', state: 'tenantProperties', key: 'Name', defaults: { Description: null } },
];

const keyText = (value: unknown): string =>
  typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);

function findIndex(state: SimState, spec: EntitySetSpec, field: string, value: unknown): number {
  return state[spec.state].findIndex((e) => e[field] === value);
}

function existing(ctx: OpContext, spec: EntitySetSpec, field = spec.key): { entity: Entity; index: number } {
  const value = ctx.args[field];
  const index = findIndex(ctx.state, spec, field, value);
  const entity = ctx.state[spec.state][index];
  if (!entity) {
    const key = field === spec.key ? keyText(value) : `${field}=${keyText(value)}`;
    throw notFound(`${spec.set}(${key}) does not exist.`, field);
  }
  return { entity, index };
}

function assertUnique(ctx: OpContext, spec: EntitySetSpec, candidate: Entity, self?: Entity): void {
  const field = spec.unique;
  if (!field || candidate[field] === undefined || candidate[field] === null) return;
  const clash = ctx.state[spec.state].find((e) => e !== self && e[field] === candidate[field]);
  if (clash)
    throw new ODataError(409, `${field} ${keyText(candidate[field])} is already used in ${spec.set}.`, field);
}

function bodyObject(ctx: OpContext): Entity {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The body must be a JSON object.');
  return body as Entity;
}

function list(spec: EntitySetSpec): OpHandler {
  return (ctx) => collectionAnswer(ctx, ctx.state[spec.state], spec.set);
}

function get(spec: EntitySetSpec, field: string): OpHandler {
  return (ctx) => entityAnswer(ctx, existing(ctx, spec, field).entity, spec.set);
}

function create(spec: EntitySetSpec): OpHandler {
  return (ctx): OpResult => {
    const fields = { ...spec.defaults, ...bodyObject(ctx) };
    const entities = ctx.state[spec.state];
    if (spec.key === 'Id') {
      fields.Id = ctx.state.nextId[spec.state] ?? entities.length + 1;
      ctx.state.nextId[spec.state] = (fields.Id as number) + 1;
    } else {
      const key = fields[spec.key];
      if (typeof key !== 'string' || key === '') throw badRequest(`${spec.key} is required.`, spec.key);
      if (findIndex(ctx.state, spec, spec.key, key) >= 0) {
        throw new ODataError(409, `${spec.set}(${keyText(key)}) already exists.`, spec.key);
      }
    }
    assertUnique(ctx, spec, fields);
    entities.push(fields);
    const answer = entityAnswer(ctx, fields, spec.set, 201);
    return {
      ...answer,
      headers: {
        location: `${ctx.serviceRoot}/${spec.set}(${encodeURIComponent(keyText(fields[spec.key]))})`,
      },
    };
  };
}

function update(spec: EntitySetSpec): OpHandler {
  return (ctx) => {
    const { entity } = existing(ctx, spec);
    // The key comes from the URL; a key in the body (often the same) is not a rename.
    const { [spec.key]: _ignored, ...changes } = bodyObject(ctx);
    assertUnique(ctx, spec, { ...entity, ...changes }, entity);
    Object.assign(entity, changes);
    return { status: 204 };
  };
}

function remove(spec: EntitySetSpec): OpHandler {
  return (ctx) => {
    const { index } = existing(ctx, spec);
    ctx.state[spec.state].splice(index, 1);
    return { status: 204 };
  };
}

/** Wraps the handler of an operation below one entity (`/Users({Id})/…`) with the existence check. */
function below(spec: EntitySetSpec, inner: OpHandler): OpHandler {
  return (ctx) => {
    existing(ctx, spec);
    return inner(ctx);
  };
}

/** The stateful handler for `op`, or undefined when it is not on a stateful set. */
export function entitySetHandler(op: Operation, fallback: OpHandler): OpHandler | undefined {
  for (const spec of ENTITY_SETS) {
    const root = `/${spec.set}`;
    const byKey = `${root}({${spec.key}})`;
    if (op.path === root && op.method === 'GET') return list(spec);
    if (op.path === root && op.method === 'POST') return create(spec);
    if (op.path === byKey && op.method === 'GET') return get(spec, spec.key);
    if (op.path === byKey && op.method === 'PATCH') return update(spec);
    if (op.path === byKey && op.method === 'DELETE') return remove(spec);
    if (op.path === `${root}(Number={Number})` && op.method === 'GET') return get(spec, 'Number');
    if (op.path.startsWith(`${byKey}/`)) return below(spec, fallback);
  }
  return undefined;
}
