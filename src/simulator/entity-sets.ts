import type { Operation } from '../api/catalogue';
import { changedFields } from './audit-log';
import type { EntitySetModel } from './entity-model';
import { audit, type OpContext, type OpHandler, type OpResult } from './handler-kit';
import { navigationRows, parseExpand, present } from './navigation';
import { badRequest, notFound, ODataError } from './odata-error';
import { applyQuery, parseQueryOptions } from './odata-query';
import type { Entity } from './types';

/**
 * OData CRUD on every entity set of the catalogue: the list, by key, by alternate key, create, merge-update,
 * delete, navigation lists, and a 404 for a missing key on any path below the entity. 3CX's rules on top: one
 * extension-number space (409), unique names where 3CX wants them (409), required properties (400).
 */

const keyText = (value: unknown): string =>
  typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);

function existing(ctx: OpContext, model: EntitySetModel, field: string): Entity {
  const value = ctx.args[field];
  const row = ctx.store.find(model, field, value);
  if (!row) {
    const key = field === model.key ? keyText(value) : `${field}=${keyText(value)}`;
    throw notFound(`${model.set}(${key}) does not exist.`, field);
  }
  return row;
}

function bodyObject(ctx: OpContext): Entity {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The body must be a JSON object.');
  return body as Entity;
}

export function describeRow(model: EntitySetModel, row: Entity): string {
  const name = row.DisplayName ?? row.Name ?? (row.FirstName ? `${row.FirstName} ${row.LastName ?? ''}` : '');
  const number = model.extension && row.Number ? `${row.Number} ` : '';
  const label = `${number}${typeof name === 'string' ? name.trim() : ''}`.trim();
  return label || `${model.set}(${keyText(model.key ? row[model.key] : '')})`;
}

/** Throws 409 when `candidate` would take a number or name another row holds. */
function assertFree(ctx: OpContext, model: EntitySetModel, candidate: Entity, self?: Entity): void {
  if (model.extension) {
    const owner = ctx.store.numberOwner(candidate.Number);
    if (owner && owner.row !== self) {
      const ownerModel = ctx.store.models.get(owner.set);
      throw new ODataError(
        409,
        `WARNINGS.XAPI.ALREADY_IN_USE: Number ${keyText(candidate.Number)} is already in use by ${owner.set} ${ownerModel ? describeRow(ownerModel, owner.row) : ''}`.trim() +
          `. Choose a free number (Users/Pbx.GetFirstAvailableExtensionNumber() names one).`,
        'Number',
      );
    }
  }
  for (const field of model.altKeys) {
    if (field === 'Number' && model.extension) continue;
    const clash = candidate[field] != null ? ctx.store.find(model, field, candidate[field]) : undefined;
    if (clash && clash !== self)
      throw new ODataError(
        409,
        `WARNINGS.XAPI.ALREADY_IN_USE: ${field} ${keyText(candidate[field])} is already used in ${model.set}.`,
        field,
      );
  }
  if (model.uniqueName && typeof candidate.Name === 'string') {
    const clash = ctx.store.find(model, 'Name', candidate.Name);
    if (clash && clash !== self)
      throw new ODataError(
        409,
        `WARNINGS.XAPI.ALREADY_IN_USE: Name ${keyText(candidate.Name)} is already used by another of ${model.set}; names must be unique.`,
        'Name',
      );
  }
}

function list(model: EntitySetModel): OpHandler {
  return (ctx) => rowsAnswer(ctx, model, ctx.store.rows(model.set), model.set);
}

/** A list answer of `rows` with $filter … applied to the stored rows and navigation shown as asked. */
function rowsAnswer(
  ctx: OpContext,
  model: EntitySetModel,
  rows: readonly Entity[],
  context: string,
): OpResult {
  const expand = parseExpand(ctx, model);
  const options = parseQueryOptions(ctx.query, ctx.fields.resolver(ctx.op.response.type, context));
  const { select } = options;
  const { value, count } = applyQuery(rows, { ...options, select: undefined });
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.serviceRoot}/$metadata#${context}`,
      ...(options.count ? { '@odata.count': count } : {}),
      value: value.map((row) => present(ctx, model, row as Entity, select, expand)),
    },
  };
}

function rowAnswer(ctx: OpContext, model: EntitySetModel, row: Entity, status = 200): OpResult {
  const expand = parseExpand(ctx, model);
  const options = parseQueryOptions(
    ctx.query,
    ctx.fields.resolver({ kind: 'ref', name: model.typeName }, model.set),
  );
  return {
    status,
    body: {
      '@odata.context': `${ctx.serviceRoot}/$metadata#${model.set}/$entity`,
      ...present(ctx, model, row, options.select, expand),
    },
  };
}

function get(model: EntitySetModel, field: string): OpHandler {
  return (ctx) => rowAnswer(ctx, model, existing(ctx, model, field));
}

