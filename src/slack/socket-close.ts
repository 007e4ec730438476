import type { App } from '@slack/bolt';

/**
 * After a Socket Mode app has stopped, the socket library may still hold a 30 s timer waiting for Slack's half of
 * the WebSocket close handshake (a fixed constant in @slack/socket-mode, not an option). Where its `instanceof
 * CloseEvent` check fails (jest's module sandbox, or another copy of undici) it never sees that half arrive, and the
 * timer keeps the process alive after a clean stop. By then every envelope has been acknowledged and the work in
 * flight drained, so the socket is finished at once. The library's objects are reached by name and every step is
 * optional: a version that changes them makes this a no-op, never an error.
 */
export function finishSocketNow(app: App): void {
  const receiver = (app as unknown as { receiver?: { client?: { websocket?: { cleanup?: () => void } } } })
    .receiver;
  receiver?.client?.websocket?.cleanup?.();
}
