import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Another process writing to the disk the bot's database is on, with an fsync after every 8 MB, as a backup job
 * or a busy neighbour on a shared volume would. While it runs, an fsync of the bot's own waits its turn.
 */
export function startDiskWriter(dir: string): { stop(): Promise<void> } {
  const file = path.join(dir, 'disk-writer.tmp');
  const script = `
    const fs = require('node:fs');
    const chunk = Buffer.alloc(1 << 20, 7);
    const parent = process.ppid;
    // Ends with the run that started it, even when that run is killed.
    while (process.ppid === parent) {
      const fd = fs.openSync(${JSON.stringify(file)}, 'w');
      for (let i = 0; i < 8; i++) fs.writeSync(fd, chunk);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(file, { force: true });
    },
  };
}
