import { SIMULATOR_DEFAULTS } from '../config';
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
  PbxIdentity,
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

export interface ClusterOptions extends Omit<SimulatorOptions, 'pbxIndex'> {
  /** How many PBXs, each on its own port. */
  count: number;
}

/**
 * Several PBXs in one process, for the demo, multi-PBX tests and benchmarks. PBX i (from 0) has its own port
 * (`port + i` when a port is given, else a free one), FQDN, version, company (seed + i) and credentials; the
 * first keeps the given (or default) credentials, the others add `-2`, `-3` … to both.
 */
export async function startSimulators(options: ClusterOptions): Promise<Simulator[]> {
  const { count, ...rest } = options;
  if (!Number.isInteger(count) || count < 1 || count > 50) {
    throw new RangeError(`count must be a whole number from 1 to 50, not ${count}`);
  }
  const clientId = rest.clientId ?? SIMULATOR_DEFAULTS.clientId;
  const clientSecret = rest.clientSecret ?? SIMULATOR_DEFAULTS.clientSecret;
  const started: Simulator[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const suffix = i === 0 ? '' : `-${i + 1}`;
      started.push(
        await startSimulator({
          ...rest,
          port: rest.port ? rest.port + i : 0,
          seed: (rest.seed ?? 1) + i,
          pbxIndex: i,
          clientId: `${clientId}${suffix}`,
          clientSecret: `${clientSecret}${suffix}`,
        }),
      );
    }
  } catch (err) {
    await Promise.all(started.map((sim) => sim.close()));
    throw err;
  }
  return started;
}
