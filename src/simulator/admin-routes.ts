import { z } from 'zod';
import { type FaultList, faultPayload, faultToJson } from './faults';
import { parseWith } from './handler-kit';
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

const ENDPOINTS = [
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
