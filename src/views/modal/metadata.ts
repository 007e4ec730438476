import { z } from 'zod';
import { MODAL_LIMITS } from './elements';
import type { ModalMetadata } from './types';

/**
 * The form's context (which operation, for which channel and PBX) travels through Slack in `private_metadata` and
 * comes back with the submission. It is checked on the way back: the payload is signed, but an old form or another
 * app's view must not be taken for one of ours.
 */

const metadataShape = z.object({
  op: z.string().min(1),
  channel: z.string(),
  requestId: z.string(),
  pbx: z.string(),
  args: z.record(z.string(), z.string()),
  carried: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  prefill: z.string().max(MODAL_LIMITS.metadata).optional(),
  seal: z.string().max(128).optional(),
});

export function encodeMetadata(meta: ModalMetadata): string {
  const text = JSON.stringify({
    op: meta.op,
    channel: meta.channel,
    requestId: meta.requestId,
    pbx: meta.pbx,
    args: meta.args,
    ...(meta.carried !== undefined ? { carried: meta.carried } : {}),
    ...(meta.prefill !== undefined ? { prefill: meta.prefill } : {}),
    ...(meta.seal !== undefined ? { seal: meta.seal } : {}),
  });
  if (text.length > MODAL_LIMITS.metadata) {
    throw new Error(
      `The form for ${meta.op} cannot carry its arguments: they take ${text.length} characters and Slack keeps at most ` +
        `${MODAL_LIMITS.metadata} for a form. Give shorter arguments, or send the request with a JSON body instead of the form.`,
    );
  }
  return text;
}

export function decodeMetadata(text: string): ModalMetadata | undefined {
  if (text.length > MODAL_LIMITS.metadata) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = metadataShape.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
