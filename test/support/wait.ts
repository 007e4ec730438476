/** Polling with a deadline, for state that announces no event (a row written, a counter moved). */

export interface WaitOptions {
  /** Named in the timeout error: "Timed out after 5000ms waiting for <what>". */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

type NotYet = undefined | null | false;

/**
 * Calls `fn` until it returns something other than undefined, null or false, and resolves with that. A throw
 * counts as "not yet" (so `fn` may hold assertions); the last one is quoted if time runs out.
 */
export async function waitUntil<T>(
  fn: () => T | NotYet | Promise<T | NotYet>,
  options: WaitOptions,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${errorText(lastError)})`;
      throw new Error(`Timed out after ${timeoutMs}ms waiting for ${options.what}${cause}`);
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))),
    );
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}
