import type { Logger } from 'pino';
import { XapiError } from '../api/client';
import type { McuDesk } from './desk';

/**
 * Reads the current MCU request every `intervalSeconds` (MCU_POLL_SECONDS; 0 = off). Polls never overlap, and a
 * failing PBX is logged, not thrown: the next tick tries again.
 */
export class McuPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly desk: McuDesk,
    private readonly intervalSeconds: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.intervalSeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000);
    this.timer.unref();
    void this.tick();
  }

  /** One poll now, waiting for any poll in progress first; tests and start-up use it. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.desk
      .poll()
      .catch((err: unknown) => {
        const detail = err instanceof XapiError ? { kind: err.kind, status: err.status } : { err };
        this.logger.warn(detail, 'MCU poll failed');
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
