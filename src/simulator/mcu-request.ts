import type { McuRequest } from './types';

/** A pending MCU request, as 3CX shows one after someone asks for a new conference server. */
export const SEEDED_MCU_ID = '8c6f3a52-1d2e-4b7a-9f10-5e4d3c2b1a00';

export function pendingMcuRequest(nowMs: number, mcuId = SEEDED_MCU_ID): McuRequest {
  return {
    McuId: mcuId,
    Operation: 'Create',
    State: 'Pending',
    RequestExpiration: new Date(nowMs + 3_600_000).toISOString(),
    ErrorMessage: null,
  };
}
