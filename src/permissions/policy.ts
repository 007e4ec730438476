import { type Operation, type OperationCatalogue, operationClass } from '../api/catalogue';
import type { BotConfig } from './bot-config';

/**
 * Deny by default. A person's roles are the union of the roles of every `members` entry that names them, directly
 * or through a user group. Permission words: `*`, `read`, `write`, `audit`, `watch`, `Resource.*`, `Resource.OperationId`.
 */

export type Permission = string;

export interface Identity {
  userId: string;
  /** User-group ids (S…) the person belongs to, as far as they could be resolved. */
  groups: readonly string[];
}

export type Decision =
  | { allowed: true; roles: string[] }
  | { allowed: false; missing: Permission; roles: string[] };

const SPECIAL_WORDS = new Set(['*', 'read', 'write', 'audit', 'watch']);

export class PermissionPolicy {
  constructor(readonly config: BotConfig) {}

  rolesOf(who: Identity): string[] {
    const roles = new Set<string>();
    for (const id of [who.userId, ...who.groups]) {
      const entry = this.config.members[id];
      if (entry === undefined) continue;
      for (const role of typeof entry === 'string' ? [entry] : entry) roles.add(role);
    }
    return [...roles].sort();
  }

  /**
   * Checks one operation on one PBX; the denial names the operation key as the missing permission. A role with
   * `pbxs:` counts only on the PBXs it names; `pbx` left out means "wherever the role applies" (the bot's own
   * checks always name one).
   */
  checkOperation(who: Identity, op: Pick<Operation, 'key' | 'method'>, pbx?: string): Decision {
    const roles = this.rolesOf(who);
    const cls = operationClass(op);
    const key = op.key.toLowerCase();
    const resource = key.split('.')[0];
    const ok = this.rolesOn(roles, pbx).some((role) =>
      (this.config.roles[role]?.allow ?? []).some((word) => {
        const w = word.toLowerCase();
        return w === '*' || w === cls || w === key || (w.endsWith('.*') && w.slice(0, -2) === resource);
      }),
    );
    return ok ? { allowed: true, roles } : { allowed: false, missing: op.key, roles };
  }

  /** Checks a permission word that is not an operation, such as `audit` or `watch`. */
  checkWord(who: Identity, word: string, pbx?: string): Decision {
    const roles = this.rolesOf(who);
    const ok = this.rolesOn(roles, pbx).some((role) =>
      (this.config.roles[role]?.allow ?? []).some((w) => w === '*' || w.toLowerCase() === word.toLowerCase()),
    );
    return ok ? { allowed: true, roles } : { allowed: false, missing: word, roles };
  }

  /** The approval rule for an operation on a PBX, if any. */
  approvalFor(
    op: Pick<Operation, 'key' | 'method'>,
    pbx?: string,
  ): BotConfig['approvals'][number] | undefined {
    const cls = operationClass(op);
    return this.config.approvals.find(
      (rule) =>
        (pbx === undefined || !rule.pbxs || rule.pbxs.some((p) => matchesPbx(p, pbx))) &&
        rule.operations.some((pattern) => pattern.toLowerCase() === cls || matchesKey(pattern, op.key)),
    );
  }

  /** Whether any of the person's roles applies on `pbx` at all: who may see that PBX in `fleet`. */
  appliesOn(who: Identity, pbx: string): boolean {
    return this.rolesOn(this.rolesOf(who), pbx).length > 0;
  }

  private rolesOn(roles: string[], pbx: string | undefined): string[] {
    if (pbx === undefined) return roles;
    return roles.filter((role) => {
      const where = this.config.roles[role]?.pbxs;
      return !where || where.some((p) => matchesPbx(p, pbx));
    });
  }

  /** Every user-group id the policy mentions: the only groups worth resolving. */
  groupIds(): string[] {
    const ids = new Set<string>();
    for (const id of Object.keys(this.config.members)) if (id.startsWith('S')) ids.add(id);
    for (const rule of this.config.approvals)
      for (const id of rule.approvers) if (id.startsWith('S')) ids.add(id);
    return [...ids];
  }
}

/** Whether someone is among an approvals rule's approvers, by their own id or one of their user groups. */
export function isListedApprover(approvers: string[], who: Identity): boolean {
  return approvers.some((id) => id === who.userId || who.groups.includes(id));
}

/** `customer-*` matches `customer-acme`; names compare without case. */
export function matchesPbx(pattern: string, pbx: string): boolean {
  const p = pattern.toLowerCase();
  const name = pbx.toLowerCase();
  if (!p.includes('*')) return p === name;
  const re = new RegExp(
    `^${p
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(name);
}

export function matchesKey(pattern: string, key: string): boolean {
  const p = pattern.toLowerCase();
  const k = key.toLowerCase();
  return p === '*' || p === k || (p.endsWith('.*') && k.startsWith(p.slice(0, -1)));
}

/** Start-up check: every operation pattern in the config names something the catalogue has. */
export function unknownPatterns(config: BotConfig, catalogue: OperationCatalogue): string[] {
  const problems: string[] = [];
  const check = (where: string, pattern: string) => {
    if (SPECIAL_WORDS.has(pattern.toLowerCase())) return;
    const resourceWildcard = pattern.endsWith('.*');
    const found = resourceWildcard
      ? catalogue.operations.some((op) => matchesKey(pattern, op.key))
      : catalogue.get(pattern) !== undefined;
    if (!found) {
      const guess = catalogue.suggest(pattern, 1)[0];
      problems.push(
        `${where}: "${pattern}" matches no XAPI operation${guess ? ` (did you mean ${guess}?)` : ''}`,
      );
    }
  };
  for (const [name, role] of Object.entries(config.roles))
    for (const w of role.allow) check(`roles.${name}.allow`, w);
  config.approvals.forEach((rule, i) => {
    for (const w of rule.operations)
      if (w !== 'read' && w !== 'write') check(`approvals[${i}].operations`, w);
  });
  // `confirm:` names operations only: `read`, `write` or `*` there would be a typo or a mistake, so they are not
  // let through as the special words of roles are.
  config.confirm.forEach((w, i) => {
    if (SPECIAL_WORDS.has(w.toLowerCase()))
      problems.push(
        `confirm[${i}]: "${w}" is not an operation; name operations (Queues.UpdateQueue) or resources (Trunks.*)`,
      );
    else check(`confirm[${i}]`, w);
  });
  return problems;
}
