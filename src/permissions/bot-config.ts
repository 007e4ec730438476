import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * BOT_CONFIG: who may do what. Read and checked once at start; a bad file stops start-up with the key, the problem
 * and the fix.
 */

const slackUserOrGroup = /^[UWS][A-Z0-9]+$/;
const slackChannel = /^[CGD][A-Z0-9]{2,}$/;

/** PBX names as `pbxs:`, `channels.pbx` and `--pbx` use them: short, no spaces, so they can be typed. */
export const PBX_NAME = /^[a-z0-9][\w.-]{0,63}$/i;
const pbxName = z.string().regex(PBX_NAME, 'PBX names use letters, digits, ., - and _ (at most 64)');
/** `alpha`, `customer-*`, `*`: which PBXs a role or an approvals rule applies to. */
const pbxPatterns = z
  .array(z.string().regex(/^[\w.*-]+$/, 'use PBX names or patterns such as customer-*'))
  .min(1);

const roleShape = z.strictObject({
  allow: z.array(z.string().min(1)).min(1),
  /** Where the role applies (default: every PBX). */
  pbxs: pbxPatterns.optional(),
});

/**
 * One PBX of `pbxs:`. The secret itself never stands here: `client_secret_env` names an environment variable,
 * `client_secret_file` a file (a mounted secret). A `client_secret` key is refused with a sentence (see below).
 */
const pbxShape = z.strictObject({
  url: z.union([z.literal('simulator'), z.url({ protocol: /^https?$/ })]),
  client_id: z.string().min(1).optional(),
  client_secret_env: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
    .optional(),
  client_secret_file: z.string().min(1).optional(),
  ca_file: z.string().min(1).optional(),
  insecure_tls: z.boolean().optional(),
  /** Per-call timeout in ms (default THREECX_TIMEOUT_MS). */
  timeout: z.number().int().min(100).max(600_000).optional(),
  /** Calls in flight at once (default THREECX_MAX_CONCURRENCY). */
  concurrency: z.number().int().min(1).max(256).optional(),
  /** Free words shown in `fleet` and help (`site: Leeds`, `customer: Acme`). */
  labels: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Where this PBX's MCU requests are announced (default channels.mcu_approvals). */
  mcu_channel: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id (C…)')
    .optional(),
});

const approvalShape = z.strictObject({
  operations: z.array(z.string().min(1)).min(1),
  approvers: z
    .array(z.string().regex(slackUserOrGroup, 'must be Slack user ids (U…/W…) or user-group ids (S…)'))
    .min(1),
  /** How long a request waits for a decision. */
  expires_minutes: z.number().int().min(1).max(10_080).default(60),
  /** The PBXs the rule covers (default: every PBX). */
  pbxs: pbxPatterns.optional(),
});

export const botConfigShape = z.strictObject({
  /** Without it, the THREECX_* variables describe one PBX named `default`. */
  pbxs: z.record(pbxName, pbxShape).optional(),
  roles: z.record(z.string().regex(/^[\w-]+$/, 'role names use letters, digits, - and _'), roleShape),
  // Keys are checked after parsing: zod's record-key error does not name the key.
  members: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).default({}),
  approvals: z.array(approvalShape).default([]),
  /**
   * Operations that ask their asker to confirm, on top of the built-in ones (DESIGN §4), which cannot be removed:
   * keys or `Resource.*` (`Queues.UpdateQueue`, `Trunks.*`).
   */
  confirm: z.array(z.string().min(1)).default([]),
  channels: z
    .strictObject({
      mcu_approvals: z.string().regex(slackChannel, 'must be a Slack channel id (C…)').optional(),
      /** Where approval requests go (DESIGN §3); default: where they were asked, and to each approver by DM. */
      approvals: z.string().regex(slackChannel, 'must be a Slack channel id (C…)').optional(),
      /** Which PBX a channel talks to: `{ C0ALPHA: alpha }`. */
      pbx: z.record(z.string().regex(slackChannel, 'must be a Slack channel id (C…)'), pbxName).optional(),
    })
    .default({}),
});

