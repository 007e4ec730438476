import type { Operation } from '../api/catalogue';
import { type EntityRow, entitiesOf } from '../entities/rows';
import { odataText } from '../entities/search';
import { isSecretName, maskSecrets, type OperationRequest } from '../pipeline';
import { givenLines } from '../views/replies/approval';
import { changeLine, changesOf } from '../words/changes';
import { objectPhrase } from '../words/names';
import type { BotContext } from './context';

type Obj = Record<string, unknown>;

/**
 * What a write is about and what it would change, in people's words (DESIGN §4): the object by name, and for an
 * update each field current → new, read from the PBX just before it is shown. Questions, approval cards and
 * channel confirmations all take it from here, so `Id=26` and a raw body cannot come back through one of them.
 */
export interface RequestWords {
  /** `queue Sales (800)`. */
  subject?: string;
  /** `Name: Sales → Sales EU`; `Name → Sales EU` where the current value could not be read. Masked. */
  lines: string[];
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The entity set an operation works on one object of, and that object's key as the request gives it. */
function target(
  ctx: BotContext,
  op: Operation,
  request: OperationRequest,
): { row: EntityRow; key: string } | undefined {
  const row = entitiesOf(ctx.pipeline.catalogueOf(request.pbx)).rows.find(
    (r) => r.ops.delete === op.key || r.ops.update === op.key || op.path.startsWith(`/${r.set}({`),
  );
  if (!row) return undefined;
  const given = Object.entries(request.args).find(([k]) => k.toLowerCase() === row.key.toLowerCase())?.[1];
  if (given === undefined) return undefined;
  const key = String(given);
  if (row.keyKind === 'integer' && !/^\d+$/.test(key)) return undefined;
  return { row, key };
}

/** The body as an object, whether given as one or as JSON text. */
export function bodyObject(body: unknown): Obj | undefined {
  if (isObj(body)) return body;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return isObj(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The object as 3CX holds it now, read as the person who asked (so nothing is shown that they could not read):
 * by key, with `$expand` for the member lists the body would replace, which 3CX sends only when asked.
 */
async function currentObject(
  ctx: BotContext,
  request: OperationRequest,
  row: EntityRow,
  key: string,
  body: Obj | undefined,
): Promise<Obj | undefined> {
  const read = async (opKey: string, args: Record<string, unknown>) => {
    // On the request's own PBX, whichever PBX the listener's context speaks to.
    const outcome = await ctx.pipeline.run({
      id: ctx.newRequestId(),
      pbx: request.pbx,
      key: opKey,
      args,
      requester: request.requester,
      channel: request.channel,
      source: request.source,
    });
    return outcome.kind === 'done' ? outcome.result.data : undefined;
  };
  if (row.ops.get) {
    const args: Record<string, unknown> = { [row.key]: key };
    const expand = row.lists.filter((l) => l.navigation && body && l.property in body).map((l) => l.property);
    if (expand.length > 0) args.$expand = expand.join(',');
    const data = await read(row.ops.get, args);
    return isObj(data) ? data : undefined;
  }
  const filter = `${row.key} eq ${row.keyKind === 'integer' ? key : odataText(key)}`;
  const data = await read(row.ops.list, { $filter: filter, $top: '1' });
  const found = isObj(data) && Array.isArray(data.value) ? data.value[0] : undefined;
  return isObj(found) ? found : undefined;
}

/**
 * Each field the body sets, current → new; fields it leaves as they are and the key itself are not repeated.
 * Whether a field changes is decided on the real values, what is shown on the masked ones: a secret that changes
 * reads `•••• → ••••`.
 */
function updateLines(row: EntityRow, current: Obj, body: Obj): string[] {
  const before = maskSecrets(current) as Obj;
  const after = maskSecrets(body) as Obj;
  const isEnum = (field: string) => row.properties[field]?.kind === 'ref';
  const same = (field: string) => JSON.stringify(current[field]) === JSON.stringify(body[field]);
  return changesOf(before, after)
    .filter((c) => c.field !== row.key && !same(c.field))
    .map((c) => changeLine(c, isSecretName, isEnum));
}

/**
 * The words of a request. Reads the PBX only when the operation is on one object of a set: the object itself (its
 * name; for an update, its current values). Anything else is said from the request alone.
 */
export async function requestWords(
  ctx: BotContext,
  op: Operation,
  request: OperationRequest,
): Promise<RequestWords> {
  const body = bodyObject(request.body);
  const given = body ? givenLines(maskSecrets(body)) : [];
  const on = target(ctx, op, request);
  if (!on) return { ...(request.subject ? { subject: request.subject } : {}), lines: given };
  const current = await currentObject(ctx, request, on.row, on.key, body);
  const subject = request.subject ?? (current ? objectPhrase(current, on.row) : undefined);
  if (!(current && body && on.row.ops.update === op.key))
    return { ...(subject ? { subject } : {}), lines: given };
  const changed = updateLines(on.row, current, body);
  const lines = changed.length > 0 ? changed : ['no field changes: each value sent is the one 3CX has now'];
  return { ...(subject ? { subject } : {}), lines };
}

/** Whether an operation changes one object's fields: the writes whose confirmation shows before → after. */
export function updatesOne(ctx: BotContext, op: Operation, pbx: string): boolean {
  return entitiesOf(ctx.pipeline.catalogueOf(pbx)).rows.some((r) => r.ops.update === op.key);
}
