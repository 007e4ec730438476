import type { OperationCatalogue, TypeNode } from '../../src/api/catalogue';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator';

/** Real HTTP against a started simulator: tokens, XAPI calls, and one simulator per test. */

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text ('' for none). */
  body: unknown;
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { status: res.status, headers: res.headers, body: isJson ? JSON.parse(text) : text };
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  return answerOf(await fetch(url, init));
}

export function tokenForm(fields: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'sim-client',
    client_secret: 'sim-secret',
    ...fields,
  });
}

export async function getToken(sim: Simulator): Promise<string> {
  const { clientId, clientSecret } = sim.credentials;
  const form = tokenForm({ client_id: clientId, client_secret: clientSecret });
  const res = await call(`${sim.url}/connect/token`, { method: 'POST', body: form });
  if (res.status !== 200)
    throw new Error(`token request answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { access_token: string }).access_token;
}

/** A client for one simulator: fetches a token once and calls `/xapi/v1` + path with it. */
export class Xapi {
  private token?: string;

  constructor(readonly sim: Simulator) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    this.token ??= await getToken(this.sim);
    return call(`${this.sim.url}/xapi/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  get(path: string): Promise<Answer> {
    return this.request('GET', path);
  }

  /** The `value` of a collection answer, failing loudly when the call did not succeed. */
  async list(path: string): Promise<Record<string, unknown>[]> {
    const res = await this.get(path);
    if (res.status !== 200)
      throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return (res.body as { value: Record<string, unknown>[] }).value;
  }
}

/**
 * Starts a fresh simulator before each test of the calling `describe` and closes it after. Read `.sim` and
 * `.xapi` inside tests.
 */
export function useSimulator(options: SimulatorOptions = {}): { sim: Simulator; xapi: Xapi } {
  const box = {} as { sim: Simulator; xapi: Xapi };
  beforeEach(async () => {
    box.sim = await startSimulator({ port: 0, ...options });
    box.xapi = new Xapi(box.sim);
  });
  afterEach(async () => {
    await box.sim.close();
  });
  return box;
}

/** An OData error body: `{"error":{"code","message"}}`. */
export function errorOf(answer: Answer): { code: string; message: string; target?: string } {
  const body = answer.body as { error?: { code: string; message: string; target?: string } };
  if (!body?.error) throw new Error(`not an OData error: ${JSON.stringify(answer.body)}`);
  return body.error;
}

/** A value of `node`, written here independently of the simulator's own samples. */
export function exampleOf(catalogue: OperationCatalogue, node: TypeNode, depth = 0): unknown {
  if (node.kind === 'ref') return depth > 2 ? null : exampleOf(catalogue, catalogue.resolve(node), depth + 1);
  switch (node.kind) {
    case 'string':
      if (node.enum?.[0]) return node.enum[0];
      if (node.format === 'date-time') return '2025-03-01T12:00:00Z';
      if (node.format === 'uuid') return '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
      return 'example';
    case 'integer':
      return Math.max(1, node.minimum ?? 1);
    case 'number':
      return 2.5;
    case 'boolean':
      return true;
    case 'array': {
      const item = exampleOf(catalogue, node.items, depth);
      return item === null ? [] : [item];
    }
    case 'object':
      return Object.fromEntries(
        Object.entries(node.properties).map(([name, prop]) => [name, exampleOf(catalogue, prop, depth)]),
      );
    default:
      return null;
  }
}