export type BotConfig = z.infer<typeof botConfigShape>;
export type PbxEntry = z.infer<typeof pbxShape>;

export class BotConfigError extends Error {
  override readonly name = 'BotConfigError';
}

/** An empty policy: nobody may run anything until an operator writes a BOT_CONFIG. */
export const EMPTY_BOT_CONFIG: BotConfig = {
  roles: {},
  members: {},
  approvals: [],
  confirm: [],
  channels: {},
};

export function parseBotConfig(text: string, source: string): BotConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new BotConfigError(`${source} is not valid YAML: ${(err as Error).message}`);
  }
  const plain = plainSecrets(raw);
  if (plain.length > 0) throw new BotConfigError(`${source} is invalid:\n- ${plain.join('\n- ')}`);
  const result = botConfigShape.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const where = issue.path.join('.') || '(top level)';
      const fix =
        issue.code === 'unrecognized_keys' ? ` (allowed keys: ${allowedKeys(issue.path)}; see README)` : '';
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
  const pbxProblems = pbxReferences(config);
  if (pbxProblems.length > 0)
    throw new BotConfigError(`${source} is invalid:\n- ${pbxProblems.join('\n- ')}`);
  return config;
}

/** The PBX names BOT_CONFIG knows: those under `pbxs:`, or `default` (the THREECX_* one) without it. */
export function configuredPbxNames(config: BotConfig, defaultName = 'default'): string[] {
  return config.pbxs ? Object.keys(config.pbxs) : [defaultName];
}

/** A secret typed into the YAML is refused before anything else is read: the file is often in a repository. */
function plainSecrets(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || !('pbxs' in raw)) return [];
  const pbxs = (raw as { pbxs?: unknown }).pbxs;
  if (!pbxs || typeof pbxs !== 'object') return [];
  return Object.entries(pbxs as Record<string, unknown>)
    .filter(([, entry]) => entry && typeof entry === 'object' && 'client_secret' in entry)
    .map(
      ([name]) =>
        `pbxs.${name}.client_secret: a secret never stands in BOT_CONFIG itself; put it in an environment variable and name it with client_secret_env (e.g. client_secret_env: ${envName(name)}), or in a file named by client_secret_file`,
    );
}

function envName(pbx: string): string {
  return `${pbx.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_SECRET`;
}

function allowedKeys(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'pbxs, roles, members, approvals, confirm, channels';
  if (path[0] === 'channels') return 'mcu_approvals, approvals, pbx';
  if (path[0] === 'pbxs')
    return 'url, client_id, client_secret_env, client_secret_file, ca_file, insecure_tls, timeout, concurrency, labels, mcu_channel';
  if (path[0] === 'roles') return 'allow, pbxs';
  if (path[0] === 'approvals') return 'operations, approvers, expires_minutes, pbxs';
  return 'see README';
}

/** `channels.pbx` must name PBXs that exist, and each `pbxs:` entry says where its secret is. */
function pbxReferences(config: BotConfig): string[] {
  const problems: string[] = [];
  const names = config.pbxs ? Object.keys(config.pbxs) : undefined;
  for (const [name, entry] of Object.entries(config.pbxs ?? {})) {
    if (entry.url === 'simulator') continue;
    if (!entry.client_id)
      problems.push(
        `pbxs.${name}.client_id: missing; the id of the API client created in the 3CX console (Admin › Integrations › API)`,
      );
    if (!entry.client_secret_env && !entry.client_secret_file)
      problems.push(
        `pbxs.${name}: no secret; add client_secret_env: ${envName(name)} (an environment variable holding it) or client_secret_file: /run/secrets/${name}`,
      );
  }
  // Without `pbxs:` the one PBX's name comes from the environment; start-up checks the bindings against it.
  for (const [channel, pbx] of Object.entries(names ? (config.channels.pbx ?? {}) : {})) {
    if (!names?.includes(pbx))
      problems.push(`channels.pbx.${channel}: "${pbx}" is not under pbxs: (PBXs: ${names?.join(', ')})`);
  }
  return problems;
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
