import { z } from 'zod';
import { ConfigError } from '../config';

/**
 * The simulator's own variables, checked the way src/config.ts checks the bot's: a bad value stops start-up with
 * the variable's name, what was given and the fix.
 */

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const simEnvShape = z.object({
  SIMULATOR_PBXS: whole(1, 50).default(1),
  SIMULATOR_SEED: whole(0, 2_147_483_647).default(1),
  SIMULATOR_USERS: whole(0, 1_000_000).optional(),
});

const HINTS: Record<string, string> = {
  SIMULATOR_PBXS: 'use how many PBXs to simulate, 1 to 50',
  SIMULATOR_SEED: 'use a whole number; the same seed gives the same company',
  SIMULATOR_USERS: 'use how many users to seed, 0 to 1000000',
};

export type SimEnv = z.infer<typeof simEnvShape>;

export function readSimulatorEnv(env: NodeJS.ProcessEnv): SimEnv {
  const result = simEnvShape.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    return `${key}: ${issue.message} (got ${JSON.stringify(env[key])}); ${HINTS[key] ?? 'see README'}`;
  });
  throw new ConfigError(`Invalid environment:\n- ${lines.join('\n- ')}`);
}
