import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** What the figures were measured on: they mean little without it. */
export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  /** `uptime` as printed. */
  uptime: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    uptime: uptime(),
  };
}

export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}