function create(model: EntitySetModel): OpHandler {
  return (ctx): OpResult => {
    const row: Entity = { ...bodyObject(ctx) };
    for (const name of model.required) {
      if (row[name] === undefined || row[name] === null || row[name] === '') {
        throw badRequest(
          `WARNINGS.XAPI.REQUIRED: ${name} is required to create one of ${model.set}; add "${name}" to the body.`,
          name,
        );
      }
    }
    if (model.key && model.keyKind === 'integer') row[model.key] = ctx.store.nextId(model);
    else if (model.key && ctx.store.find(model, model.key, row[model.key])) {
      throw new ODataError(409, `${model.set}(${keyText(row[model.key])}) already exists.`, model.key);
    }
    // 3CX hands out the first free extension when none is given; groups are numbered GRP0000 … by 3CX itself.
    if (model.extension && (row.Number === undefined || row.Number === null || row.Number === '')) {
      row.Number =
        model.set === 'Groups'
          ? `GRP${String(row.Id).padStart(4, '0')}`
          : ctx.store.firstFreeNumber(model.set === 'Trunks' ? 10000 : 100);
    }
    // 3CX answers a created entity whole: what the body left out is null (lists empty).
    for (const name of model.properties) if (row[name] === undefined) row[name] = null;
    for (const nav of model.navigation) if (row[nav] === null) row[nav] = [];
    assertFree(ctx, model, row);
    ctx.store.insert(model, row);
    audit(ctx, model.set, describeRow(model, row), 'create', null, row);
    const answer = rowAnswer(ctx, model, row, 201);
    const key = model.key ? row[model.key] : undefined;
    return {
      ...answer,
      headers:
        key === undefined
          ? {}
          : { location: `${ctx.serviceRoot}/${model.set}(${encodeURIComponent(keyText(key))})` },
    };
  };
}

function update(model: EntitySetModel, field: string): OpHandler {
  return (ctx) => {
    const row = existing(ctx, model, field);
    // The key comes from the URL; a key in the body (often the same) is not a rename.
    const changes = { ...bodyObject(ctx) };
    if (model.key) delete changes[model.key];
    assertFree(ctx, model, { ...row, ...changes }, row);
    const before = { ...row };
    ctx.store.update(model, row, changes);
    const diff = changedFields(before, row);
    audit(ctx, model.set, describeRow(model, row), 'update', diff.prev, diff.next);
    return { status: 204 };
  };
}

/** Removes an extension from the member lists of every other row, as 3CX does when the extension goes. */
function dropFromLists(ctx: OpContext, removed: Entity): void {
  for (const model of ctx.store.models.values()) {
    const lists = model.navigation.filter((n) => n === 'Agents' || n === 'Managers' || n === 'Members');
    if (lists.length === 0) continue;
    for (const row of ctx.store.rows(model.set)) {
      for (const nav of lists) {
        const items = row[nav];
        if (Array.isArray(items) && items.some((i: Entity) => i?.Number === removed.Number))
          row[nav] = items.filter((i: Entity) => i?.Number !== removed.Number);
      }
    }
  }
}

export function removeRow(ctx: OpContext, model: EntitySetModel, row: Entity): void {
  ctx.store.remove(model, row);
  if (model.extension && row.Number) dropFromLists(ctx, row);
  if (model.set === 'Groups') {
    for (const set of ctx.store.models.values()) {
      if (!set.extension) continue;
      for (const member of ctx.store.rows(set.set)) {
        if (Array.isArray(member.Groups) && member.Groups.some((g: Entity) => g?.GroupId === row.Id))
          member.Groups = member.Groups.filter((g: Entity) => g?.GroupId !== row.Id);
      }
    }
  }
  audit(ctx, model.set, describeRow(model, row), 'delete', row, null);
}

function remove(model: EntitySetModel, field: string): OpHandler {
  return (ctx) => {
    removeRow(ctx, model, existing(ctx, model, field));
    return { status: 204 };
  };
}

function navigationList(model: EntitySetModel, nav: string): OpHandler {
  return (ctx) => {
    const row = existing(ctx, model, model.key ?? 'Id');
    const rows = navigationRows(ctx, model, row, nav);
    const options = parseQueryOptions(
      ctx.query,
      ctx.fields.resolver(ctx.op.response.type, `${model.set}/${nav}`),
    );
    const { value, count } = applyQuery(rows, options);
    return {
      status: 200,
      body: {
        '@odata.context': `${ctx.serviceRoot}/$metadata#${model.set}(${keyText(row[model.key ?? 'Id'])})/${nav}`,
        ...(options.count ? { '@odata.count': count } : {}),
        value,
      },
    };
  };
}

/** Wraps the handler of an operation below one entity (`/Users({Id})/…`) with the existence check. */
export function below(model: EntitySetModel, field: string, inner: OpHandler): OpHandler {
  return (ctx) => {
    existing(ctx, model, field);
    return inner(ctx);
  };
}

/** The stateful handler for `op`, or undefined when it is not on an entity set. */
export function entitySetHandler(
  op: Operation,
  fallback: OpHandler,
  models: Map<string, EntitySetModel>,
): OpHandler | undefined {
  const m = /^\/([A-Za-z]+)(\((?:(\w+)=)?\{(\w+)\}\))?(\/.*)?$/.exec(op.path);
  const model = m ? models.get(m[1] as string) : undefined;
  if (!m || !model) return undefined;
  const [, , keyPart, altName, placeholder, rest] = m;
  if (!keyPart) {
    if (rest) return undefined;
    if (op.method === 'GET') return list(model);
    if (op.method === 'POST') return create(model);
    return undefined;
  }
  const field = altName ? (placeholder as string) : (model.key ?? (placeholder as string));
  if (!rest) {
    if (op.method === 'GET') return get(model, field);
    if (op.method === 'PATCH') return update(model, field);
    if (op.method === 'DELETE') return remove(model, field);
    return undefined;
  }
  const nav = rest.slice(1);
  if (op.method === 'GET' && model.navigation.includes(nav)) return navigationList(model, nav);
  return below(model, field, fallback);
}
