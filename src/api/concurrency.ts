/**
 * At most `max` XAPI requests in flight per PBX; the rest wait their turn, first come first served. A 3CX box
 * serves its own web client from the same process, and a burst of 200 requests from a bulk command should not
 * make it slow for the people using it.
 */

interface Waiter {
  start: () => void;
  fail: (reason: unknown) => void;
}

export class ConcurrencyLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`maxConcurrency must be a whole number ≥ 1, got ${max}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `task` when a slot is free. `onAbort` builds the rejection when `signal` fires while still queued (a
   * running task watches the signal itself).
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal, onAbort?: () => unknown): Promise<T> {
    await this.acquire(signal, onAbort);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Rejects everything still queued, e.g. when the client closes. */
  rejectWaiting(reason: () => unknown): void {
    for (const waiter of this.queue.splice(0)) waiter.fail(reason());
  }

  private acquire(signal?: AbortSignal, onAbort?: () => unknown): Promise<void> {
    const abortReason = () => (onAbort ? onAbort() : signal?.reason);
    if (signal?.aborted) return Promise.reject(abortReason());
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onSignal = () => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        reject(abortReason());
      };
      const waiter: Waiter = {
        // The slot passes straight from the finishing task to this one, so `active` is unchanged.
        start: () => {
          signal?.removeEventListener('abort', onSignal);
          resolve();
        },
        fail: (reason) => {
          signal?.removeEventListener('abort', onSignal);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onSignal, { once: true });
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.start();
    else this.active--;
  }
}

/** Waits `ms`, or rejects with `onAbort()` as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** `promise`, unless `signal` fires first. */
export function unlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: () => unknown,
): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(onAbort());
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
