import { z } from 'zod';

/**
 * The parts of Slack's payloads we rely on, checked before use. Anything else Slack sends is ignored; a payload
 * missing one of these is refused rather than half-handled.
 */

const id = z.string().min(1).max(64);

export const slashCommandPayload = z.object({
  // No length limit here: the grammar refuses over-long text with a sentence; refusing it here answered nothing.
  text: z.string().default(''),
  user_id: id,
  user_name: z.string().optional(),
  channel_id: id,
  team_id: id.optional(),
  trigger_id: z.string().min(1),
  response_url: z.url().optional(),
});
export type SlashCommandPayload = z.infer<typeof slashCommandPayload>;

export const blockActionPayload = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id, name: z.string().optional(), team_id: id.optional() }),
  channel: z.object({ id }).optional(),
  container: z.object({ channel_id: id.optional(), message_ts: z.string().optional() }).loose().optional(),
  message: z.object({ ts: z.string() }).loose().optional(),
  response_url: z.url().optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() }).loose())
    .min(1),
});
export type BlockActionPayload = z.infer<typeof blockActionPayload>;

export const viewSubmissionPayload = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id, name: z.string().optional(), team_id: id.optional() }),
  view: z.object({
    id: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionPayload>;
