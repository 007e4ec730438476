import type { Logger } from 'pino';
import type { OperationCatalogue } from '../api/catalogue';
import type { XapiClient } from '../api/client';
import type { PbxDescription, PbxDirectory } from '../commands/context';
import { type CatalogueCache, readPbxCatalogue } from './pbx-catalogue';

/**
 * Every PBX the bot talks to: its client (token, concurrency cap, TLS), its own catalogue and whether start-up
 * reached it. A PBX that cannot be reached at start is marked down and tried again in the background: the others
 * work meanwhile, and requests to it still go out (and fail with the client's own sentence) rather than being
 * refused by a stale flag.
 */

export interface PbxHandle {
  name: string;
  client: XapiClient;
  labels: Record<string, string | number | boolean>;
  /** The built-in catalogue until the PBX's own OpenAPI document has been read. */
  catalogue: OperationCatalogue;
  state: 'up' | 'down' | 'unknown';
  reason?: string;
  version?: string;
  /** Where this PBX's MCU requests are announced (its `mcu_channel`, else channels.mcu_approvals). */
  mcuChannel?: string;
}

export interface PbxRegistryOptions {
  /** `channels.pbx` of BOT_CONFIG: channel id → PBX name. */
  bindings?: Record<string, string>;
  logger: Logger;
  /** The catalogue each PBX read last time it was reachable, for a start when it is not. */
  cache?: CatalogueCache;
  /** First retry of a PBX that was down at start; doubled up to five minutes. */
  retryMs?: number;
}

const MAX_RETRY_MS = 5 * 60_000;
/** PBXs whose OpenAPI document is read at once at start. */
const CONNECT_LANES = 2;

export class PbxRegistry implements PbxDirectory {
  private readonly handles = new Map<string, PbxHandle>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    handles: Omit<PbxHandle, 'state'>[],
    private readonly options: PbxRegistryOptions,
  ) {
    if (handles.length === 0) throw new Error('a bot needs at least one PBX');
    for (const h of handles) this.handles.set(h.name, { ...h, state: 'unknown' });
  }

  names(): string[] {
    return [...this.handles.keys()];
  }

  find(name: string): string | undefined {
    if (this.handles.has(name)) return name;
    const lower = name.toLowerCase();
    return this.names().find((n) => n.toLowerCase() === lower);
  }

  get(name: string): PbxHandle | undefined {
    const found = this.find(name);
    return found === undefined ? undefined : this.handles.get(found);
  }

  boundTo(channel: string): string | undefined {
    const bound = this.options.bindings?.[channel];
    return bound === undefined ? undefined : this.find(bound);
  }

  describe(name: string): PbxDescription | undefined {
    const h = this.get(name);
    if (!h) return undefined;
    return {
      name: h.name,
      labels: h.labels,
      state: h.state,
      ...(h.reason ? { reason: h.reason } : {}),
      ...(h.version ? { version: h.version } : {}),
    };
  }

  clients(): Map<string, XapiClient> {
    return new Map([...this.handles.values()].map((h) => [h.name, h.client]));
  }

  catalogueOf(name: string): OperationCatalogue | undefined {
    return this.get(name)?.catalogue;
  }

  /**
   * Reads each PBX's own OpenAPI document, all at once. Never throws: a PBX that does not answer is marked down
   * (with the client's sentence) and retried in the background until it does.
   */
  async connect(): Promise<void> {
    // A few at a time: each document is most of a megabyte of YAML, and fifty at once would all be held together.
    const queue = [...this.handles.values()];
    const lane = async () => {
      for (let h = queue.shift(); h; h = queue.shift()) await this.reach(h, this.options.retryMs ?? 15_000);
    };
    await Promise.all(Array.from({ length: CONNECT_LANES }, lane));
  }

  private async reach(h: PbxHandle, retryMs: number): Promise<void> {
    if (this.closed) return;
    const { logger } = this.options;
    const read = await readPbxCatalogue(h.name, h.client, h.catalogue, this.options.cache, logger);
    if (read.catalogue) {
      h.catalogue = read.catalogue;
      h.client.useCatalogue(read.catalogue);
    }
    if (read.version) h.version = read.version;
    if (read.reached) {
      const wasDown = h.state === 'down';
      h.state = 'up';
      delete h.reason;
      if (wasDown) logger.info({ pbx: h.name }, 'PBX reachable again');
      return;
    }
    h.state = 'down';
    h.reason = read.reason ?? 'it did not answer';
    logger.warn(
      { pbx: h.name, reason: h.reason, retryInMs: retryMs },
      'PBX not reachable at start: marked down, trying again in the background (the other PBXs work)',
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.reach(h, Math.min(retryMs * 2, MAX_RETRY_MS));
    }, retryMs);
    timer.unref();
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.handles.values()].map((h) => h.client.close()));
  }
}
