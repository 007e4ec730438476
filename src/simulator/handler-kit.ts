import type { z } from 'zod';
import type { Operation, OperationCatalogue, TypeNode } from '../api/catalogue';
import { type Actor, type AuditAction, appendAudit, objectTypeCode } from './audit-log';
import type { EntityStore } from './entity-store';
import { badRequest } from './odata-error';
import { applyQuery, type FieldIndex, parseQueryOptions, selectFields } from './odata-query';
import type { SimState } from './types';

/** What every operation handler gets and gives back, and the two ways of answering a read. */

export interface OpContext {
  op: Operation;
  /** Typed path parameters. */
  args: Record<string, unknown>;
  query: Record<string, string>;
  /** The parsed JSON body, already checked against the operation's body type. */
  body: unknown;
  state: SimState;
  catalogue: OperationCatalogue;
  fields: FieldIndex;
  /** `${url}/xapi/v1`, for @odata.context and Location. */
  serviceRoot: string;
  now: () => number;
  store: EntityStore;
  /** Who is calling, as the audit log records it. */
  actor: Actor;
}

/** Records a write in the PBX audit log. */
export function audit(
  ctx: Pick<OpContext, 'state' | 'store' | 'actor' | 'now'>,
  kind: string,
  objectName: string,
  action: AuditAction,
  prev?: Record<string, unknown> | null,
  next?: Record<string, unknown> | null,
): void {
  appendAudit(ctx.state, {
    actor: ctx.actor,
    objectType: objectTypeCode(ctx.store.kinds, kind),
    objectName,
    action,
    prev,
    next,
    at: ctx.now(),
  });
}

export interface OpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type OpHandler = (ctx: OpContext) => OpResult;

/** The element type of a collection answer or the type of an entity answer, as the catalogue gives it. */
export function answerType(op: Operation): TypeNode | undefined {
  return op.response.type;
}

/** A list answered with the query options applied: `{"@odata.context","@odata.count"?,"value"}`. */
export function collectionAnswer(ctx: OpContext, items: readonly unknown[], context: string): OpResult {
  const options = parseQueryOptions(ctx.query, ctx.fields.resolver(answerType(ctx.op), context));
  const { value, count } = applyQuery(items, options);
  return {
    status: ctx.op.response.status === 204 ? 200 : ctx.op.response.status,
    body: {
      '@odata.context': `${ctx.serviceRoot}/$metadata#${context}`,
      ...(options.count ? { '@odata.count': count } : {}),
      value,
    },
  };
}

/** One entity with $select applied. */
export function entityAnswer(
  ctx: OpContext,
  entity: unknown,
  context: string,
  status = ctx.op.response.status,
): OpResult {
  const options = parseQueryOptions(ctx.query, ctx.fields.resolver(answerType(ctx.op), context));
  const selected = selectFields(entity, options.select);
  // A primitive "entity" (an enum such as RemoteAccessStatus) travels as OData wraps primitives: in `value`.
  const body =
    selected !== null && typeof selected === 'object' && !Array.isArray(selected)
      ? { '@odata.context': `${ctx.serviceRoot}/$metadata#${context}/$entity`, ...selected }
      : { '@odata.context': `${ctx.serviceRoot}/$metadata#${context}`, value: selected };
  return { status, body };
}

/** Parses outside input with a zod schema; a failure is a 400 naming the field and the problem. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what = 'The request body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  throw badRequest(`${what} is invalid: ${problems.join('; ')}.`);
}
