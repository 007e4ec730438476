/** What the pipeline hands to validation, and what it gets back. */

export interface RequestInput {
  /** Path, function and query parameters: usually text typed in Slack ("12", "true"), sometimes typed values. */
  args?: Record<string, unknown>;
  /** The request body: a value, or JSON text typed by a person. */
  body?: unknown;
}

export interface ValidRequest {
  /** Under the catalogue's spelling of each name, typed: numbers, booleans, text, lists of text. */
  params: Record<string, unknown>;
  body?: unknown;
}
