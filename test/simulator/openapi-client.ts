import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * A small client written from the official OpenAPI document alone, as a generator would write one: operations by
 * operationId, paths, methods, path parameters and their schema types, the server URL and the OAuth2 token URL
 * all come from the YAML, nothing from the project's own catalogue. String path parameters are written as OData
 * literals (quoted, quotes doubled), which is what OData clients generated from such documents do.
 */

const parameterShape = z
  .object({
    name: z.string(),
    in: z.string(),
    schema: z.object({ type: z.string().optional() }).loose().optional(),
  })
  .loose();

const documentShape = z.object({
  servers: z.array(z.object({ url: z.string() })).min(1),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({
    securitySchemes: z.object({
      Application: z.object({ flows: z.object({ clientCredentials: z.object({ tokenUrl: z.string() }) }) }),
    }),
  }),
});

interface DocOperation {
  method: string;
  path: string;
  pathParams: { name: string; type: string }[];
}

export class OpenApiClient {
  private readonly operations = new Map<string, DocOperation>();
  private readonly serverPath: string;
  private readonly tokenPath: string;
  private token?: string;

  constructor(
    file: string,
    private readonly origin: string,
    private readonly credentials: { clientId: string; clientSecret: string },
  ) {
    const doc = documentShape.parse(parse(readFileSync(file, 'utf8')));
    this.serverPath = doc.servers[0]?.url ?? '';
    this.tokenPath = doc.components.securitySchemes.Application.flows.clientCredentials.tokenUrl;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        const op = z
          .object({ operationId: z.string(), parameters: z.array(z.unknown()).optional() })
          .loose()
          .safeParse(raw);
        if (!op.success) continue;
        const pathParams = (op.data.parameters ?? [])
          .map((p) => parameterShape.safeParse(p))
          .filter((p) => p.success && p.data.in === 'path')
          .map((p) => ({ name: p.data?.name ?? '', type: p.data?.schema?.type ?? 'string' }));
        this.operations.set(op.data.operationId, { method: method.toUpperCase(), path, pathParams });
      }
    }
  }

  /** Which path and method the document gives an operation: what a generated method would call. */
  describe(operationId: string): DocOperation {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`The document has no operation ${operationId}`);
    return op;
  }

  private async bearer(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.origin}${this.tokenPath}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
      }),
    });
    const body = z.object({ access_token: z.string() }).parse(await res.json());
    this.token = body.access_token;
    return this.token;
  }

  async call(
    operationId: string,
    params: Record<string, string | number> = {},
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const op = this.describe(operationId);
    let path = op.path;
    for (const p of op.pathParams) {
      const value = params[p.name];
      if (value === undefined) throw new Error(`${operationId} needs ${p.name}`);
      const literal = p.type === 'string' ? `'${String(value).replace(/'/g, "''")}'` : String(value);
      path = path.replace(`{${p.name}}`, encodeURIComponent(literal));
    }
    const res = await fetch(`${this.origin}${this.serverPath}${path}`, {
      method: op.method,
      headers: {
        authorization: `Bearer ${await this.bearer()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? '' : JSON.parse(text) };
  }
}
