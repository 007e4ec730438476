import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * BOT_CONFIG: who may do what. Read and checked once at start; a bad file stops start-up with the key, the problem
 * and the fix.
 */

const slackUserOrGroup = /^[UWS][A-Z0-9]+$/;
const slackChannel = /^[CGD][A-Z0-9]{2,}$/;

const roleShape = z.strictObject({ allow: z.array(z.string().min(1)).min(1) });

const approvalShape = z.strictObject({
  operations: z.array(z.string().min(1)).min(1),
  approvers: z
    .array(z.string().regex(slackUserOrGroup, 'must be Slack user ids (U…/W…) or user-group ids (S…)'))
    .min(1),
  /** How long a request waits for a decision. */
  expires_minutes: z.number().int().min(1).max(10_080).default(60),
});

export const botConfigShape = z.strictObject({
  roles: z.record(z.string().regex(/^[\w-]+$/, 'role names use letters, digits, - and _'), roleShape),
  // Keys are checked after parsing: zod's record-key error does not name the key.
  members: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).default({}),
  approvals: z.array(approvalShape).default([]),
  channels: z
    .strictObject({
      mcu_approvals: z.string().regex(slackChannel, 'must be a Slack channel id (C…)').optional(),
      /** Where approval requests go (DESIGN §3); default: where they were asked, and to each approver by DM. */
      approvals: z.string().regex(slackChannel, 'must be a Slack channel id (C…)').optional(),
    })
    .default({}),
});

export type BotConfig = z.infer<typeof botConfigShape>;

export class BotConfigError extends Error {
  override readonly name = 'BotConfigError';
}

/** An empty policy: nobody may run anything until an operator writes a BOT_CONFIG. */
export const EMPTY_BOT_CONFIG: BotConfig = { roles: {}, members: {}, approvals: [], channels: {} };

export function parseBotConfig(text: string, source: string): BotConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new BotConfigError(`${source} is not valid YAML: ${(err as Error).message}`);
  }
  const result = botConfigShape.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const where = issue.path.join('.') || '(top level)';
      const fix =
        issue.code === 'unrecognized_keys'
          ? ' (allowed keys: roles, members, approvals, channels; see README)'
          : '';
      return `${where}: ${issue.message}${fix}`;
    });
    throw new BotConfigError(`${source} is invalid:\n- ${lines.join('\n- ')}`);
  }
  const config = result.data;
  const badIds = Object.keys(config.members).filter((id) => !slackUserOrGroup.test(id));
  if (badIds.length > 0) {
    const lines = badIds.map(
      (id) =>
        `members.${id}: "${id}" is not a Slack user id (U…/W…) or user-group id (S…); copy it from the person's profile › ⋯ › Copy member ID`,
    );
    throw new BotConfigError(`${source} is invalid:\n- ${lines.join('\n- ')}`);
  }
  const undefinedRoles: string[] = [];
  for (const [member, roles] of Object.entries(config.members)) {
    for (const role of typeof roles === 'string' ? [roles] : roles) {
      if (!(role in config.roles))
        undefinedRoles.push(`members.${member}: role "${role}" is not defined under roles`);
    }
  }
  if (undefinedRoles.length > 0) {
    const known = Object.keys(config.roles).join(', ') || 'none';
    throw new BotConfigError(
      `${source} is invalid:\n- ${undefinedRoles.join('\n- ')} (defined roles: ${known})`,
    );
  }
  // Being named an approver is not a permission: an approver also needs a role that allows the operation. One
  // with no role at all could never decide anything, so say so now rather than at their first click.
  const roleless = config.approvals.flatMap((rule, i) =>
    rule.approvers
      .filter((id) => config.members[id] === undefined)
      .map(
        (id) =>
          `approvals[${i}].approvers: ${id} holds no role under members, so their decisions could never count (an approver needs a role that allows the operation); add "${id}: <role>" under members or remove them from the rule`,
      ),
  );
  if (roleless.length > 0) throw new BotConfigError(`${source} is invalid:\n- ${roleless.join('\n- ')}`);
  return config;
}

export function readBotConfig(file: string): BotConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BotConfigError(
      `BOT_CONFIG: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  return parseBotConfig(text, file);
}
