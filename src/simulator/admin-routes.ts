import { z } from 'zod';
import { changedFields } from './audit-log';
import { describeRow } from './entity-sets';
import type { EntityStore } from './entity-store';
import { type FaultList, faultPayload, faultToJson } from './faults';
import { audit, parseWith } from './handler-kit';
import { pendingMcuRequest } from './mcu-request';
import { badRequest, ODataError } from './odata-error';
import type { Fault, SimRequest, SimState } from './types';

/**
 * `/_sim/…`: control of a running simulator over HTTP, so faults and resets work from a shell or another
 * process. These paths need no token and exist only here, never on a real PBX.
 */

export interface AdminTarget {
  faults: FaultList;
  requests: SimRequest[];
  state: SimState;
  store: EntityStore;
  addFault(fault: Fault): void;
  clearFaults(): void;
  clearLog(): void;
  revokeTokens(): void;
  reset(): void;
  now(): number;
}

export interface AdminAnswer {
  status: number;
  body?: unknown;
}

const mcuPayload = z
  .object({ McuId: z.string().min(1).optional(), Operation: z.enum(['Create', 'Delete']).optional() })
  .strict();

/** A change made "in the admin console": applied to the state and written to the audit log as that person. */
const consolePayload = z
  .object({
    set: z.string().min(1),
    key: z.union([z.number(), z.string()]),
    changes: z.record(z.string(), z.unknown()).optional(),
    delete: z.boolean().optional(),
    user: z.string().min(1).default('admin'),
    ip: z.string().min(1).default('192.0.2.50'),
  })
  .strict()
  .refine((p) => (p.changes !== undefined) !== (p.delete === true), 'give either changes or delete: true');

function consoleChange(target: AdminTarget, text: string): AdminAnswer {
  const change = parseWith(consolePayload, jsonBody(text), 'The console change');
  const model = target.store.models.get(change.set);
  if (!model?.key) {
    throw new ODataError(
      404,
      `${change.set} is not an entity set with keys; see GET /_sim/state for the sets.`,
    );
  }
  const row = target.store.find(model, model.key, change.key);
  if (!row) throw new ODataError(404, `${change.set}(${JSON.stringify(change.key)}) does not exist.`);
  const ctx = {
    state: target.state,
    store: target.store,
    now: target.now,
    actor: { userName: change.user, ip: change.ip, source: 'console' as const },
  };
  if (change.delete) {
    target.store.remove(model, row);
    audit(ctx, model.set, describeRow(model, row), 'delete', row, null);
    return { status: 204 };
  }
  const before = { ...row };
  const { [model.key]: _key, ...changes } = change.changes ?? {};
  target.store.update(model, row, changes);
  const diff = changedFields(before, row);
  audit(ctx, model.set, describeRow(model, row), 'update', diff.prev, diff.next);
  return { status: 200, body: row };
}

const ENDPOINTS = [
  'POST /_sim/console',
  'GET /_sim/faults',
  'POST /_sim/faults',
  'DELETE /_sim/faults',
  'GET /_sim/requests',
  'DELETE /_sim/requests',
  'POST /_sim/revoke-tokens',
  'POST /_sim/reset',
  'GET /_sim/state',
  'POST /_sim/mcu-request',
];

/** JSON whatever the content type says: `curl -d '{…}'` sends JSON labelled as a form. */
function jsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Send a JSON body (${(err as Error).message}).`);
  }
}

export function handleAdmin(target: AdminTarget, method: string, path: string, body: string): AdminAnswer {
  switch (`${method} ${path}`) {
    case 'GET /_sim/faults':
      return {
        status: 200,
        body: {
          value: target.faults.list().map(({ fault, remaining }) => ({ ...faultToJson(fault), remaining })),
        },
      };
    case 'POST /_sim/faults': {
      const fault = parseWith(faultPayload, jsonBody(body), 'The fault');
      target.addFault(fault);
      return { status: 201, body: faultToJson(fault) };
    }
    case 'DELETE /_sim/faults':
      target.clearFaults();
      return { status: 204 };
    case 'GET /_sim/requests':
      return { status: 200, body: { count: target.requests.length, value: target.requests } };
    case 'DELETE /_sim/requests':
      target.clearLog();
      return { status: 204 };
    case 'POST /_sim/revoke-tokens':
      target.revokeTokens();
      return { status: 204 };
    case 'POST /_sim/reset':
      target.reset();
      return { status: 204 };
    case 'GET /_sim/state':
      return { status: 200, body: target.state };
    case 'POST /_sim/console':
      return consoleChange(target, body);
    case 'POST /_sim/mcu-request': {
      // A fresh pending request, as when someone asks for a new MCU in the 3CX console.
      const wanted = parseWith(mcuPayload, jsonBody(body), 'The MCU request');
      const request = pendingMcuRequest(target.now(), wanted.McuId);
      if (wanted.Operation) request.Operation = wanted.Operation;
      target.state.mcuRequest = request;
      return { status: 201, body: request };
    }
    default:
      throw new ODataError(
        404,
        `${method} ${path} is not an admin endpoint; there are: ${ENDPOINTS.join(', ')}.`,
      );
  }
}
