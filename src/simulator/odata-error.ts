/**
 * An error the simulator answers in the OData form 3CX uses: `{"error":{"code","message","target"?}}`. Handlers
 * throw it; the server turns it into the response.
 */
export class ODataError extends Error {
  override readonly name = 'ODataError';

  constructor(
    readonly status: number,
    message: string,
    readonly target?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): { error: { code: string; message: string; target?: string } } {
    return {
      error: {
        code: String(this.status),
        message: this.message,
        ...(this.target ? { target: this.target } : {}),
      },
    };
  }
}

export const badRequest = (message: string, target?: string): ODataError =>
  new ODataError(400, message, target);
export const notFound = (message: string, target?: string): ODataError =>
  new ODataError(404, message, target);
