import { SimulatorServer } from './server';
import type { Simulator, SimulatorOptions } from './types';

/**
 * The built-in XAPI simulator: a stand-in 3CX PBX on 127.0.0.1 with the token endpoint, every catalogue
 * operation, stateful entity sets, a request log and fault injection. The demo's PBX and the tests' PBX.
 */

export type {
  Entity,
  Fault,
  McuRequest,
  ServiceRestart,
  SimRequest,
  SimState,
  Simulator,
  SimulatorOptions,
} from './types';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new SimulatorServer(options);
  await simulator.listen(options.port ?? 0);
  return simulator;
}
