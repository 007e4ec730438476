import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { ReplySeen, ServerCommand, ServerCounts, ServerUrls, XapiSeen } from './servers';

/** The parent's side of `servers.ts`: start it, send it commands, wait for counts to reach a target. */

export class Servers {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: unknown) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly urls: ServerUrls,
  ) {
    child.on('message', (msg: { id: number; answer: unknown }) => {
      this.pending.get(msg.id)?.(msg.answer);
      this.pending.delete(msg.id);
    });
  }

  static async start(users: number): Promise<Servers> {
    const child = fork(path.join(__dirname, 'servers.ts'), [String(users)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const urls = await new Promise<ServerUrls>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
      child.once('message', (msg: { answer: ServerUrls }) => resolve(msg.answer));
    });
    child.removeAllListeners('exit');
    return new Servers(child, urls);
  }

  send<T>(command: ServerCommand): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (answer) => resolve(answer as T));
      this.child.send({ id, command });
    });
  }

  latency(ms: number): Promise<boolean> {
    return this.send({ op: 'latency', ms });
  }

  clear(): Promise<boolean> {
    return this.send({ op: 'clear' });
  }

  counts(): Promise<ServerCounts> {
    return this.send({ op: 'counts' });
  }

  privateReplies(): Promise<string[]> {
    return this.send({ op: 'privateReplies' });
  }

  lastUpload(): Promise<{ at: number; bytes: number } | undefined> {
    return this.send({ op: 'upload' });
  }

  uniqueUser(): Promise<{ lastName: string; number: string }> {
    return this.send({ op: 'uniqueUser' });
  }

  /** Resolves when the stand-in has the private reply posted to response_url `id`. */
  waitReply(id: string): Promise<ReplySeen> {
    return this.send({ op: 'waitReply', id });
  }

  xapiLog(): Promise<XapiSeen[]> {
    return this.send({ op: 'xapiLog' });
  }

  /** Polls the counts until `done` says so; throws after `timeoutMs`. */
  async waitFor(
    done: (c: ServerCounts) => boolean,
    what: string,
    timeoutMs = 120_000,
    intervalMs = 20,
  ): Promise<ServerCounts> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.counts();
      if (done(counts)) return counts;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; counts: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  close(): void {
    this.child.disconnect();
  }
}
