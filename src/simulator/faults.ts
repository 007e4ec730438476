import { z } from 'zod';
import type { Fault } from './types';

/**
 * Injected faults: answers, delays and broken connections in place of the normal ones, per route. The first
 * fault added that matches a request wins; one with `times` is used up after that many requests.
 */

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultList {
  private faults: ActiveFault[] = [];

  add(fault: Fault): void {
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
      throw new RangeError(`times must be a whole number of 1 or more, not ${fault.times}`);
    }
    this.faults.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults still active, with how many uses each has left (null: until cleared). */
  list(): { fault: Fault; remaining: number | null }[] {
    return this.faults.map(({ fault, remaining }) => ({
      fault,
      remaining: Number.isFinite(remaining) ? remaining : null,
    }));
  }

  /** The fault for this request, counting it as used. */
  take(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(({ fault }) => {
      if (fault.method && fault.method.toUpperCase() !== method) return false;
      return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
    });
    const active = this.faults[index];
    if (!active) return undefined;
    active.remaining--;
    if (active.remaining <= 0) this.faults.splice(index, 1);
    return active.fault;
  }
}

/** A fault as sent to POST /_sim/faults: the path as text or `{"regex": "...", "flags"?: "i"}`. */
export const faultPayload = z
  .object({
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, 'must be an HTTP method such as GET')
      .optional(),
    path: z.union([
      z.string().startsWith('/', 'must start with /'),
      z.object({
        regex: z.string().min(1),
        flags: z
          .string()
          .regex(/^[imsu]*$/, 'only i, m, s, u')
          .optional(),
      }),
    ]),
    times: z.number().int().min(1).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    status: z.number().int().min(100).max(599).optional(),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    malformedJson: z.boolean().optional(),
    dropConnection: z.boolean().optional(),
    hang: z.boolean().optional(),
  })
  .strict()
  .transform((raw, ctx): Fault => {
    let path: string | RegExp;
    if (typeof raw.path === 'string') path = raw.path;
    else {
      try {
        path = new RegExp(raw.path.regex, raw.path.flags);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['path', 'regex'], message: (err as Error).message });
        return z.NEVER;
      }
    }
    const { path: _path, ...rest } = raw;
    return { ...rest, path };
  });

/** A fault as JSON for GET answers and logs: a RegExp path becomes `{"regex","flags"}`. */
export function faultToJson(fault: Fault): Record<string, unknown> {
  const path =
    typeof fault.path === 'string' ? fault.path : { regex: fault.path.source, flags: fault.path.flags };
  return { ...fault, path };
}
